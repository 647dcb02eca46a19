rule report:
    input:
        # the store depends on every table, so the report is built from a complete run
        db=rules.store.output.db,
        manifest=rules.store.output.manifest,
        topic_figures=[rules.topic_select.output.figure_svg, rules.topic_report.output.figure_svg],
        evaluation=rules.evaluate.output.scores if EVALUATION_GOLD else [],
    output:
        report=directory("results/report"),
        figures=expand("results/figures/{name}.{ext}", name=REPORT_FIGURES, ext=["png", "svg"]),
    params:
        discourse=DISCOURSE,
        config=stage_config(config, "seed", "actors", "compare", "report"),
        results_dir=lambda wildcards, input: os.path.dirname(input.manifest),
        figures_dir=lambda wildcards, output: os.path.dirname(output.figures[0]),
    log:
        "logs/report.log",
    benchmark:
        "logs/benchmarks/report.tsv"
    shell:
        "{params.discourse} report --config-json {params.config:q} --results-dir {params.results_dir}"
        " --out-dir {output.report} --figures-dir {params.figures_dir} > {log} 2>&1"
