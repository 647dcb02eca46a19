"""The config schema is the only source of defaults: settings objects receive exactly its defaults, typos
and repeated values are rejected, and config/config.yaml and docs/configuration.md agree with it."""

from __future__ import annotations

import dataclasses
import inspect
import re

import numpy as np
import pytest
import scipy.sparse as sp
import yaml

from discourse.config import describe_config, load_config, load_schema, schema_keys, validate_config
from discourse.corpus.ungdc import MIRROR_ENV, UngdcSettings
from discourse.framing.sentence import FramingSettings
from discourse.nlp.pipeline import NlpSettings
from discourse.report import build, sections
from discourse.report.sections import settings_from
from discourse.topics.engines import ENGINES, fit_model
from discourse.topics.preprocess import TopicSettings
from tests.conftest import ROOT

SETTINGS_CLASSES = [NlpSettings, TopicSettings, FramingSettings, UngdcSettings]


def schema_defaults(node: dict) -> dict:
    """The defaults as the schema states them, read from the schema alone (not through the validator)."""
    return {name: schema_defaults(sub) if "properties" in sub else sub["default"]
            for name, sub in node["properties"].items()}


@pytest.fixture(scope="module")
def defaults() -> dict:
    return schema_defaults(load_schema())


# --- one source of defaults ------------------------------------------------------------------------


def test_every_key_has_a_default_and_an_empty_config_gets_them_all(defaults):
    assert validate_config({}) == defaults
    assert load_config(None) == defaults


@pytest.mark.parametrize("cls", SETTINGS_CLASSES, ids=lambda c: c.__name__)
def test_settings_classes_state_no_defaults_of_their_own(cls):
    for field in dataclasses.fields(cls):
        assert field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING, (
            f"{cls.__name__}.{field.name} has a default; defaults belong in the config schema")


def test_nlp_settings_receive_the_schema_defaults(defaults):
    settings = NlpSettings.from_config(validate_config({}))
    nlp = defaults["nlp"]
    assert set(nlp) == {"model", "batch_size", "gazetteer", "disable"}
    assert (settings.model, settings.batch_size, settings.gazetteer, settings.disable) == (
        nlp["model"], nlp["batch_size"], nlp["gazetteer"], tuple(nlp["disable"]))
    assert settings.merge == tuple(sorted(defaults["actors"]["merge"].items()))


def test_topic_settings_receive_the_schema_defaults(defaults):
    settings = TopicSettings.from_config(validate_config({}))
    assert dataclasses.asdict(settings) == defaults["topics"]["preprocess"]  # same keys, same values


def test_framing_settings_receive_the_schema_defaults(defaults):
    settings = FramingSettings.from_config(validate_config({}))
    assert set(defaults["framing"]) == {"frames", "certainty", "relations", "events", "max_relation_tokens"}
    assert dataclasses.asdict(settings) == {"themes": defaults["themes"]["codebook"], **defaults["framing"]}


def test_ungdc_settings_receive_the_schema_defaults(defaults, tmp_path, monkeypatch):
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    settings = UngdcSettings.from_config(validate_config({})["ungdc"], tmp_path)
    expected = dict(defaults["ungdc"])
    expected.update(cache_dir=tmp_path / expected["cache_dir"], lock_file=tmp_path / expected["lock_file"],
                    countries=tuple(expected["countries"]), timeout_s=float(expected["timeout_s"]))
    assert dataclasses.asdict(settings) == expected


def test_report_settings_are_the_schema_defaults_and_all_are_used(defaults):
    settings = settings_from(validate_config({}))
    assert {key: settings[key] for key in defaults["report"]} == defaults["report"]
    assert settings["dyads"] == [tuple(sorted(pair)) for pair in defaults["compare"]["dyads"]]
    from_elsewhere = set(settings) - set(defaults["report"])
    assert from_elsewhere <= {"dyads", *defaults["compare"]}, "report settings come from `report` or `compare`"
    for key in from_elsewhere - {"dyads"}:
        assert settings[key] == defaults["compare"][key]
    source = inspect.getsource(sections) + inspect.getsource(build)
    used = set(re.findall(r"""settings\[["'](\w+)["']\]""", source)) - from_elsewhere
    assert used == set(defaults["report"]), "every report key of the schema is read, and only those"


def test_compare_settings_receive_the_schema_defaults(defaults):
    compare_stage = pytest.importorskip("discourse.compare.stage")
    cls = compare_stage.CompareSettings
    for field in dataclasses.fields(cls):
        assert field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING, field.name
    settings = dataclasses.asdict(cls.from_config(validate_config({})))
    assert settings.pop("seed") == defaults["seed"]
    assert settings == {key: defaults["compare"][key] for key in settings}


