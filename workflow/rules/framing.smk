FRAMING_SHARD = FRAMING.job("framing")
FRAMING_TABLE = FRAMING.job("framing_table")


rule framing:
    input:
        docbin=rules.nlp.output.docbin,
    output:
        **rule_outputs(FRAMING_SHARD),
    params:
        discourse=DISCOURSE,
        config=job_config(config, FRAMING_SHARD),
        # an edited lexicon or framing code re-runs the shards
        fingerprint=framing_fingerprint(FramingSettings.from_config(config)),
        arguments=arguments(FRAMING_SHARD),
    log:
        FRAMING_SHARD.log,
    benchmark:
        FRAMING_SHARD.benchmark
    shell:
        "{params.discourse} framing --config-json {params.config:q} {params.arguments} > {log} 2>&1"


rule framing_table:
    input:
        shards=lambda wildcards: expand(FRAMING_SHARD.outputs[wildcards.table], shard=SHARDS),
    output:
        **rule_outputs(FRAMING_TABLE),
    wildcard_constraints:
        table="|".join(FRAMING.tables),
    params:
        discourse=DISCOURSE,
        arguments=arguments(FRAMING_TABLE),
    log:
        FRAMING_TABLE.log,
    benchmark:
        FRAMING_TABLE.benchmark
    shell:
        "{params.discourse} concat {params.arguments} > {log} 2>&1"
