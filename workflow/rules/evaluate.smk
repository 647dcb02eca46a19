rule evaluate:
    input:
        gold=EVALUATION_GOLD or [],
    output:
        scores=EVALUATION,
    params:
        discourse=DISCOURSE,
        config=json.dumps({key: config[key] for key in ("nlp", "actors", "themes", "framing")}, sort_keys=True),
        # the model, gazetteer, lexicons or the code they run changed: score again
        fingerprint=evaluation_fingerprint(config),
    log:
        "logs/evaluate.log",
    shell:
        "{params.discourse} evaluate --config-json {params.config:q} --gold {input.gold}"
        " --json-out {output.scores} > {log} 2>&1"
