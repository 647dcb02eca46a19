COMPARISON = COMPARE.job("compare")


rule compare:
    input:
        **{
            name: FRAMING.table_path(name)
            for name in ("sentence_framing", "relations", "speaker_relations", "document_certainty")
        },
        sentences=NLP.table_path("sentences"),
        documents=INGEST.table_path("documents"),
    output:
        **rule_outputs(COMPARISON),
    params:
        discourse=DISCOURSE,
        config=job_config(config, COMPARISON),
        arguments=arguments(COMPARISON),
    log:
        COMPARISON.log,
    benchmark:
        COMPARISON.benchmark
    shell:
        "{params.discourse} compare --config-json {params.config:q} {params.arguments} > {log} 2>&1"
