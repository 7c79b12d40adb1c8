"""Index generations: each ingest or reindex writes a complete new index into a fresh folder, then one
atomic `os.replace` of the CURRENT file makes it live.

- A process killed while building leaves only an unfinished folder that CURRENT never named; the
  next writer deletes it. The live index is never touched.
- A reader holds a shared flock on its generation's `readers.lock` for as long as it is open, and
  keeps reading its own files after a newer generation is published.
- A writer holds an exclusive flock on the home's `write.lock`, so two ingests never race.
- Old generations are deleted once no reader holds them; the previous one is always kept, so a reader
  that picked it up just before a swap still finds its files.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from index.errors import DiskFull, HomeUnusable, IndexBusy, damaged
from index.home import current_file, generations_dir, originals_dir, write_lock_file

DB_FILE = "index.db"
VECTORS_FILE = "vectors.faiss"
META_FILE = "meta.json"
READERS_LOCK = "readers.lock"
SCHEMA_VERSION = 1
_GENERATION_NAME = re.compile(r"\d{6,}-\d+")


@dataclass(frozen=True)
class Meta:
    """meta.json of a generation: what the vectors are, so two models' vectors are never mixed."""

    model: str
    dim: int
    vector_kind: str  # "flat" | "ivf" | "hnsw" (earlier versions)
    tombstones: int
    vectors: int
    reports: int
    chunks: int
    created: str
    generation: str
    schema: int = SCHEMA_VERSION
    vectors_bytes: int | None = None  # size of vectors.faiss, so a truncated file is found without reading it

    def write(self, folder: Path) -> None:
        _write_durably(folder / META_FILE, json.dumps(asdict(self), ensure_ascii=False, indent=1).encode())

    @classmethod
    def read(cls, folder: Path) -> Meta:
        """The generation's meta.json; DamagedIndex when it is missing or unreadable."""
        try:
            data = json.loads((folder / META_FILE).read_text("utf-8"))
            return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        except FileNotFoundError:
            raise damaged(folder.parent.parent, f"generation {folder.name} has no {META_FILE}") from None
        except (OSError, ValueError, TypeError, AttributeError) as e:
            raise damaged(folder.parent.parent, f"{META_FILE} of generation {folder.name} is unreadable: "
                          f"{type(e).__name__}") from e


def current(home: Path, *, writing: bool = False) -> Path | None:
    """The live generation folder; None when the home has no index yet (nothing was ever added, or the
    first ingest is still writing). DamagedIndex when CURRENT is missing, unreadable, or names a folder
    that is gone or incomplete while the home holds reports: such a home is never taken for a new one.
    `writing`: the caller holds the write lock (so no first ingest can be under way)."""
    while True:
        name = _read_current(home)
        if name is None:
            if holds_reports(home) and (writing or not writer_active(home)):
                raise damaged(home, "its CURRENT file is missing")
            return None
        folder = generations_dir(home) / name
        if _is_generation_name(name) and (folder / META_FILE).is_file():
            return folder
        if _read_current(home) != name:
            continue  # a writer published and cleaned up between the two reads: read CURRENT again
        if not _is_generation_name(name) or not folder.is_dir():
            raise damaged(home, f"CURRENT names {name[:40]!r}, which is not a generation folder")
        raise damaged(home, f"generation {name} has no {META_FILE}")


def _read_current(home: Path) -> str | None:
    try:
        return current_file(home).read_bytes().decode("utf-8", "replace").strip()
    except FileNotFoundError:
        return None
    except PermissionError as e:
        raise HomeUnusable(f"cannot read the data home {home}: {e.strerror}. Check its permissions.") from e
    except IsADirectoryError:
        return "CURRENT/"


def named_folder(home: Path) -> Path | None:
    """The generation folder CURRENT names, when there is one (it may be incomplete or damaged)."""
    with contextlib.suppress(HomeUnusable):
        name = _read_current(home)
        folder = generations_dir(home) / name if name and _is_generation_name(name) else None
        return folder if folder is not None and folder.is_dir() else None
    return None


def generation_folders(home: Path) -> list[Path]:
    """Every generation folder, oldest first."""
    root = generations_dir(home)
    return sorted((p for p in root.iterdir() if p.is_dir()), key=_seq) if root.is_dir() else []


def _is_generation_name(name: str) -> bool:
    return bool(_GENERATION_NAME.fullmatch(name))


