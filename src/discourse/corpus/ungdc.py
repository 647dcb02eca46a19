"""The UN General Debate Corpus (UNGDC): obtain the archive, stream its speeches, join the speakers.

The corpus is never committed: it is fetched at run time into a local cache, from a read-only
mirror directory or a download URL, and every file's sha256 is pinned in a lock file so that a
changed or corrupted copy is refused instead of silently analysed.
"""

from __future__ import annotations

import gzip
import http.client
import math
import os
import re
import shutil
import tarfile
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Literal, Mapping

import pandas as pd

from discourse.errors import FetchError, InputError
from discourse.io import atomic_path, read_json, sha256_file, write_json_atomic

MIRROR_ENV = "DISCOURSE_UNGDC_MIRROR"
SOURCE_NAME = "UN General Debate Corpus"
GENRE = "un_general_debate"
LICENCE = "CC0-1.0"
# Published checksum of the 1946-2024 release, for reference; the lock file is what is enforced.
UNGDC_1946_2024_SHA256 = "c3690c1dc6e4e9468e9218bfc5c30b01c850088c8fad9ab34531f8e0601a8a1e"

# Speech files are ISO_SESSION_YEAR.txt; anything else in the archive (.DS_Store, AppleDouble
# `._*` files, `.DS_Store-to-UTF-8.txt`) is packaging debris, not a speech.
_SPEECH_NAME = re.compile(r"^([A-Z]{2,5})_(\d{2})_(\d{4})\.txt$")
_ISO_CODE = re.compile(r"^[A-Z]{2,5}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20

# Speakers table header -> output column.
_SPEAKER_COLUMNS = {
    "ISO Code": "iso3",
    "Session": "session",
    "Year": "year",
    "Name of Person Speaking": "speaker",
    "Post": "post",
}


@dataclass(frozen=True, kw_only=True)
class UngdcSettings:
    """Where the UNGDC comes from, where it is cached, and which speeches are wanted.

    Built from the `ungdc` block of a validated config (defaults and checks, such as year_min not
    after year_max, are in the config schema and `discourse.config.validate_config`).
    """

    url: str | None
    speakers_url: str | None
    archive_name: str
    speakers_name: str
    mirror: str | None
    cache_dir: Path
    lock_file: Path
    countries: tuple[str, ...]
    year_min: int | None
    year_max: int | None
    timeout_s: float

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any], root: Path) -> UngdcSettings:
        """Build settings from a validated config's `ungdc` block; relative paths are taken from `root`.

        A non-empty `DISCOURSE_UNGDC_MIRROR` environment variable replaces `mirror`, so CI and
        development machines can point at a local copy without editing the config.
        """
        root = Path(root)
        mirror = os.environ.get(MIRROR_ENV) or cfg["mirror"] or None
        timeout_s = float(cfg["timeout_s"])
        if not math.isfinite(timeout_s):  # the schema cannot reject .inf
            raise ValueError(f"ungdc config: timeout_s must be a finite number of seconds, got {cfg['timeout_s']!r}")
        return cls(
            url=cfg["url"] or None,
            speakers_url=cfg["speakers_url"] or None,
            archive_name=cfg["archive_name"],
            speakers_name=cfg["speakers_name"],
            mirror=str(_resolve(root, mirror)) if mirror else None,
            cache_dir=_resolve(root, cfg["cache_dir"]),
            lock_file=_resolve(root, cfg["lock_file"]),
            countries=tuple(cfg["countries"]),
            year_min=cfg["year_min"],
            year_max=cfg["year_max"],
            timeout_s=timeout_s,
        )


@dataclass(frozen=True)
class FetchResult:
    """Outcome of fetch_archive: where the files are, or plainly why they could not be obtained."""

    status: Literal["available", "unavailable"]
    source: Literal["cache", "mirror", "download"] | None
    archive_path: Path | None
    speakers_path: Path | None
    sha256: str | None
    speakers_sha256: str | None
    reason: str | None


@dataclass(frozen=True)
class Speech:
    """One speech file from the archive, undecoded."""

    member: str
    iso: str
    session: int
    year: int
    data: bytes

    @property
    def local_id(self) -> str:
        return f"{self.iso}_{self.session:02d}_{self.year}"


@dataclass(frozen=True)
class _Obtained:
    path: Path
    source: Literal["cache", "mirror", "download"]
    sha256: str


class _SourceFailed(Exception):
    """A mirror or download could not deliver the file (unavailability, not an integrity failure)."""