class RecordingParams(dict):
    """A params block that records which keys an engine reads."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):  # a fallback in the engine would show up here
        raise AssertionError(f"engine reads params.get({key!r}, ...): its default belongs in the schema")


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_read_exactly_their_schema_params(engine, defaults):
    params = RecordingParams(validate_config({})["topics"]["params"][engine])
    rng = np.random.default_rng(0)
    counts = sp.csr_matrix(rng.poisson(1.0, size=(20, 8)).astype(np.int32))
    fit_model(engine, counts, [f"w{i}" for i in range(8)], 2, 1, params)
    assert params.read == set(defaults["topics"]["params"][engine])


def test_schema_params_cover_every_engine(defaults):
    assert set(defaults["topics"]["params"]) == set(ENGINES)


def test_compare_reference_group_defaults_to_the_paper(defaults):
    assert defaults["compare"]["reference_group"] == "paper"


# --- typos and repeated values ---------------------------------------------------------------------


@pytest.mark.parametrize("config, where, key", [
    ({"topics": {"preprocess": {"no_belwo": 3}}}, "topics/preprocess", "no_belwo"),
    ({"report": {"max_rowz": 10}}, "report", "max_rowz"),
    ({"topics": {"params": {"nmf": {"max_iters": 100}}}}, "topics/params/nmf", "max_iters"),
    ({"topics": {"params": {"lda": {"iterations": 100}}}}, "topics/params", "lda"),
    ({"ungdc": {"year_mn": 1990}}, "ungdc", "year_mn"),
])
def test_misspelt_keys_are_rejected(config, where, key):
    with pytest.raises(ValueError, match=rf"invalid config at '{where}': .*'{key}' was unexpected"):
        validate_config(config)


def test_partial_engine_params_keep_the_other_defaults(defaults):
    params = validate_config({"topics": {"params": {"nmf": {"max_iter": 100}}}})["topics"]["params"]
    assert params["nmf"] == {**defaults["topics"]["params"]["nmf"], "max_iter": 100}  # init kept
    for engine in ENGINES:
        if engine != "nmf":
            assert params[engine] == defaults["topics"]["params"][engine]


def test_partial_blocks_keep_their_other_defaults(defaults):
    config = validate_config({"topics": {"preprocess": {"unit": "document"}}, "report": {"max_rows": 10}})
    assert config["topics"]["preprocess"] == {**defaults["topics"]["preprocess"], "unit": "document"}
    assert config["report"] == {**defaults["report"], "max_rows": 10}
    assert config["topics"]["k"] == defaults["topics"]["k"]


@pytest.mark.parametrize("config, where, repeated", [
    ({"topics": {"seeds": [1, 1]}}, "topics/seeds", "1"),
    ({"topics": {"k": [10, 15, 10]}}, "topics/k", "10"),
    ({"topics": {"engines": ["nmf", "nmf"]}}, "topics/engines", "nmf"),
    ({"corpora": ["paper", "paper"]}, "corpora", "paper"),
    ({"ungdc": {"countries": ["PAK", "RUS", "PAK"]}}, "ungdc/countries", "PAK"),
])
def test_repeated_values_are_rejected(config, where, repeated):
    # repeated seeds would give a stability of 1.0 by construction, which then wins the selection
    with pytest.raises(ValueError, match=rf"invalid config at '{where}': .* repeats {repeated}; each value may "
                                         "appear only once"):
        validate_config(config)


def test_year_range_must_be_in_order():
    with pytest.raises(ValueError, match=r"invalid config at 'ungdc/year_min': ungdc.year_min \(2000\) is after "
                                         r"ungdc.year_max \(1990\)"):
        validate_config({"ungdc": {"year_min": 2000, "year_max": 1990}})
    for years in ({"year_min": 1990, "year_max": 1990}, {"year_min": 2000}, {"year_max": 1950}):
        assert validate_config({"ungdc": years})["ungdc"]["year_min"] == years.get("year_min")


def test_load_config_names_the_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"topics": {"seeds": [2, 2]}}), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{re.escape(str(path))}: invalid config at 'topics/seeds'"):
        load_config(path)


# --- config/config.yaml and docs/configuration.md --------------------------------------------------


def leaves(config: dict, schema: dict, path: tuple[str, ...] = ()):
    """(path, value, schema) of every value of a config, down to the schema's leaves."""
    for key, value in config.items():
        sub = schema["properties"][key]
        if "properties" in sub and isinstance(value, dict):
            yield from leaves(value, sub, path + (key,))
        else:
            yield path + (key,), value, sub


def test_default_config_states_only_what_differs_from_the_schema():
    raw = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8")) or {}
    validate_config(raw)
    stated = list(leaves(raw, load_schema()))
    assert stated, "config/config.yaml states nothing"
    same = [".".join(path) for path, value, sub in stated if value == sub["default"]]
    assert not same, f"config/config.yaml repeats schema defaults: {same}"


def test_config_schema_link_points_at_the_packaged_schema():
    assert (ROOT / "config" / "schema.yaml").resolve() == (ROOT / "src" / "discourse" / "schemas" /
                                                           "config.schema.yaml").resolve()


def test_every_setting_is_described():
    undescribed = [".".join(path) for path, sub in schema_keys() if "properties" not in sub
                   and not sub.get("description")]
    assert not undescribed


def test_configuration_reference_is_generated_from_the_schema():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert text == describe_config(), ("docs/configuration.md is out of date; regenerate it with "
                                       "discourse.config.describe_config()")
    for path, sub in schema_keys():
        if "properties" not in sub:
            assert f"| `{'.'.join(path)}` |" in text


def test_readme_points_at_the_reference_instead_of_repeating_defaults():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    assert "docs/configuration.md" in section
    assert "| key | default |" not in section
