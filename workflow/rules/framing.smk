FRAMING_TABLES = ["sentence_framing", "theme_matches", "frame_scores", "relations", "document_certainty"]
COMPARE_TABLES = ["frame_distribution", "frame_divergence", "keyness", "dyads", "certainty", "evidence"]


rule framing:
    input:
        docbin=rules.nlp.output.docbin,
    output:
        tables=expand("results/framing/shards/shard-{{shard}}.{table}.parquet", table=FRAMING_TABLES),
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "themes", "framing", "actors"),
        # an edited lexicon or framing code re-runs the shards
        fingerprint=framing_fingerprint(FramingSettings.from_config(config)),
        out_dir=lambda wildcards, output: os.path.dirname(output.tables[0]),
    log:
        "logs/framing/framing-{shard}.log",
    benchmark:
        "logs/benchmarks/framing-{shard}.tsv"
    shell:
        "{params.discourse} framing --config-json {params.config:q} --docbin {input.docbin}"
        " --shard-name {wildcards.shard} --out-dir {params.out_dir} > {log} 2>&1"


rule framing_table:
    input:
        shards=expand("results/framing/shards/shard-{shard}.{{table}}.parquet", shard=SHARDS),
    output:
        table="results/framing/{table}.parquet",
    wildcard_constraints:
        table="|".join(FRAMING_TABLES),
    params:
        discourse=DISCOURSE,
    log:
        "logs/framing/{table}.log",
    shell:
        "{params.discourse} concat {wildcards.table} {input.shards} --out {output.table} > {log} 2>&1"


rule compare:
    input:
        framing=expand("results/framing/{table}.parquet", table=FRAMING_TABLES),
        sentences="results/nlp/sentences.parquet",
        documents="results/ingest/documents.parquet",
    output:
        tables=expand("results/compare/{table}.parquet", table=COMPARE_TABLES),
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "seed", "actors", "compare"),
        framing_dir=lambda wildcards, input: os.path.dirname(input.framing[0]),
        out_dir=lambda wildcards, output: os.path.dirname(output.tables[0]),
    log:
        "logs/compare/compare.log",
    benchmark:
        "logs/benchmarks/compare.tsv"
    shell:
        "{params.discourse} compare --config-json {params.config:q} --framing-dir {params.framing_dir}"
        " --sentences {input.sentences} --documents {input.documents} --out-dir {params.out_dir} > {log} 2>&1"


rule evaluate:
    input:
        gold=EVALUATION_GOLD or [],
    output:
        scores="results/evaluation.json",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "nlp", "actors", "themes", "framing"),
        fingerprint=framing_fingerprint(FramingSettings.from_config(config)),
        nlp_fingerprint=nlp_fingerprint(NlpSettings.from_config(config)),
    log:
        "logs/evaluate.log",
    shell:
        "{params.discourse} evaluate --config-json {params.config:q} --gold {input.gold}"
        " --json-out {output.scores} > {log} 2>&1"
