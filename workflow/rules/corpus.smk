rule fetch_ungdc:
    output:
        status="results/corpus/ungdc_status.json",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "ungdc"),
    log:
        "logs/corpus/fetch_ungdc.log",
    benchmark:
        "logs/benchmarks/fetch_ungdc.tsv"
    shell:
        "{params.discourse} corpus fetch --config-json {params.config:q} --status-out {output.status} > {log} 2>&1"


rule inventory:
    input:
        files=local_corpus_files(config),
        ungdc_status=rules.fetch_ungdc.output.status,
    output:
        inventory="results/corpus/inventory.parquet",
        skipped="results/corpus/inventory_skipped.parquet",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "registry", "corpora", "on_error", "ingest", "ungdc"),
    log:
        "logs/corpus/inventory.log",
    benchmark:
        "logs/benchmarks/inventory.tsv"
    shell:
        "{params.discourse} inventory --config-json {params.config:q} --ungdc-status {input.ungdc_status}"
        " --out {output.inventory} --skipped-out {output.skipped} > {log} 2>&1"
