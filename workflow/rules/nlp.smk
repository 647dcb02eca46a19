NLP_TABLES = ["sentences", "entities", "actor_mentions"]


rule nlp:
    input:
        shard=rules.parse.output.shard,
    output:
        tables=expand("results/nlp/shards/shard-{{shard}}.{table}.parquet", table=NLP_TABLES),
        # the parsed paragraphs (spaCy DocBin), read by the framing stage instead of parsing again
        docbin="results/nlp/shards/shard-{shard}.spacy",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "nlp", "actors", "ingest"),
        # model, gazetteer or NLP code changes re-run the shards (the per-document cache is keyed on it too)
        fingerprint=nlp_fingerprint(NlpSettings.from_config(config)),
        out_dir=lambda wildcards, output: os.path.dirname(output.tables[0]),
    log:
        "logs/nlp/nlp-{shard}.log",
    benchmark:
        "logs/benchmarks/nlp-{shard}.tsv"
    shell:
        "{params.discourse} nlp --config-json {params.config:q} --shard {input.shard}"
        " --shard-name {wildcards.shard} --out-dir {params.out_dir} > {log} 2>&1"


rule nlp_table:
    input:
        shards=expand("results/nlp/shards/shard-{shard}.{{table}}.parquet", shard=SHARDS),
    output:
        table="results/nlp/{table}.parquet",
    wildcard_constraints:
        table="|".join(NLP_TABLES),
    params:
        discourse=DISCOURSE,
    log:
        "logs/nlp/{table}.log",
    shell:
        "{params.discourse} concat {wildcards.table} {input.shards} --out {output.table} > {log} 2>&1"


rule actors:
    input:
        mentions="results/nlp/actor_mentions.parquet",
        documents="results/ingest/documents.parquet",
    output:
        counts="results/actors/actor_counts.parquet",
        edges="results/actors/actor_cooccurrence.parquet",
        networks=directory("results/actors/networks"),
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "nlp", "actors"),
    log:
        "logs/actors/actors.log",
    benchmark:
        "logs/benchmarks/actors.tsv"
    shell:
        "{params.discourse} actors --config-json {params.config:q} --mentions {input.mentions}"
        " --documents {input.documents} --counts-out {output.counts} --edges-out {output.edges}"
        " --networks-dir {output.networks} > {log} 2>&1"