def fetch_archive(settings: UngdcSettings) -> FetchResult:
    """Make the archive (and, if obtainable, the speakers table) available in the cache.

    Tries the cache, then the mirror, then the URL. Returns status "unavailable" with a reason
    when no source can deliver the archive; raises FetchError when bytes contradict the lock.
    """
    _check_cache_outside_mirror(settings)
    archive, tried = _obtain_file(settings.archive_name, settings.url, "url", settings)
    if archive is None:
        return FetchResult(
            status="unavailable", source=None, archive_path=None, speakers_path=None,
            sha256=None, speakers_sha256=None,
            reason=f"UNGDC archive '{settings.archive_name}' could not be obtained: " + "; ".join(tried),
        )
    speakers, speakers_tried = _obtain_file(settings.speakers_name, settings.speakers_url, "speakers_url", settings)
    reason = None
    if speakers is None:
        # Speaker names are enrichment only; the speeches are usable without them.
        reason = (f"speakers table '{settings.speakers_name}' not available (speaker and post will be "
                  "empty): " + "; ".join(speakers_tried))
    return FetchResult(
        status="available", source=archive.source, archive_path=archive.path,
        speakers_path=speakers.path if speakers else None,
        sha256=archive.sha256, speakers_sha256=speakers.sha256 if speakers else None,
        reason=reason,
    )


def parse_speech_name(name: str) -> tuple[str, int, int] | None:
    """(iso, session, year) from a speech file name such as 'PAK_78_2023.txt', else None.

    A directory prefix is ignored, so an archive member path may be passed as is.
    """
    match = _SPEECH_NAME.match(PurePosixPath(name).name)
    if match is None:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))


def iter_speeches(archive_path: str | Path, countries: tuple[str, ...] | list[str] = (),
                  year_min: int | None = None, year_max: int | None = None) -> Iterator[Speech]:
    """Stream the speeches of the archive that match the filters, in archive order.

    The gzip tar is read sequentially ("r|gz"), one member at a time, so memory stays at the
    size of one speech; each call opens the archive anew.
    """
    archive_path = Path(archive_path)
    wanted = set(_normalize_countries(countries))
    try:
        tar = tarfile.open(archive_path, mode="r|gz")
    except FileNotFoundError:
        raise InputError(archive_path, "archive not found") from None
    except (tarfile.TarError, OSError) as exc:
        raise InputError(archive_path, f"not a readable gzip tar archive ({exc})") from None
    with tar:
        try:
            for member in tar:
                if not member.isfile():
                    continue
                parsed = parse_speech_name(member.name)
                if parsed is None:
                    continue
                iso, session, year = parsed
                if wanted and iso not in wanted:
                    continue
                if (year_min is not None and year < year_min) or (year_max is not None and year > year_max):
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                # In stream mode a member must be read before advancing to the next header.
                yield Speech(member=member.name, iso=iso, session=session, year=year, data=handle.read())
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise InputError(archive_path, f"archive is truncated or corrupt ({exc})") from None


def load_speakers(speakers_path: str | Path) -> pd.DataFrame:
    """Read the speakers table: columns iso3, session, year, speaker, post; one row per (iso3, session)."""
    speakers_path = Path(speakers_path)
    if not speakers_path.is_file():
        raise InputError(speakers_path, "speakers table not found")
    try:
        raw = pd.read_excel(speakers_path, engine="openpyxl")
    except Exception as exc:  # openpyxl raises a variety of types for a non-xlsx file
        raise InputError(speakers_path, f"not a readable xlsx file ({type(exc).__name__}: {exc})") from None
    raw.columns = [str(col).strip() for col in raw.columns]
    missing = [col for col in _SPEAKER_COLUMNS if col not in raw.columns]
    if missing:
        raise InputError(speakers_path, f"missing columns {missing}; found {list(raw.columns)}")
    frame = raw[list(_SPEAKER_COLUMNS)].rename(columns=_SPEAKER_COLUMNS)
    iso3 = frame["iso3"].map(lambda v: (_clean_text(v) or "").upper() or None)
    session = pd.to_numeric(frame["session"], errors="coerce")
    year = pd.to_numeric(frame["year"], errors="coerce")
    # A row without a country code or session (one such row exists: the League of Arab States)
    # cannot be joined to a speech file.
    keep = iso3.notna() & session.notna() & year.notna()
    out = pd.DataFrame({
        "iso3": pd.Series(list(iso3[keep]), dtype=object),
        "session": pd.Series(list(session[keep]), dtype="float64").astype("int64"),
        "year": pd.Series(list(year[keep]), dtype="float64").astype("int64"),
        # Object columns holding None (not NaN) so missing values reach JSON as null.
        "speaker": pd.Series([_clean_text(v) for v in frame["speaker"][keep]], dtype=object),
        "post": pd.Series([_clean_text(v) for v in frame["post"][keep]], dtype=object),
    })
    # The table lists some sessions twice (two delegates); the first row is kept, deterministically.
    return out.drop_duplicates(subset=["iso3", "session"], keep="first").reset_index(drop=True)


