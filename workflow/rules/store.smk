STORE_JOB = STORE.job("store")


rule store:
    input:
        tables=list(stages.table_paths().values()),
        networks=rules.actors.output.networks,
        inventory=rules.inventory.output.inventory,
        ungdc_status=rules.fetch_ungdc.output.status,
        # every job's timing, the topic fits included
        benchmarks=stages.benchmark_paths(config),
    output:
        **rule_outputs(STORE_JOB),
    params:
        discourse=DISCOURSE,
        config=job_config(config, STORE_JOB),
        arguments=arguments(STORE_JOB),
    log:
        STORE_JOB.log,
    shell:
        "{params.discourse} store --config-json {params.config:q} {params.arguments} > {log} 2>&1"
