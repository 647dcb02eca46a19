PARSE = INGEST.job("parse")
TABLES = INGEST.job("tables")


rule parse:
    input:
        inventory=rules.inventory.output.inventory,
    output:
        **rule_outputs(PARSE),
    params:
        discourse=DISCOURSE,
        config=job_config(config, PARSE),
        # a change to the parsing code re-runs the shards (the per-document cache is keyed on it too)
        parser=parser_fingerprint(),
        arguments=arguments(PARSE),
    log:
        PARSE.log,
    benchmark:
        PARSE.benchmark
    shell:
        "{params.discourse} parse --config-json {params.config:q} {params.arguments} > {log} 2>&1"


rule tables:
    input:
        shards=expand(rules.parse.output.shard, shard=SHARDS),
        inventory=rules.inventory.output.inventory,
        inventory_skipped=rules.inventory.output.skipped,
    output:
        **rule_outputs(TABLES),
    params:
        discourse=DISCOURSE,
        arguments=arguments(TABLES),
    log:
        TABLES.log,
    benchmark:
        TABLES.benchmark
    shell:
        "{params.discourse} tables {params.arguments} > {log} 2>&1"
