"""The package's layers point one way: a module imports only from its own package or from layers below.

corpus -> segment -> ingest -> nlp -> framing / topics / actors -> compare -> store -> the stage
registry -> report -> annotate -> evaluate / the Snakefile helpers -> cli; shared helpers (errors, io,
tables, config, schemas, groups, stats, lexicons, layout, fingerprint, cache) below all of them.
"""

from __future__ import annotations

import pytest

from discourse.fingerprint import PACKAGE_ROOT, imported_modules

SHARED = ("errors", "io", "cache", "tables", "config", "schemas", "groups", "stats", "lexicons", "layout",
          "fingerprint", "data")
LAYERS: dict[str, int] = {**{name: 0 for name in SHARED}, "corpus": 1, "segment": 2, "ingest": 3, "nlp": 4,
                          "framing": 5, "topics": 5, "actors": 5, "compare": 6, "store": 7, "stages": 8, "report": 9,
                          "annotate": 10, "evaluate": 11, "workflow": 11, "cli": 12, "__main__": 13}


def unit(module: str) -> str:
    """`discourse.nlp.stage` -> `nlp`; the package itself (`discourse`, its version) counts as shared."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "errors"


def package_modules() -> list[tuple[str, str, bool]]:
    """(module, source, is a package) for every module of the package."""
    found = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        relative = path.relative_to(PACKAGE_ROOT).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        found.append((".".join(["discourse", *parts]), path.read_text(encoding="utf-8"), path.name == "__init__.py"))
    return found


def violations(modules: list[tuple[str, str, bool]]) -> list[str]:
    found = []
    for module, source, is_package in modules:
        own = unit(module)
        for target in imported_modules(source, module, is_package):
            other = unit(target)
            if other == own or target == "discourse":
                continue
            if LAYERS[other] > LAYERS[own] or (LAYERS[other] == LAYERS[own] and LAYERS[own] > 0):
                found.append(f"{module} imports {target} ({other} is not below {own})")
    return found


def test_every_package_unit_has_a_layer():
    assert {unit(module) for module, _, _ in package_modules()} <= set(LAYERS)


def test_no_module_imports_from_a_layer_above_it():
    assert violations(package_modules()) == []


@pytest.mark.parametrize("module, source", [
    ("discourse.nlp.pipeline", "from discourse.framing.sentence import frame_sentence"),
    ("discourse.topics.outputs", "from discourse.framing import themes"),
    ("discourse.store.stage", "import discourse.report.build"),
    ("discourse.tables", "def f():\n    from discourse.nlp.stage import TABLES"),
])
def test_an_upward_import_is_caught(module, source):
    assert violations([(module, source, False)])
