"""What a cached result depends on in the package's own code: the import closure of a stage module.

A stage's per-document cache and its Snakemake rule are keyed on this, so editing any module a stage
imports (directly or not, a new helper module included) re-runs that stage, and editing a module it
does not import leaves its cache valid. The closure is found by reading the modules' `import`
statements (also those inside functions), not by importing them, so the Snakefile computes it in
milliseconds; it is conservative: an import inside a branch counts.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = "discourse"
PACKAGE_ROOT = Path(__file__).resolve().parent


def module_file(module: str, package_root: Path = PACKAGE_ROOT) -> Path | None:
    """The source file of a `discourse...` module (a package's `__init__.py`), or None."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = package_root.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source: str, module: str, is_package: bool) -> set[str]:
    """`discourse` modules named by the import statements of one module's source."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from discourse.nlp import stage` names a submodule
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name == PACKAGE or name.startswith(PACKAGE + ".")}


def import_closure(module: str, package_root: Path = PACKAGE_ROOT) -> dict[str, Path]:
    """Every `discourse` module `module` imports, directly or through others, with its parent packages."""
    closure: dict[str, Path] = {}
    pending = [module]
    while pending:
        name = pending.pop()
        if name in closure:
            continue
        path = module_file(name, package_root)
        if path is None:
            continue
        closure[name] = path
        parents = [".".join(name.split(".")[:n]) for n in range(1, name.count(".") + 1)]
        pending += parents
        pending += imported_modules(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
    return closure


@lru_cache(maxsize=None)
def code_fingerprint(module: str, package_root: Path = PACKAGE_ROOT) -> str:
    """sha256 over the names and bytes of `module`'s import closure within the package."""
    digest = hashlib.sha256()
    for name, path in sorted(import_closure(module, package_root).items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