def speech_metadata(speech: Speech, speakers_df: pd.DataFrame | None) -> dict[str, Any]:
    """The document metadata for one speech, with speaker and post from the speakers table if present."""
    speaker = post = None
    if speakers_df is not None and len(speakers_df):
        rows = speakers_df[(speakers_df["iso3"] == speech.iso) & (speakers_df["session"] == speech.session)]
        if len(rows):
            speaker = _clean_text(rows.iloc[0]["speaker"])
            post = _clean_text(rows.iloc[0]["post"])
    return {
        "local_id": speech.local_id,
        "country": speech.iso,
        "session": int(speech.session),
        "year": int(speech.year),
        "date": None,
        "speaker": speaker,
        "post": post,
        "title": f"UN General Debate statement, {speech.iso}, session {speech.session} ({speech.year})",
        "source": SOURCE_NAME,
        "genre": GENRE,
        "licence": LICENCE,
        "url": None,
        "member": speech.member,
    }


# --- fetching ------------------------------------------------------------------------------------


def _obtain_file(name: str, url: str | None, url_key: str,
                 settings: UngdcSettings) -> tuple[_Obtained | None, list[str]]:
    """One file via cache, mirror or URL; returns the result or None and what was tried."""
    tried: list[str] = []
    dest = Path(settings.cache_dir) / name
    expected = _locked_sha256(settings.lock_file, name)

    if dest.is_file():
        if expected is None:
            # Without a pinned hash a cached file cannot be told apart from a stale or foreign one.
            tried.append(f"cache: {dest} present but not recorded in {settings.lock_file}")
        else:
            actual = sha256_file(dest)
            if actual == expected:
                return _Obtained(dest, "cache", actual), tried
            tried.append(f"cache: {dest} does not match the locked sha256 (ignored)")
    else:
        tried.append(f"cache: {dest} not present")

    if settings.mirror:
        source_file = Path(settings.mirror) / name
        try:
            if not Path(settings.mirror).is_dir():
                raise _SourceFailed(f"{settings.mirror} is not a directory")
            if not source_file.is_file():
                raise _SourceFailed(f"{source_file} not found")
            return _store(dest, name, str(source_file), "mirror", settings,
                          lambda tmp: _copy_from_mirror(source_file, tmp)), tried
        except _SourceFailed as exc:
            tried.append(f"mirror: {exc}")
    else:
        tried.append(f"mirror: not configured (set 'mirror' or {MIRROR_ENV})")

    if url:
        try:
            return _store(dest, name, url, "download", settings,
                          lambda tmp: _download(url, tmp, settings.timeout_s)), tried
        except _SourceFailed as exc:
            tried.append(f"download from {url}: {exc}")
    else:
        tried.append(f"download: no {url_key} configured")
    return None, tried


def _store(dest: Path, name: str, origin: str, source: Literal["mirror", "download"],
           settings: UngdcSettings, fill: Any) -> _Obtained:
    """Fill a temp file next to `dest`, verify it against the lock, then rename it into place.

    On any failure the temp file is removed by atomic_path, so the cache never holds bad bytes
    under the final name.
    """
    with atomic_path(dest) as tmp:
        fill(tmp)
        actual = sha256_file(tmp)
        expected = _locked_sha256(settings.lock_file, name)
        if expected is not None and actual != expected:
            raise FetchError(
                f"checksum mismatch for {name} from {origin}: expected sha256 {expected} "
                f"(recorded in {settings.lock_file}), got {actual}; the file was discarded"
            )
        if expected is None:  # nothing to compare with: pin only bytes that open, to the end
            problem = unreadable_reason(tmp, name)
            if problem:
                raise _SourceFailed(f"{origin} {problem}; not recorded in {settings.lock_file}")
    if expected is None:
        # Trust on first use: pin what we got so any later change is detected.
        _record_sha256(settings.lock_file, name, actual, origin)
    return _Obtained(dest, source, actual)


