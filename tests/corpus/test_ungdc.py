"""Tests for the UNGDC fetcher and reader: small synthetic archives, a local HTTP server, one real pass."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import io
import socket
import tarfile
import threading
from pathlib import Path

import pandas as pd
import pytest

from discourse.config import validate_config
from discourse.corpus.ungdc import (
    MIRROR_ENV,
    UNGDC_1946_2024_SHA256,
    FetchResult,
    Speech,
    UngdcSettings,
    fetch_archive,
    iter_speeches,
    load_speakers,
    parse_speech_name,
    speech_metadata,
)
from discourse.errors import FetchError, InputError
from discourse.io import read_json, sha256_file

REAL_MIRROR = Path("/work/shared/corpora/ungdc")
FOCUS = ("PAK", "RUS", "IND", "CHN", "AFG", "USA")
ARCHIVE = "UNGDC_1946-2024.tgz"
SPEAKERS = "Speakers_by_session.xlsx"

# (member path, content); directories are added from the paths. Junk mirrors what the real
# archive holds: .DS_Store files, an AppleDouble twin and a '.DS_Store-to-UTF-8.txt'.
SPEECH_MEMBERS = [
    ("TXT/Session 01 - 1946/ARG_01_1946.txt", b"Argentina 1946.\n"),
    ("TXT/Session 77 - 2022/PAK_77_2022.txt", b"Pakistan 2022.\n"),
    ("TXT/Session 78 - 2023/PAK_78_2023.txt", "Pakistan 2023 \u2014 peace.\n".encode()),
    ("TXT/Session 78 - 2023/USA_78_2023.txt", b"United States 2023.\n"),
]
JUNK_MEMBERS = [
    ("TXT/.DS_Store", b"\x00\x00\x00\x01Bud1"),
    ("TXT/Session 78 - 2023/._USA_78_2023.txt", b"\x00\x05\x16\x07AppleDouble"),
    ("TXT/Session 47 - 1992/.DS_Store-to-UTF-8.txt", b"junk"),
    ("TXT/Session 78 - 2023/pak_78_2023.txt", b"lower-case name is not a speech file"),
]


def build_tgz(path: Path, members: list[tuple[str, bytes]]) -> Path:
    """A gzip tar with the real layout: directory entries, then files, fixed mtimes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as tar:
        seen_dirs: set[str] = set()
        for name, data in members:
            parts = name.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                directory = "/".join(parts[:i]) + "/"
                if directory not in seen_dirs:
                    seen_dirs.add(directory)
                    info = tarfile.TarInfo(directory)
                    info.type = tarfile.DIRTYPE
                    info.mtime = 1_700_000_000
                    tar.addfile(info)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    return path


