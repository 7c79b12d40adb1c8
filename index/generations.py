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
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from index.errors import DiskFull, HomeUnusable, IndexBusy
from index.home import current_file, generations_dir, write_lock_file

DB_FILE = "index.db"
VECTORS_FILE = "vectors.faiss"
META_FILE = "meta.json"
READERS_LOCK = "readers.lock"
SCHEMA_VERSION = 1


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

    def write(self, folder: Path) -> None:
        _write_durably(folder / META_FILE, json.dumps(asdict(self), ensure_ascii=False, indent=1).encode())

    @classmethod
    def read(cls, folder: Path) -> Meta:
        data = json.loads((folder / META_FILE).read_text("utf-8"))
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def current(home: Path) -> Path | None:
    """The live generation folder, or None when the home has no index yet."""
    try:
        name = current_file(home).read_text("utf-8").strip()
    except FileNotFoundError:
        return None
    except PermissionError as e:
        raise HomeUnusable(f"cannot read the data home {home}: {e.strerror}. Check its permissions.") from e
    folder = generations_dir(home) / name
    return folder if name and (folder / META_FILE).exists() else None


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
    os.replace(tmp, current_file(home))
    _fsync_dir(home)


def cleanup(home: Path) -> list[str]:
    """Delete generations that are neither live, nor the previous one, nor open by a reader."""
    live = current(home)
    root = generations_dir(home)
    if not root.exists():
        return []
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=_seq)
    complete = [p for p in folders if (p / META_FILE).exists() and p != live]
    previous = [p for p in complete if live is None or _seq(p) < _seq(live)][-1:]
    removed = []
    for folder in folders:
        if folder == live or folder in previous:
            continue
        if _remove_if_unused(folder):
            removed.append(folder.name)
    return removed


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