def unreadable_reason(path: Path, name: str) -> str | None:
    """Why a fetched file cannot be used, or None: a .tgz/.tar.gz must decompress and list to its end (a
    truncated copy fails here), a speakers .xlsx must load with its columns."""
    if name.endswith((".tgz", ".tar.gz")):
        try:
            with gzip.open(path) as stream:
                with tarfile.open(fileobj=stream, mode="r|") as tar:
                    for _ in tar:
                        pass
                while stream.read(2**20):  # past tar's end marker to gzip's own end and checksum
                    pass
        except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
            return f"is not a complete gzip tar archive ({type(error).__name__}: {error})"
    elif name.endswith(".xlsx"):
        try:
            load_speakers(path)
        except InputError as error:
            return f"is not a usable speakers table ({error.reason})"
    return None


def _copy_from_mirror(source_file: Path, tmp: Path) -> None:
    try:
        shutil.copyfile(source_file, tmp)
    except OSError as exc:
        raise _SourceFailed(f"cannot read {source_file} ({exc})") from None


def _download(url: str, tmp: Path, timeout_s: float) -> None:
    """Stream `url` into `tmp`; network trouble becomes _SourceFailed, local write errors propagate."""
    request = urllib.request.Request(url, headers={"User-Agent": "discourse-ungdc-fetch"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout_s)
    except urllib.error.HTTPError as exc:
        raise _SourceFailed(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise _SourceFailed(f"{exc.reason}") from None
    except TimeoutError:
        raise _SourceFailed(f"timed out after {timeout_s:g} s") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _SourceFailed(f"{type(exc).__name__}: {exc}") from None
    received = 0
    with response, open(tmp, "wb") as out:
        length = response.headers.get("Content-Length")
        while True:
            try:
                chunk = response.read(_CHUNK)
            except TimeoutError:
                raise _SourceFailed(f"timed out after {timeout_s:g} s while reading") from None
            except (OSError, http.client.HTTPException) as exc:
                raise _SourceFailed(f"connection failed while reading ({type(exc).__name__}: {exc})") from None
            if not chunk:
                break
            out.write(chunk)
            received += len(chunk)
    if length is not None and length.isdigit() and received != int(length):
        raise _SourceFailed(f"truncated download: {received} of {length} bytes")


def _check_cache_outside_mirror(settings: UngdcSettings) -> None:
    """The mirror is shared and read-only; a cache inside it would write into it."""
    if not settings.mirror:
        return
    mirror = Path(settings.mirror).resolve()
    cache = Path(settings.cache_dir).resolve()
    if cache == mirror or mirror in cache.parents:
        raise FetchError(f"cache_dir {settings.cache_dir} lies inside the mirror {settings.mirror}; "
                         "the mirror must not be written to")


# --- lock file -----------------------------------------------------------------------------------


def _read_lock(lock_file: Path) -> dict[str, Any]:
    lock_file = Path(lock_file)
    if not lock_file.exists():
        return {"files": {}}
    try:
        lock = read_json(lock_file)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(lock_file, f"lock file is not valid JSON ({exc})") from None
    if not isinstance(lock, dict) or not isinstance(lock.get("files", {}), dict):
        raise InputError(lock_file, "lock file must be an object with a 'files' object")
    lock.setdefault("files", {})
    return lock


def _locked_sha256(lock_file: Path, name: str) -> str | None:
    entry = _read_lock(lock_file)["files"].get(name)
    if entry is None:
        return None
    sha = entry.get("sha256") if isinstance(entry, dict) else None
    if not isinstance(sha, str) or not _SHA256.match(sha):
        raise InputError(lock_file, f"entry for {name} has no valid lowercase hex sha256")
    return sha


def _record_sha256(lock_file: Path, name: str, sha: str, origin: str) -> None:
    # Re-read so entries for other files written since are kept.
    lock = _read_lock(lock_file)
    lock["files"][name] = {
        "sha256": sha,
        "source": origin,
        "recorded": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    write_json_atomic(lock, lock_file)


# --- small helpers -------------------------------------------------------------------------------


def _resolve(root: Path, value: str | Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else root / path


def _normalize_countries(countries: Any) -> tuple[str, ...]:
    """Upper-case ISO codes from a list or a comma-separated string; reject anything else."""
    items = countries.split(",") if isinstance(countries, str) else list(countries)
    codes = tuple(dict.fromkeys(str(item).strip().upper() for item in items if str(item).strip()))
    bad = [code for code in codes if not _ISO_CODE.match(code)]
    if bad:
        raise ValueError(f"ungdc countries must be 2-5 letter codes as in the file names, got {bad}")
    return codes


def _clean_text(value: Any) -> str | None:
    """Stripped string, or None for missing/blank cells (pandas gives NaN or pd.NA for those)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None
