"""Cache fingerprints follow a stage's actual imports: a new helper module invalidates the cache."""

from __future__ import annotations

import shutil

from discourse.fingerprint import PACKAGE_ROOT, code_fingerprint, import_closure


def copy_package(tmp_path):
    root = tmp_path / "discourse"
    shutil.copytree(PACKAGE_ROOT, root, ignore=shutil.ignore_patterns("__pycache__", "data", "report"))
    return root


def fingerprint(root, module="discourse.nlp.stage"):
    code_fingerprint.cache_clear()  # the cache is per process; here the files change under it
    return code_fingerprint(module, root)


def test_closure_follows_imports_through_other_modules():
    closure = import_closure("discourse.nlp.stage")
    # nlp.stage -> nlp.pipeline -> nlp.components -> nlp.gazetteer, and the packages above them
    assert {"discourse.nlp.pipeline", "discourse.nlp.components", "discourse.nlp.gazetteer", "discourse.nlp",
            "discourse"} <= set(closure)
    assert "discourse.framing.stage" not in closure and "discourse.report.build" not in closure


def test_a_new_helper_module_of_a_stage_changes_its_fingerprint(tmp_path):
    root = copy_package(tmp_path)
    before = fingerprint(root)
    (root / "nlp" / "helper.py").write_text("LIMIT = 3\n")
    assert fingerprint(root) == before  # not imported yet: nothing the stage runs changed
    stage = root / "nlp" / "stage.py"
    stage.write_text(stage.read_text() + "\nfrom discourse.nlp.helper import LIMIT  # noqa: E402\n")
    with_helper = fingerprint(root)
    assert with_helper != before
    (root / "nlp" / "helper.py").write_text("LIMIT = 4\n")
    assert fingerprint(root) != with_helper  # editing the helper re-runs the stage too


def test_editing_a_module_the_stage_does_not_import_keeps_its_fingerprint(tmp_path):
    root = copy_package(tmp_path)
    before = fingerprint(root)
    compare = root / "compare" / "engine.py"
    compare.write_text(compare.read_text() + "\n# edited\n")
    assert fingerprint(root) == before
    assert fingerprint(root, "discourse.compare.stage") != fingerprint(copy_package(tmp_path / "fresh"),
                                                                       "discourse.compare.stage")


def test_an_indirect_dependency_counts(tmp_path):
    root = copy_package(tmp_path)
    before = fingerprint(root)
    gazetteer = root / "nlp" / "gazetteer.py"
    gazetteer.write_text(gazetteer.read_text() + "\n# edited\n")
    assert fingerprint(root) != before
