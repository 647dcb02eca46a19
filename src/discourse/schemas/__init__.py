"""JSON schemas of the files passed between stages, and their validation."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from discourse.errors import InputError


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((resources.files("discourse") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def read_validated(path: str | Path, name: str) -> dict[str, Any]:
    """Read a JSON file passed between stages and check it against its schema."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        jsonschema.validate(data, load_schema(name))
    except (OSError, json.JSONDecodeError, jsonschema.ValidationError) as error:
        message = error.message if isinstance(error, jsonschema.ValidationError) else str(error)
        raise InputError(path, f"not a valid {name} file: {message}") from None
    return data
