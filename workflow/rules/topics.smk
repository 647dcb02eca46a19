TOPIC_TABLES = [
    "topics",
    "topic_terms",
    "unit_topics",
    "document_topics",
    "representative_paragraphs",
    "prevalence",
    "topic_themes",
]


rule topic_features:
    input:
        sentences="results/nlp/sentences.parquet",
        documents="results/ingest/documents.parquet",
    output:
        features="results/topics/features/features.json",
        counts="results/topics/features/counts.npz",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "topics"),
        out_dir=lambda wildcards, output: os.path.dirname(output.features),
    log:
        "logs/topics/features.log",
    benchmark:
        "logs/benchmarks/topic_features.tsv"
    shell:
        "{params.discourse} topics features --config-json {params.config:q} --sentences {input.sentences}"
        " --documents {input.documents} --out-dir {params.out_dir} > {log} 2>&1"


rule topic_fit:
    input:
        features=rules.topic_features.output.features,
        counts=rules.topic_features.output.counts,
    output:
        model="results/topics/sweep/{engine}/k{k}/seed{seed}/model.json",
        arrays="results/topics/sweep/{engine}/k{k}/seed{seed}/arrays.npz",
    wildcard_constraints:
        engine="tomotopy|gensim_lda|gensim_lda_multicore|nmf",
        k=r"\d+",
        seed=r"-?\d+",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "topics"),
        features_dir=lambda wildcards, input: os.path.dirname(input.features),
        out_dir=lambda wildcards, output: os.path.dirname(output.model),
    log:
        "logs/topics/fit-{engine}-k{k}-seed{seed}.log",
    benchmark:
        "logs/benchmarks/topic_fit-{engine}-k{k}-seed{seed}.tsv"
    shell:
        "{params.discourse} topics fit --config-json {params.config:q} --features {params.features_dir}"
        " --engine {wildcards.engine} --k {wildcards.k} --seed {wildcards.seed} --out-dir {params.out_dir}"
        " > {log} 2>&1"


rule topic_select:
    input:
        models=expand(
            "results/topics/sweep/{engine}/k{k}/seed{seed}/model.json",
            engine=config["topics"]["engines"],
            k=config["topics"]["k"],
            seed=config["topics"]["seeds"],
        ),
    output:
        sweep="results/topics/sweep.parquet",
        selection="results/topics/selection.json",
        figure_png="results/figures/topic_sweep.png",
        figure_svg="results/figures/topic_sweep.svg",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "topics"),
        runs=lambda wildcards, input: [os.path.dirname(m) for m in input.models],
        figure=lambda wildcards, output: os.path.splitext(output.figure_png)[0],
    log:
        "logs/topics/select.log",
    shell:
        "{params.discourse} topics select {params.runs} --config-json {params.config:q}"
        " --sweep-out {output.sweep} --selection-out {output.selection} --figure {params.figure} > {log} 2>&1"


rule topic_report:
    input:
        features=rules.topic_features.output.features,
        selection=rules.topic_select.output.selection,
        models=rules.topic_select.input.models,
        documents="results/ingest/documents.parquet",
        paragraphs="results/ingest/paragraphs.parquet",
    output:
        tables=expand("results/topics/{table}.parquet", table=TOPIC_TABLES),
        structure="results/topics/paper_structure.json",
        figure_png="results/figures/topic_prevalence_by_decade.png",
        figure_svg="results/figures/topic_prevalence_by_decade.svg",
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "topics", "themes", "seed", "ungdc"),
        # an edited theme codebook re-maps the topics to themes
        codebook=load_themes(config["themes"]["codebook"]).sha256,
        features_dir=lambda wildcards, input: os.path.dirname(input.features),
        # results/topics/sweep: the models are <sweep>/<engine>/k<K>/seed<S>/model.json
        sweep_dir=lambda wildcards, input: Path(input.models[0]).parents[3],
        out_dir=lambda wildcards, output: os.path.dirname(output.structure),
        figures_dir=lambda wildcards, output: os.path.dirname(output.figure_png),
    log:
        "logs/topics/report.log",
    benchmark:
        "logs/benchmarks/topic_report.tsv"
    shell:
        "{params.discourse} topics report --config-json {params.config:q} --features {params.features_dir}"
        " --sweep-dir {params.sweep_dir} --selection {input.selection} --documents {input.documents}"
        " --paragraphs {input.paragraphs} --out-dir {params.out_dir} --figures-dir {params.figures_dir}"
        " > {log} 2>&1"
