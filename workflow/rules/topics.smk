TOPIC_FEATURES = TOPICS.job("topic_features")
TOPIC_FIT = TOPICS.job("topic_fit")
TOPIC_SELECT = TOPICS.job("topic_select")
TOPIC_REPORT = TOPICS.job("topic_report")
SWEEP_MODELS = expand(
    TOPIC_FIT.outputs["model"], engine=config["topics"]["engines"], k=config["topics"]["k"], seed=config["topics"]["seeds"]
)


rule topic_features:
    input:
        sentences=NLP.table_path("sentences"),
        documents=INGEST.table_path("documents"),
    output:
        **rule_outputs(TOPIC_FEATURES),
    params:
        discourse=DISCOURSE,
        config=job_config(config, TOPIC_FEATURES),
        arguments=arguments(TOPIC_FEATURES),
    log:
        TOPIC_FEATURES.log,
    benchmark:
        TOPIC_FEATURES.benchmark
    shell:
        "{params.discourse} topics features --config-json {params.config:q} {params.arguments} > {log} 2>&1"


rule topic_fit:
    input:
        features=rules.topic_features.output.features,
        counts=rules.topic_features.output.counts,
    output:
        **rule_outputs(TOPIC_FIT),
    wildcard_constraints:
        engine="|".join(ENGINES),
        k=r"\d+",
        seed=r"-?\d+",
    params:
        discourse=DISCOURSE,
        config=job_config(config, TOPIC_FIT),
        arguments=arguments(TOPIC_FIT),
    log:
        TOPIC_FIT.log,
    benchmark:
        TOPIC_FIT.benchmark
    shell:
        "{params.discourse} topics fit --config-json {params.config:q} {params.arguments} > {log} 2>&1"


rule topic_select:
    input:
        models=SWEEP_MODELS,
    output:
        **rule_outputs(TOPIC_SELECT),
    params:
        discourse=DISCOURSE,
        config=job_config(config, TOPIC_SELECT),
        arguments=arguments(TOPIC_SELECT),
    log:
        TOPIC_SELECT.log,
    benchmark:
        TOPIC_SELECT.benchmark
    shell:
        "{params.discourse} topics select --config-json {params.config:q} {params.arguments} > {log} 2>&1"


rule topic_report:
    input:
        features=rules.topic_features.output.features,
        counts=rules.topic_features.output.counts,
        selection=rules.topic_select.output.selection,
        models=SWEEP_MODELS,
        documents=INGEST.table_path("documents"),
        paragraphs=INGEST.table_path("paragraphs"),
    output:
        **rule_outputs(TOPIC_REPORT),
    params:
        discourse=DISCOURSE,
        config=job_config(config, TOPIC_REPORT),
        # an edited theme codebook re-maps the topics to themes
        codebook=load_themes(config["themes"]["codebook"]).sha256,
        arguments=arguments(TOPIC_REPORT),
    log:
        TOPIC_REPORT.log,
    benchmark:
        TOPIC_REPORT.benchmark
    shell:
        "{params.discourse} topics report --config-json {params.config:q} {params.arguments} > {log} 2>&1"
