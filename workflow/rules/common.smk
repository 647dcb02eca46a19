# Helpers shared by the rule files: which inputs exist and which config each stage sees.
import json
import shlex
import sys

from discourse.corpus.workflow import local_corpus_files
from discourse.ingest.parse import parser_fingerprint

# The package command from the same environment as Snakemake itself, activated or not.
DISCOURSE = f"{shlex.quote(sys.executable)} -m discourse"
SHARDS = list(range(config["ingest"]["shards"]))


def stage_config(*keys):
    """The config sections a stage reads, as JSON, so a stage reruns only when they change."""
    return json.dumps({key: config[key] for key in keys}, sort_keys=True)
