import os

CORPUS_TABLES = [
    "documents",
    "front_matter",
    "sections",
    "paragraphs",
    "footnotes",
    "references",
    "citations",
    "citation_integrity",
    "links",
    "skipped",
]


rule parse:
    input:
        inventory=rules.inventory.output.inventory,
    output:
        shard="results/ingest/shards/shard-{shard}.jsonl",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "on_error", "ingest"),
        # a change to the parsing code re-runs the shards (the per-document cache is keyed on it too)
        parser=parser_fingerprint(),
    log:
        "logs/ingest/parse-{shard}.log",
    benchmark:
        "logs/benchmarks/parse-{shard}.tsv"
    shell:
        "{params.discourse} parse --config-json {params.config:q} --inventory {input.inventory}"
        " --shard {wildcards.shard} --out {output.shard} > {log} 2>&1"


rule tables:
    input:
        shards=expand(rules.parse.output.shard, shard=SHARDS),
        inventory=rules.inventory.output.inventory,
        inventory_skipped=rules.inventory.output.skipped,
    output:
        tables=expand("results/ingest/{table}.parquet", table=CORPUS_TABLES),
    params:
        discourse=DISCOURSE,
        out_dir=lambda wildcards, output: os.path.dirname(output.tables[0]),
    log:
        "logs/ingest/tables.log",
    benchmark:
        "logs/benchmarks/tables.tsv"
    shell:
        "{params.discourse} tables {input.shards} --inventory {input.inventory}"
        " --inventory-skipped {input.inventory_skipped} --out-dir {params.out_dir} > {log} 2>&1"

