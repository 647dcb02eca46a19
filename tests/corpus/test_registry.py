"""The corpus registry: ids that name their own outputs, and nothing built in."""

import pytest

from discourse.corpus.registry import add_corpus, load_registry
from discourse.errors import InputError
from discourse.groups import group_slug, source_group


def write_registry(path, corpus_id):
    path.write_text(f"corpora:\n  {corpus_id}:\n    kind: local\n    path: corpus/x\n    metadata: corpus/x/m.csv\n",
                    encoding="utf-8")


@pytest.mark.parametrize("corpus_id, reason", [
    ("all", "'all' is the group of all documents"),
    ("ungdc_pak", "UNGDC country group"),
    ("news__2023", "single underscores"),
    ("news_", "single underscores"),
    ("News", "lower_snake_case"),
])
def test_ids_that_would_share_a_group_or_its_files_are_refused_by_name(tmp_path, corpus_id, reason):
    registry = tmp_path / "registry.yaml"
    write_registry(registry, corpus_id)
    with pytest.raises(InputError) as error:
        load_registry(registry)
    assert str(registry) in str(error.value) and f"'{corpus_id}'" in str(error.value) and reason in str(error.value)


def test_add_refuses_a_reserved_id_and_leaves_the_registry_as_it_was(tmp_path):
    registry = tmp_path / "registry.yaml"
    write_registry(registry, "news")
    before = registry.read_bytes()
    (tmp_path / "corpus" / "mine").mkdir(parents=True)
    with pytest.raises(InputError, match="reserved"):
        add_corpus(registry, "all", "corpus/mine", "corpus/mine/metadata.csv", root=tmp_path)
    assert registry.read_bytes() == before
    assert set(load_registry(registry)) == {"news"}


def test_accepted_ids_give_distinct_file_names():
    ids = ["news", "news_2023", "news2023", "dawn_op_eds", "paper"]
    slugs = {group_slug(source_group(corpus_id, None)) for corpus_id in ids}
    assert len(slugs) == len(ids)
    assert group_slug(source_group("ungdc", "PAK")) == "ungdc-pak"  # the reserved prefix's reason
