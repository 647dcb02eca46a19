# Values shared by the rule files; the logic behind them lives in the package.
from pathlib import Path

from discourse.corpus.workflow import local_corpus_files, package_command, stage_config
from discourse.evaluate import configured_gold
from discourse.framing.sentence import FramingSettings
from discourse.framing.stage import framing_fingerprint
from discourse.framing.themes import load_themes
from discourse.ingest.parse import parser_fingerprint
from discourse.report.build import REPORT_FIGURES
from discourse.nlp.pipeline import NlpSettings
from discourse.nlp.stage import nlp_fingerprint

DISCOURSE = package_command()
SHARDS = list(range(config["ingest"]["shards"]))
EVALUATION_GOLD = configured_gold(config)
