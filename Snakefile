# discourse workflow. Rules are wiring only: each calls one `discourse` subcommand.
#
# `snakemake --lint` asks for a conda environment or container per rule. We deliberately run every
# rule in the project's own virtual environment, pinned by constraints.txt and built by `make`:
# conda channels are not reachable where this project is developed and tested, and one pinned
# environment for all rules is what the run manifest records.
from snakemake.utils import min_version

from discourse.config import validate_config
from discourse.io import remove_staging

min_version("9.0")


configfile: "config/config.yaml"


# the package's validation: config/schema.yaml (its defaults filled in) plus the cross-field checks
config.update(validate_config(config))


include: "workflow/rules/common.smk"
include: "workflow/rules/corpus.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/nlp.smk"
include: "workflow/rules/actors.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/framing.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/evaluate.smk"
include: "workflow/rules/store.smk"
include: "workflow/rules/report.smk"


onstart:
    # staging copies a hard-killed run left behind (the next run's lock keeps other runs out)
    remove_staging(["results", config["ingest"]["cache_dir"]])


rule all:
    input:
        rules.store.output,
        rules.report.output.report,
    default_target: True
