# Values shared by the rule files; the logic behind them lives in the package.
from discourse.corpus.workflow import local_corpus_files, package_command, stage_config
from discourse.ingest.parse import parser_fingerprint
from discourse.nlp.pipeline import NlpSettings
from discourse.nlp.stage import nlp_fingerprint

DISCOURSE = package_command()
SHARDS = list(range(config["ingest"]["shards"]))
