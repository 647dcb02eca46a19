rule store:
    input:
        tables=rules.tables.output.tables
        + expand("results/nlp/{table}.parquet", table=NLP_TABLES)
        + ["results/actors/actor_counts.parquet", "results/actors/actor_cooccurrence.parquet"]
        + rules.topic_report.output.tables
        + [rules.topic_select.output.sweep]
        + expand("results/framing/{table}.parquet", table=FRAMING_TABLES)
        + rules.compare.output.tables,
        networks="results/actors/networks",
        inventory=rules.inventory.output.inventory,
        ungdc_status=rules.fetch_ungdc.output.status,
        benchmarks=expand("logs/benchmarks/{stage}-{shard}.tsv", stage=["parse", "nlp", "framing"], shard=SHARDS)
        + expand(
            "logs/benchmarks/{stage}.tsv",
            stage=["fetch_ungdc", "inventory", "tables", "actors", "topic_features", "topic_report", "compare"],
        ),
    output:
        db="results/discourse.duckdb",
        manifest="results/manifest.json",
    params:
        discourse=DISCOURSE,
        config=stage_config(
            config,
            "registry",
            "corpora",
            "seed",
            "on_error",
            "ingest",
            "ungdc",
            "nlp",
            "actors",
            "themes",
            "topics",
            "framing",
            "compare",
        ),
    log:
        "logs/store.log",
    shell:
        "{params.discourse} store --config-json {params.config:q} --tables {input.tables} --db {output.db}"
        " --inventory {input.inventory} --skipped results/ingest/skipped.parquet"
        " --ungdc-status {input.ungdc_status} --benchmarks {input.benchmarks}"
        " --manifest {output.manifest} > {log} 2>&1"
