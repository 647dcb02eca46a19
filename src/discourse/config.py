"""Load and validate the workflow configuration against its JSON schema, filling in defaults.

The schema (src/discourse/schemas/config.schema.yaml, linked as config/schema.yaml) is the only place
a default is stated: settings objects are built from a validated config and have none of their own.
"""

from __future__ import annotations

import copy
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import yaml

CONFIG_SCHEMA = resources.files("discourse") / "schemas" / "config.schema.yaml"
SCHEMA_PATH = "src/discourse/schemas/config.schema.yaml"


def _with_defaults(validator_class):
    validate_properties = validator_class.VALIDATORS["properties"]

    def set_defaults(validator, properties, instance, schema):
        for name, subschema in properties.items():
            if isinstance(instance, dict) and "default" in subschema:
                instance.setdefault(name, copy.deepcopy(subschema["default"]))
        yield from validate_properties(validator, properties, instance, schema)

    return jsonschema.validators.extend(validator_class, {"properties": set_defaults})


def load_schema() -> dict[str, Any]:
    return yaml.safe_load(CONFIG_SCHEMA.read_text(encoding="utf-8"))


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "uniqueItems" and isinstance(error.instance, list):
        counts = Counter(_flow(item) for item in error.instance)
        repeated = ", ".join(item for item, n in counts.items() if n > 1)
        return f"{_flow(error.instance)} repeats {repeated}; each value may appear only once"
    return error.message


def _cross_field_errors(config: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(path, message) of what the schema cannot express: relations between keys."""
    ungdc = config["ungdc"]
    if ungdc["year_min"] is not None and ungdc["year_max"] is not None and ungdc["year_min"] > ungdc["year_max"]:
        yield ("ungdc/year_min", f"ungdc.year_min ({ungdc['year_min']}) is after ungdc.year_max "
                                 f"({ungdc['year_max']}); no speech could be selected")


def validate_config(config: dict[str, Any]) -> dict[str, Any]:
    """Return a validated copy with defaults filled in; raise ValueError naming the bad key."""
    config = copy.deepcopy(config or {})
    validator = _with_defaults(jsonschema.Draft202012Validator)(load_schema())
    errors = sorted(validator.iter_errors(config), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.path) or "(top level)"
        raise ValueError(f"invalid config at '{where}': {_message(error)}")
    for where, message in _cross_field_errors(config):
        raise ValueError(f"invalid config at '{where}': {message}")
    return config


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """Read a YAML config file (or none: all defaults) and validate it."""
    if path is None:
        return validate_config({})
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read config: {error}") from None
    try:
        return validate_config(data)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


# ---------------------------------------------------------------- the configuration reference

def schema_keys(schema: dict[str, Any] | None = None) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(key path, subschema) of every key the schema describes, parents before their children."""

    def walk(node: dict[str, Any], path: tuple[str, ...]):
        for name, sub in node.get("properties", {}).items():
            yield path + (name,), sub
            yield from walk(sub, path + (name,))

    yield from walk(schema or load_schema(), ())


def _flow(value: Any) -> str:
    """A value as it would be written in the config (YAML flow style)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str) and value == "":
        return '""'
    return str(value)


_PLURAL = {"string": "strings", "integer": "integers", "number": "numbers", "boolean": "booleans",
           "object": "objects"}


def _type_of(schema: dict[str, Any], plural: bool = False) -> str:
    """A schema's type in words: `string or null`, `list of integers >= 2`, one of `fail`, `skip`."""
    if "enum" in schema:
        values = ", ".join(f"`{_flow(v)}`" for v in schema["enum"])
        return f"({values})" if plural else f"one of {values}"
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return " or ".join(_PLURAL.get(k, k) if plural else k for k in kind)
    if kind == "array":
        items = schema.get("items")
        if not items:
            return "lists" if plural else "list"
        return f"{'lists' if plural else 'list'} of {_item_type(items)}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"mapping to {_type_of(schema['additionalProperties'], plural=True)}"
    return _PLURAL.get(kind, kind) if plural else kind


def _item_type(items: dict[str, Any]) -> str:
    if items.get("type") == "array" and "items" in items:
        inner = _type_of(items["items"], plural=True)
        if items.get("minItems") == items.get("maxItems") == 2:
            return f"pairs of {inner}"
        return f"{'non-empty ' if items.get('minItems') == 1 else ''}lists of {inner}"
    return " ".join([_type_of(items, plural=True), *_constraints(items)])


def _constraints(schema: dict[str, Any]) -> list[str]:
    found = [text.format(schema[key]) for key, text in (
        ("minimum", ">= {}"), ("exclusiveMinimum", "> {}"), ("maximum", "<= {}"), ("exclusiveMaximum", "< {}"),
        ("pattern", "matching `{}`")) if key in schema]
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is not None and low == high:
        found.append(f"exactly {low}")
    elif low == 1:
        found.append("non-empty")
    elif low is not None:
        found.append(f"at least {low}")
    if high is not None and high != low:
        found.append(f"at most {high}")
    if schema.get("minLength") == 1:
        found.append("non-empty")
    elif "minLength" in schema:
        found.append(f"at least {schema['minLength']} characters")
    if schema.get("uniqueItems"):
        found.append("no repeats")
    return found


def _described_type(schema: dict[str, Any]) -> str:
    constraints = _constraints(schema)
    return _type_of(schema) + (f" ({', '.join(constraints)})" if constraints else "")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def describe_config(schema: dict[str, Any] | None = None) -> str:
    """The configuration reference as Markdown (key, type, default, description), generated from the schema.

    docs/configuration.md is this function's output; a test checks that the two agree.
    """
    schema = schema or load_schema()
    lines = ["# Configuration reference", "",
             f"_Generated from [the config schema](../config/schema.yaml) ({SCHEMA_PATH}) by",
             "`discourse.config.describe_config()`; do not edit by hand, a test checks this file against the schema.",
             "Regenerate it with",
             "`python -c \"from discourse.config import describe_config; print(describe_config(), end='')\" > "
             "docs/configuration.md`._",
             "",
             "The schema is the one place defaults are stated. A config file (such as `config/config.yaml`) needs",
             "only the keys it changes; every other key takes the default below. A key not listed here is rejected,",
             "so a misspelt key is an error rather than silently ignored. The Snakefile and every `discourse`",
             "command that reads a config validate it. Relative paths are taken from the project folder.",
             ""]
    sections: list[tuple[str, list[tuple[tuple[str, ...], dict[str, Any]]]]] = [("Top level", [])]
    for path, sub in schema_keys(schema):
        if len(path) == 1 and "properties" in sub:
            sections.append((path[0], []))
        elif len(path) == 1:
            sections[0][1].append((path, sub))
        else:
            sections[-1][1].append((path, sub))
    for title, rows in sections:
        lines += [f"## {title}" if title == "Top level" else f"## `{title}`", ""]
        section_schema = schema["properties"].get(title, {})
        if section_schema.get("description"):
            lines += [_cell(section_schema["description"]), ""]
        lines += ["| key | type | default | description |", "| --- | --- | --- | --- |"]
        for path, sub in rows:
            default = "" if "properties" in sub else f"`{_flow(sub['default'])}`" if "default" in sub else "required"
            lines.append(f"| `{'.'.join(path)}` | {_cell(_described_type(sub))} | {_cell(default)} "
                         f"| {_cell(sub.get('description', ''))} |")
        lines.append("")
    return "\n".join(lines)
