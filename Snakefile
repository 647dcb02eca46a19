# discourse workflow. Rules are wiring only: each calls one `discourse` subcommand.
from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "config/schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/corpus.smk"
include: "workflow/rules/ingest.smk"


rule all:
    input:
        rules.store.output,
    default_target: True
