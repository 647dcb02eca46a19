# Values shared by the rule files. Every rule is wiring only: its outputs, log and benchmark come from
# the job its stage module declares (discourse.<stage>.stage.STAGE), its shell line is one call into
# the package with the declared options (discourse.workflow.arguments).
import json

from discourse import stages
from discourse.evaluate import EVALUATION, configured_gold, evaluation_fingerprint
from discourse.framing.sentence import FramingSettings
from discourse.framing.stage import framing_fingerprint
from discourse.ingest.parse import parser_fingerprint
from discourse.lexicons import load_themes
from discourse.nlp.pipeline import NlpSettings
from discourse.nlp.stage import nlp_fingerprint
from discourse.report.stage import STAGE as REPORT
from discourse.topics.engines import ENGINES
from discourse.workflow import arguments, job_config, local_corpus_files, package_command, rule_outputs

DISCOURSE = package_command()
SHARDS = list(range(config["ingest"]["shards"]))
EVALUATION_GOLD = configured_gold(config)
CORPUS, INGEST, NLP, ACTORS, TOPICS, FRAMING, COMPARE, STORE = stages.STAGES
