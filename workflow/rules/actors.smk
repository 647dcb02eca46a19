ACTOR_AGGREGATES = ACTORS.job("actors")


rule actors:
    input:
        mentions=NLP.table_path("actor_mentions"),
        documents=INGEST.table_path("documents"),
    output:
        **rule_outputs(ACTOR_AGGREGATES),
    params:
        discourse=DISCOURSE,
        config=job_config(config, ACTOR_AGGREGATES),
        arguments=arguments(ACTOR_AGGREGATES),
    log:
        ACTOR_AGGREGATES.log,
    benchmark:
        ACTOR_AGGREGATES.benchmark
    shell:
        "{params.discourse} actors --config-json {params.config:q} {params.arguments} > {log} 2>&1"
