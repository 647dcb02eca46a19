"""Cache entries verify what they read: a bad entry is discarded with a warning naming it."""

import logging

import pytest

from discourse.cache import read_entry, write_entry


def test_an_entry_reads_back_its_payload(tmp_path):
    write_entry(tmp_path / "a.json", b'{"text": "x"}')
    assert read_entry(tmp_path / "a.json") == b'{"text": "x"}'
    assert read_entry(tmp_path / "missing.json") is None


@pytest.mark.parametrize("damage", [
    lambda data: data[:-3],                                   # truncated
    lambda data: data.replace(b'"x"', b'"y"'),                # edited, still valid JSON
    lambda data: data.partition(b"\n")[2],                    # an entry without its header (older version)
    lambda data: b"",                                         # empty
])
def test_a_bad_entry_is_discarded_with_a_warning_naming_it(tmp_path, caplog, damage):
    path = tmp_path / "a.json"
    write_entry(path, b'{"text": "x"}')
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="discourse.cache"):
        assert read_entry(path) is None
    assert str(path) in caplog.text and "discarded" in caplog.text
    assert not path.exists()
