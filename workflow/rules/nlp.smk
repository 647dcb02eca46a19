NLP_SHARD = NLP.job("nlp")
NLP_TABLE = NLP.job("nlp_table")


rule nlp:
    input:
        parsed=rules.parse.output.shard,
    output:
        **rule_outputs(NLP_SHARD),
    params:
        discourse=DISCOURSE,
        config=job_config(config, NLP_SHARD),
        # model, gazetteer or NLP code changes re-run the shards (the per-document cache is keyed on it too)
        fingerprint=nlp_fingerprint(NlpSettings.from_config(config)),
        arguments=arguments(NLP_SHARD),
    log:
        NLP_SHARD.log,
    benchmark:
        NLP_SHARD.benchmark
    shell:
        "{params.discourse} nlp --config-json {params.config:q} {params.arguments} > {log} 2>&1"


rule nlp_table:
    input:
        shards=lambda wildcards: expand(NLP_SHARD.outputs[wildcards.table], shard=SHARDS),
    output:
        **rule_outputs(NLP_TABLE),
    wildcard_constraints:
        table="|".join(NLP.tables),
    params:
        discourse=DISCOURSE,
        arguments=arguments(NLP_TABLE),
    log:
        NLP_TABLE.log,
    benchmark:
        NLP_TABLE.benchmark
    shell:
        "{params.discourse} concat {params.arguments} > {log} 2>&1"
