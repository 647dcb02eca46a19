"""Load and validate the workflow configuration against its JSON schema, filling in defaults."""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

CONFIG_SCHEMA = resources.files("discourse") / "schemas" / "config.schema.yaml"


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


def validate_config(config: dict[str, Any]) -> dict[str, Any]:
    """Return a validated copy with defaults filled in; raise ValueError naming the bad key."""
    config = copy.deepcopy(config or {})
    validator = _with_defaults(jsonschema.Draft202012Validator)(load_schema())
    errors = sorted(validator.iter_errors(config), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.path) or "(top level)"
        raise ValueError(f"invalid config at '{where}': {error.message}")
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
