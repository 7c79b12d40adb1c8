"""What `xxgk reindex` rebuilds from, also when the home is damaged.

A healthy home is rebuilt from the live generation's list of reports: each report's stored original is
parsed again. When CURRENT, a meta.json or the live index.db is damaged, the list comes from the newest
generation whose database can still be read (the previous one is always kept), and every stored original
that list does not hold and that was stored after that database was written (the reports added since)
is offered again under the usual rules for copies (index.copies). With no readable generation at all,
every stored original is offered, oldest first. Nothing in originals/ is ever deleted.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from index.errors import IndexProblem
from index.generations import DB_FILE, META_FILE, Meta, current, generation_folders, named_folder
from index.home import originals_dir
from index.store import readable_rows


@dataclass(frozen=True)
class Sources:
    base: Path | None  # the generation whose report list is rebuilt; None when no database is readable
    meta: Meta | None  # the newest readable meta.json: which embedding model the index used
    extra: tuple[Path, ...]  # stored originals to offer again, oldest first
    healthy: bool  # the base is the live generation

    @property
    def empty(self) -> bool:
        return self.base is None and not self.extra


def sources(home: Path) -> Sources:
    live = _live(home)
    named = named_folder(home)
    ordered = ([live] if live else []) + ([named] if named and named != live else [])
    ordered += [f for f in reversed(generation_folders(home)) if (f / META_FILE).is_file() and f not in ordered]
    base = next((f for f in ordered if readable_rows(f / DB_FILE, "SELECT 1 FROM reports LIMIT 1") is not None), None)
    meta = next((m for m in map(_meta, ordered) if m is not None), None)
    if base is not None and base == live:
        return Sources(base, meta, (), True)
    return Sources(base, meta, tuple(_stored_after(home, base)), False)


def _live(home: Path) -> Path | None:
    with contextlib.suppress(IndexProblem):
        return current(home, writing=True)
    return None


def _meta(folder: Path) -> Meta | None:
    with contextlib.suppress(IndexProblem):
        return Meta.read(folder)
    return None


def _stored_after(home: Path, base: Path | None) -> list[Path]:
    """Originals the base does not index and that were stored after its database was written."""
    found = stored_originals(home)
    if base is None:
        return found
    indexed = {r["sha256"] for r in readable_rows(base / DB_FILE, "SELECT sha256 FROM reports") or []}
    written = (base / DB_FILE).stat().st_mtime_ns
    return [p for p in found if p.name.split(".", 1)[0] not in indexed and p.stat().st_mtime_ns > written]


def stored_originals(home: Path) -> list[Path]:
    """Every stored original, oldest first."""
    folder = originals_dir(home)
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name))
