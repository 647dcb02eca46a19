REPORT_JOB = REPORT.job("report")


rule report:
    input:
        # the store depends on every table, so the report is built from a complete run
        db=rules.store.output.db,
        manifest=rules.store.output.manifest,
        topic_figures=[rules.topic_select.output.figure_svg, rules.topic_report.output.figure_svg],
        evaluation=rules.evaluate.output.scores if EVALUATION_GOLD else [],
    output:
        **rule_outputs(REPORT_JOB),
    params:
        discourse=DISCOURSE,
        config=job_config(config, REPORT_JOB),
        arguments=arguments(REPORT_JOB),
    log:
        REPORT_JOB.log,
    benchmark:
        REPORT_JOB.benchmark
    shell:
        "{params.discourse} report --config-json {params.config:q} {params.arguments} > {log} 2>&1"