def write_speakers_xlsx(path: Path) -> Path:
    """A speakers table shaped like the real one, including its messy corners."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame({
        "Year": [2023, 2023, 2022, 2023, 1987, 1981],
        "Session": [78, 78, 77, 78, 42, 36],
        "ISO Code": ["PAK", "PAK", "PAK", "USA", None, " GIN"],
        "Country": ["Pakistan", "Pakistan", "Pakistan", "United States", "League of Arab States", "Guinea"],
        "Name of Person Speaking": ["  Anwaar-ul-Haq Kakar ", "Second Delegate", "Shehbaz Sharif", "Joe Biden",
                                    "Mr. Maksoud", "Mr. TOUNE"],
        "Post": ["Prime Minister", "Minister", None, "President", None, "  "],
        "": [None, None, None, None, None, "junk note"],
    })
    frame.to_excel(path, index=False, engine="openpyxl")
    return path


def ungdc_config(**values) -> dict:
    """The `ungdc` block of a validated config with `values` set (the schema gives the rest)."""
    return validate_config({"ungdc": values})["ungdc"]


def make_settings(tmp_path: Path, **overrides) -> UngdcSettings:
    base = UngdcSettings.from_config(ungdc_config(cache_dir=str(tmp_path / "cache"),
                                                  lock_file=str(tmp_path / "lock" / "ungdc.lock.json")), tmp_path)
    return dataclasses.replace(base, **{"mirror": None, **overrides})  # not DISCOURSE_UNGDC_MIRROR's


@pytest.fixture
def small_archive(tmp_path: Path) -> Path:
    return build_tgz(tmp_path / "src" / ARCHIVE, JUNK_MEMBERS[:1] + SPEECH_MEMBERS + JUNK_MEMBERS[1:])


@pytest.fixture
def http_server(tmp_path: Path):
    """Serve tmp_path/'served' on 127.0.0.1 at a free port; yields (base_url, dir, stop)."""
    served = tmp_path / "served"
    served.mkdir()

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep pytest output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if not stopped:
            stopped = True
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    yield f"http://127.0.0.1:{server.server_address[1]}", served, stop
    stop()


def cache_files(cache_dir: Path) -> list[str]:
    return sorted(p.name for p in cache_dir.iterdir()) if cache_dir.exists() else []


# --- settings ------------------------------------------------------------------------------------


def test_from_config_resolves_paths_and_types(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    cfg = ungdc_config(url="https://example.org/u.tgz", cache_dir="data/cache/ungdc", lock_file="ungdc.lock.json",
                       mirror="../shared/ungdc", countries=["PAK", "RUS"], year_min=1990, year_max=2000, timeout_s=5)
    s = UngdcSettings.from_config(cfg, tmp_path)
    assert s.cache_dir == tmp_path / "data/cache/ungdc"
    assert s.lock_file == tmp_path / "ungdc.lock.json"
    assert s.mirror == str(tmp_path / "../shared/ungdc")
    assert s.countries == ("PAK", "RUS")
    assert (s.year_min, s.year_max, s.timeout_s) == (1990, 2000, 5.0)
    assert s.archive_name == ARCHIVE and s.speakers_name == SPEAKERS and s.speakers_url is None


def test_from_config_env_var_overrides_mirror_only_when_non_empty(tmp_path: Path, monkeypatch) -> None:
    cfg = ungdc_config(cache_dir="c", lock_file="l.json", mirror="/configured")
    monkeypatch.setenv(MIRROR_ENV, "")
    assert UngdcSettings.from_config(cfg, tmp_path).mirror == "/configured"
    monkeypatch.setenv(MIRROR_ENV, str(tmp_path / "from-env"))
    assert UngdcSettings.from_config(cfg, tmp_path).mirror == str(tmp_path / "from-env")


def test_bad_values_are_rejected_before_settings_are_built() -> None:
    # the config's validation rejects them, naming the key, so UngdcSettings never sees them
    with pytest.raises(ValueError, match="ungdc/cache_dir"):
        ungdc_config(cache_dir="")
    with pytest.raises(ValueError, match=r"ungdc/year_min': ungdc.year_min \(2000\) is after ungdc.year_max \(1990\)"):
        ungdc_config(year_min=2000, year_max=1990)
    with pytest.raises(ValueError, match="ungdc/countries/0': 'Pakistan' does not match"):
        ungdc_config(countries=["Pakistan"])
    with pytest.raises(ValueError, match="ungdc/year_min"):
        ungdc_config(year_min="1990")
    with pytest.raises(ValueError, match="ungdc/timeout_s"):
        ungdc_config(timeout_s=0)


# --- fetching over HTTP --------------------------------------------------------------------------


def test_download_records_lock_then_reuses_cache_offline(tmp_path: Path, small_archive: Path, http_server,
                                                         monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    base, served, stop = http_server
    (served / ARCHIVE).write_bytes(small_archive.read_bytes())
    write_speakers_xlsx(served / SPEAKERS)
    settings = make_settings(tmp_path, url=f"{base}/{ARCHIVE}", speakers_url=f"{base}/{SPEAKERS}", timeout_s=5)

    first = fetch_archive(settings)
    assert first.status == "available" and first.source == "download" and first.reason is None
    assert first.archive_path == settings.cache_dir / ARCHIVE
    assert first.sha256 == sha256_file(small_archive) == sha256_file(first.archive_path)
    assert first.speakers_sha256 == sha256_file(served / SPEAKERS)
    lock = read_json(settings.lock_file)["files"]
    assert lock[ARCHIVE]["sha256"] == first.sha256
    assert lock[ARCHIVE]["source"] == settings.url and lock[ARCHIVE]["recorded"]
    assert lock[SPEAKERS]["sha256"] == first.speakers_sha256
    # Only the two verified files, no temp leftovers.
    assert cache_files(settings.cache_dir) == sorted([ARCHIVE, SPEAKERS])

    stop()
    second = fetch_archive(settings)
    assert (second.status, second.source) == ("available", "cache")
    assert second.sha256 == first.sha256 and second.speakers_path == first.speakers_path

    # With the server gone and the cache emptied there is nothing to fall back on: unavailable, not an exception.
    (settings.cache_dir / ARCHIVE).unlink()
    gone = fetch_archive(settings)
    assert gone.status == "unavailable" and gone.archive_path is None
    assert "download from" in gone.reason and settings.url in gone.reason


def test_corrupted_download_is_rejected_and_not_cached(tmp_path: Path, small_archive: Path, http_server,
                                                       monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    base, served, stop = http_server
    (served / ARCHIVE).write_bytes(small_archive.read_bytes())
    settings = make_settings(tmp_path, url=f"{base}/{ARCHIVE}", timeout_s=5)
    good = fetch_archive(settings)
    assert good.status == "available"
    expected = good.sha256

    # The server now serves other bytes than the lock records; the cache is cold.
    (settings.cache_dir / ARCHIVE).unlink()
    tampered = small_archive.read_bytes() + b"tampered"
    (served / ARCHIVE).write_bytes(tampered)
    with pytest.raises(FetchError) as excinfo:
        fetch_archive(settings)
    message = str(excinfo.value)
    actual = sha256_file(served / ARCHIVE)
    assert ARCHIVE in message and expected in message and actual in message and actual != expected
    assert cache_files(settings.cache_dir) == []  # no final file, no temp file
    assert read_json(settings.lock_file)["files"][ARCHIVE]["sha256"] == expected  # the pin is not moved

    # A later offline fetch must not pick anything up as valid.
    stop()
    later = fetch_archive(settings)
    assert later.status == "unavailable" and later.archive_path is None


def test_tampered_cache_file_is_not_trusted(tmp_path: Path, small_archive: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / ARCHIVE).write_bytes(small_archive.read_bytes())
    settings = make_settings(tmp_path, mirror=str(mirror))
    assert fetch_archive(settings).source == "mirror"
    (settings.cache_dir / ARCHIVE).write_bytes(b"not the archive")
    # Without a mirror the bad cache file is refused.
    offline = fetch_archive(make_settings(tmp_path))
    assert offline.status == "unavailable" and "does not match the locked sha256" in offline.reason
    # With the mirror the good bytes are restored in place.
    restored = fetch_archive(settings)
    assert restored.source == "mirror" and sha256_file(restored.archive_path) == sha256_file(small_archive)


def test_http_404_is_unavailable_with_reason(tmp_path: Path, http_server, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    base, _served, _stop = http_server
    settings = make_settings(tmp_path, url=f"{base}/missing.tgz", timeout_s=5)
    result = fetch_archive(settings)
    assert result == FetchResult("unavailable", None, None, None, None, None, result.reason)
    assert "404" in result.reason and "missing.tgz" in result.reason
    assert cache_files(settings.cache_dir) == []
    assert not settings.lock_file.exists()


def test_unresponsive_server_times_out_as_unavailable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    # A socket that accepts connections (via the backlog) but never answers.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        settings = make_settings(tmp_path, url=f"http://127.0.0.1:{port}/{ARCHIVE}", timeout_s=0.3)
        result = fetch_archive(settings)
    assert result.status == "unavailable" and "timed out" in result.reason
    assert cache_files(settings.cache_dir) == []


# --- fetching from a mirror ----------------------------------------------------------------------


def test_mirror_populates_cache_and_then_cache_is_used(tmp_path: Path, small_archive: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / ARCHIVE).write_bytes(small_archive.read_bytes())
    write_speakers_xlsx(mirror / SPEAKERS)
    settings = make_settings(tmp_path, mirror=str(mirror), url="http://127.0.0.1:9/never-used")

    result = fetch_archive(settings)
    assert (result.status, result.source) == ("available", "mirror")
    assert result.archive_path == settings.cache_dir / ARCHIVE and result.archive_path.is_file()
    assert result.speakers_path == settings.cache_dir / SPEAKERS
    assert result.sha256 == sha256_file(mirror / ARCHIVE)
    assert read_json(settings.lock_file)["files"][ARCHIVE]["source"] == str(mirror / ARCHIVE)
    assert cache_files(settings.cache_dir) == sorted([ARCHIVE, SPEAKERS])
    assert fetch_archive(settings).source == "cache"


def test_mirror_mismatch_raises(tmp_path: Path, small_archive: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    settings = make_settings(tmp_path)
    settings.lock_file.parent.mkdir(parents=True)
    settings.lock_file.write_text('{"files": {"%s": {"sha256": "%s"}}}' % (ARCHIVE, "0" * 64))
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / ARCHIVE).write_bytes(small_archive.read_bytes())
    with pytest.raises(FetchError, match="0{64}"):
        fetch_archive(make_settings(tmp_path, mirror=str(mirror)))
    assert cache_files(settings.cache_dir) == []


def test_truncated_mirror_is_not_pinned_on_first_use(tmp_path: Path, small_archive: Path, monkeypatch) -> None:
    # no lock entry to compare with: the archive must open to its end before its hash is recorded
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    data = small_archive.read_bytes()
    (mirror / ARCHIVE).write_bytes(data[: len(data) // 2])
    settings = make_settings(tmp_path, mirror=str(mirror))
    result = fetch_archive(settings)
    assert result.status == "unavailable"
    assert f"{mirror / ARCHIVE} is not a complete gzip tar archive" in result.reason
    assert not settings.lock_file.exists() and cache_files(settings.cache_dir) == []


def test_corrupt_speakers_table_degrades_to_no_speakers(tmp_path: Path, small_archive: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / ARCHIVE).write_bytes(small_archive.read_bytes())
    (mirror / SPEAKERS).write_bytes(b"PK\x03\x04 not really a workbook")
    settings = make_settings(tmp_path, mirror=str(mirror))
    result = fetch_archive(settings)
    assert result.status == "available" and result.speakers_path is None
    assert "speaker and post will be empty" in result.reason and "not a usable speakers table" in result.reason
    assert set(read_json(settings.lock_file)["files"]) == {ARCHIVE}


def test_corrupt_speakers_table_in_the_inventory_is_a_notice(tmp_path: Path, small_archive: Path, caplog) -> None:
    from discourse.corpus.inventory import iter_ungdc_documents

    broken = tmp_path / SPEAKERS
    broken.write_bytes(b"not a workbook")
    status = {"status": "available", "archive_path": str(small_archive), "speakers_path": str(broken)}
    settings = make_settings(tmp_path)
    rows = list(iter_ungdc_documents(status, settings, tmp_path))
    assert len(rows) == 3  # the focus countries' speeches (ARG is not one)
    assert all(row["metadata"]["speaker"] is None for row in rows)
    assert "speakers table not used" in caplog.text


def test_env_var_mirror_override(tmp_path: Path, small_archive: Path, monkeypatch) -> None:
    mirror = tmp_path / "env-mirror"
    mirror.mkdir()
    (mirror / ARCHIVE).write_bytes(small_archive.read_bytes())
    monkeypatch.setenv(MIRROR_ENV, str(mirror))
    cfg = ungdc_config(cache_dir="cache", lock_file="ungdc.lock.json", mirror=str(tmp_path / "does-not-exist"))
    result = fetch_archive(UngdcSettings.from_config(cfg, tmp_path))
    assert (result.status, result.source) == ("available", "mirror")
    assert result.archive_path == tmp_path / "cache" / ARCHIVE
    # The speakers table is optional: missing from the mirror, noted in the reason, still available.
    assert result.speakers_path is None and result.speakers_sha256 is None
    assert SPEAKERS in result.reason and "speakers_url" in result.reason


def test_missing_mirror_directory_and_no_url(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    result = fetch_archive(make_settings(tmp_path, mirror=str(tmp_path / "nope")))
    assert result.status == "unavailable"
    assert "nope is not a directory" in result.reason and "no url configured" in result.reason


def test_neither_mirror_nor_url_is_unavailable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    result = fetch_archive(make_settings(tmp_path))
    assert result.status == "unavailable" and result.source is None and result.archive_path is None
    assert "mirror: not configured" in result.reason and "no url configured" in result.reason
    assert ARCHIVE in result.reason


def test_cache_inside_mirror_is_refused(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with pytest.raises(FetchError, match="mirror"):
        fetch_archive(make_settings(tmp_path, mirror=str(mirror), cache_dir=mirror / "cache"))
    assert not (mirror / "cache").exists()


# --- names and streaming -------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("PAK_78_2023.txt", ("PAK", 78, 2023)),
    ("TXT/Session 01 - 1946/ARG_01_1946.txt", ("ARG", 1, 1946)),
    ("EU_66_2011.txt", ("EU", 66, 2011)),
    ("YDYE_36_1981.txt", ("YDYE", 36, 1981)),
    ("._PAK_78_2023.txt", None),
    (".DS_Store", None),
    (".DS_Store-to-UTF-8.txt", None),
    ("pak_78_2023.txt", None),
    ("PAK_8_2023.txt", None),
    ("PAK_78_23.txt", None),
    ("PAK_78_2023.txt.bak", None),
    ("ABCDEF_78_2023.txt", None),
    ("P_78_2023.txt", None),
    ("PAK_78_2023.TXT", None),
    ("", None),
])
def test_parse_speech_name(name: str, expected) -> None:
    assert parse_speech_name(name) == expected


def test_iter_speeches_ignores_junk_and_keeps_archive_order(small_archive: Path) -> None:
    speeches = list(iter_speeches(small_archive))
    assert [s.member for s in speeches] == [m for m, _ in SPEECH_MEMBERS]
    assert [s.data for s in speeches] == [d for _, d in SPEECH_MEMBERS]
    assert speeches[2] == Speech("TXT/Session 78 - 2023/PAK_78_2023.txt", "PAK", 78, 2023, SPEECH_MEMBERS[2][1])
    assert speeches[0].local_id == "ARG_01_1946"
    # Each call reopens the archive.
    assert list(iter_speeches(small_archive)) == speeches


def test_iter_speeches_filters(small_archive: Path) -> None:
    ids = lambda **kw: [s.local_id for s in iter_speeches(small_archive, **kw)]  # noqa: E731
    assert ids(countries=("PAK",)) == ["PAK_77_2022", "PAK_78_2023"]
    assert ids(countries=["usa", "arg"]) == ["ARG_01_1946", "USA_78_2023"]
    assert ids(year_min=2023) == ["PAK_78_2023", "USA_78_2023"]
    assert ids(year_max=2022) == ["ARG_01_1946", "PAK_77_2022"]
    assert ids(countries=("PAK",), year_min=2023, year_max=2023) == ["PAK_78_2023"]
    assert ids(countries=("CHN",)) == []


def test_iter_speeches_streams(small_archive: Path, monkeypatch) -> None:
    modes = []
    real_open = tarfile.open

    def spy_open(*args, **kwargs):
        modes.append(kwargs.get("mode"))
        return real_open(*args, **kwargs)

    monkeypatch.setattr(tarfile, "open", spy_open)
    first = next(iter_speeches(small_archive))
    assert first.iso == "ARG" and modes == ["r|gz"]


def test_iter_speeches_bad_archive(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        list(iter_speeches(tmp_path / "absent.tgz"))
    bad = tmp_path / "bad.tgz"
    bad.write_bytes(b"this is not gzip")
    with pytest.raises(InputError) as excinfo:
        list(iter_speeches(bad))
    assert excinfo.value.path == str(bad)


# --- speakers and metadata -----------------------------------------------------------------------


def test_load_speakers(tmp_path: Path) -> None:
    frame = load_speakers(write_speakers_xlsx(tmp_path / SPEAKERS))
    assert list(frame.columns) == ["iso3", "session", "year", "speaker", "post"]
    assert str(frame["session"].dtype) == "int64" and str(frame["year"].dtype) == "int64"
    # Duplicate (PAK, 78) keeps the first row; the row without an ISO code is dropped; " GIN" is stripped.
    assert list(zip(frame["iso3"], frame["session"])) == [("PAK", 78), ("PAK", 77), ("USA", 78), ("GIN", 36)]
    assert frame.loc[0, "speaker"] == "Anwaar-ul-Haq Kakar" and frame.loc[0, "post"] == "Prime Minister"
    # Missing and blank posts are None, not NaN or "".
    assert frame.loc[1, "post"] is None and frame.loc[3, "post"] is None


def test_load_speakers_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    pd.DataFrame({"Year": [2023], "Session": [78]}).to_excel(path, index=False, engine="openpyxl")
    with pytest.raises(InputError, match="ISO Code"):
        load_speakers(path)


def test_speech_metadata(tmp_path: Path) -> None:
    speakers = load_speakers(write_speakers_xlsx(tmp_path / SPEAKERS))
    speech = Speech("TXT/Session 78 - 2023/PAK_78_2023.txt", "PAK", 78, 2023, b"")
    assert speech_metadata(speech, speakers) == {
        "local_id": "PAK_78_2023", "country": "PAK", "session": 78, "year": 2023, "date": None,
        "speaker": "Anwaar-ul-Haq Kakar", "post": "Prime Minister",
        "title": "UN General Debate statement, PAK, session 78 (2023)",
        "source": "UN General Debate Corpus", "genre": "un_general_debate", "licence": "CC0-1.0",
        "url": None, "member": "TXT/Session 78 - 2023/PAK_78_2023.txt",
    }
    unknown = speech_metadata(Speech("TXT/Session 78 - 2023/CHN_78_2023.txt", "CHN", 78, 2023, b""), speakers)
    assert unknown["speaker"] is None and unknown["post"] is None
    assert speech_metadata(speech, None)["speaker"] is None


# --- the real mirror (one streaming pass) --------------------------------------------------------


@pytest.mark.skipif(not (REAL_MIRROR / ARCHIVE).is_file(), reason=f"UNGDC mirror not present at {REAL_MIRROR}")
def test_real_mirror_focus_countries(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    settings = make_settings(tmp_path, mirror=str(REAL_MIRROR))
    result = fetch_archive(settings)
    assert (result.status, result.source) == ("available", "mirror")
    assert result.sha256 == UNGDC_1946_2024_SHA256
    assert result.speakers_path is not None
    speakers = load_speakers(result.speakers_path)

    counts: dict[str, int] = {}
    pak_78 = None
    for speech in iter_speeches(result.archive_path, countries=FOCUS):
        counts[speech.iso] = counts.get(speech.iso, 0) + 1
        if speech.local_id == "PAK_78_2023":
            pak_78 = speech
    assert sum(counts.values()) == 453
    assert set(counts) == set(FOCUS)
    assert pak_78 is not None and pak_78.data.strip()
    meta = speech_metadata(pak_78, speakers)
    assert meta["speaker"] and meta["post"]
    assert meta["member"] == "TXT/Session 78 - 2023/PAK_78_2023.txt"
