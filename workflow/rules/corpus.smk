FETCH_UNGDC = CORPUS.job("fetch_ungdc")
INVENTORY = CORPUS.job("inventory")


rule fetch_ungdc:
    output:
        **rule_outputs(FETCH_UNGDC),
    params:
        discourse=DISCOURSE,
        config=job_config(config, FETCH_UNGDC),
        arguments=arguments(FETCH_UNGDC),
    log:
        FETCH_UNGDC.log,
    benchmark:
        FETCH_UNGDC.benchmark
    shell:
        "{params.discourse} corpus fetch --config-json {params.config:q} {params.arguments} > {log} 2>&1"


rule inventory:
    input:
        # every file of the local corpora: adding, changing or removing one makes the inventory out of date
        files=local_corpus_files(config),
        ungdc_status=rules.fetch_ungdc.output.status,
    output:
        **rule_outputs(INVENTORY),
    params:
        discourse=DISCOURSE,
        config=job_config(config, INVENTORY),
        arguments=arguments(INVENTORY),
    log:
        INVENTORY.log,
    benchmark:
        INVENTORY.benchmark
    shell:
        "{params.discourse} inventory --config-json {params.config:q} {params.arguments} > {log} 2>&1"