def holds_reports(home: Path) -> bool:
    """Whether anything was ever added to this home: a stored original or a generation folder. Only a
    home holding neither is new (and may be filled with the sample reports)."""
    for folder in (originals_dir(home), generations_dir(home)):
        try:
            if any(not p.name.startswith(".") for p in folder.iterdir()):
                return True
        except (FileNotFoundError, NotADirectoryError):
            continue
    return False


def writer_active(home: Path) -> bool:
    """Whether an ingest or reindex holds the home's write lock right now."""
    try:
        fh = open(write_lock_file(home), "rb")  # noqa: SIM115 -- closed below; opening read-only works in a read-only home
    except OSError:
        return False
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


def new_folder(home: Path) -> Path:
    """A fresh, empty generation folder named after the next sequence number."""
    root = generations_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    seq = max((_seq(p) for p in root.iterdir()), default=0) + 1
    folder = root / f"{seq:06d}-{os.getpid()}"
    folder.mkdir()
    (folder / READERS_LOCK).touch()
    return folder


def _seq(folder: Path) -> int:
    head = folder.name.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def publish(home: Path, folder: Path) -> None:
    """Make `folder` the live generation: flush its files, then replace CURRENT in one rename."""
    for path in folder.iterdir():
        _fsync_file(path)
    _fsync_dir(folder)
    tmp = home / f"CURRENT.{os.getpid()}.tmp"
    _write_durably(tmp, folder.name.encode())
    if current_file(home).is_dir():  # made by hand: kept, under another name, out of the way
        os.replace(current_file(home), home / f"CURRENT.{time.strftime('%Y%m%d-%H%M%S')}.set-aside")
    try:
        os.replace(tmp, current_file(home))
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(home)


def cleanup(home: Path) -> list[str]:
    """Delete generations that are neither live, nor the previous one, nor open by a reader, nor the only
    generation indexing some report (one the live generation neither holds nor replaced)."""
    live = current(home, writing=True)
    if live is None:
        return []
    folders = generation_folders(home)
    complete = [p for p in folders if (p / META_FILE).exists() and p != live]
    previous = [p for p in complete if _seq(p) < _seq(live)][-1:]
    served = {name for pair in _copies(live) for name in pair}
    removed = []
    for folder in folders:
        if folder == live or folder in previous:
            continue
        if folder in complete and any(sha not in served and key not in served for sha, key in _copies(folder)):
            continue  # it alone indexes a report: only a reindex, which reads it, may let it go
        if _remove_if_unused(folder):
            removed.append(folder.name)
    return removed


def _copies(folder: Path) -> list[tuple]:
    """What a generation serves: each report's (sha256, copy key). A report whose sha or copy key (its
    agency and year) the live generation holds is indexed there, or was replaced by a newer copy."""
    from index.copies import copy_key
    from index.store import readable_rows

    rows = readable_rows(folder / DB_FILE, "SELECT agency, year, sha256 FROM reports")
    if rows is None:
        return []  # unreadable: it indexes nothing that could still be read
    return [(r["sha256"], copy_key(r["agency"], r["year"], r["sha256"])) for r in rows]


def _remove_if_unused(folder: Path) -> bool:
    """Delete a folder unless a reader holds it; the exclusive lock is kept until it is gone, so a
    reader cannot slip in between the check and the delete."""
    lock = folder / READERS_LOCK
    if not lock.exists():
        shutil.rmtree(folder, ignore_errors=True)
        return True
    with open(lock, "rb") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        shutil.rmtree(folder, ignore_errors=True)
        return True


class ReaderLock:
    """A shared lock on one generation, held while a reader uses it."""

    def __init__(self, folder: Path) -> None:
        self._fh = open(folder / READERS_LOCK, "rb")  # noqa: SIM115 -- held open for the reader's lifetime
        fcntl.flock(self._fh, fcntl.LOCK_SH)

    def release(self) -> None:
        if not self._fh.closed:
            self._fh.close()  # closing drops the flock


@contextlib.contextmanager
def write_lock(home: Path, wait: float = 5.0) -> Iterator[None]:
    """The home's single-writer lock; IndexBusy when another ingest keeps it longer than `wait` seconds."""
    ensure_home(home)
    with open(write_lock_file(home), "a+b") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"another ingest or reindex is writing to {home}; wait for it to finish and try again"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_home(home: Path) -> None:
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = home / f".probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise DiskFull(f"the disk holding {home} is full; free some space and try again") from e
        raise HomeUnusable(
            f"cannot write to the data home {home}: {e.strerror or e}. "
            "Pass --home DIR or set XXGK_HOME to a folder you can write."
        ) from e


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
