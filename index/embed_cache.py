"""Embedding cache: (model name, sha256 of the passage text) → vector, in one SQLite file in the home.

Embedding is the slow step (~3 s for a typical report with the default model), so a text is never
embedded twice: not when a report is re-ingested, not on `reindex` after a parser change that left most
passages as they were, not when two reports share a passage. It lives outside the index generations,
and embedded vectors are committed at least every second, so work done by an ingest that is killed
halfway is kept for the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from index.embed import BATCH, Embedder
from index.errors import damaged
from index.store import is_corruption

LOCK_TIMEOUT = 10.0  # seconds to wait for a cache locked by another program before giving up
COMMIT_EVERY = 1.0  # seconds: a killed ingest loses at most this much embedding work
_LOOKUP = 500  # digests per SELECT … IN (…): well under SQLite's parameter limit


def digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """One table of vectors with an integer rowid and a unique (model, sha) index. A vector (1.5 KB at
    384 floats) fits in a table page; as a WITHOUT ROWID row, keyed by (model, sha), it spilled to an
    overflow page per row, which made writing 420,000 of them take 28 s instead of 9 s (measured)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT)
        with self.guarded():
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.executescript(
                """
                CREATE TABLE IF NOT EXISTS passage_vectors (id INTEGER PRIMARY KEY, model TEXT NOT NULL,
                                                            sha BLOB NOT NULL, vec BLOB NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS passage_vectors_key ON passage_vectors (model, sha);
                """
            )
            self._migrate()
            self.conn.commit()

    @contextlib.contextmanager
    def guarded(self) -> Iterator[None]:
        """A damaged cache file becomes DamagedIndex (the fix: `xxgk reindex`, which rebuilds it empty)."""
        try:
            yield
        except sqlite3.DatabaseError as e:
            if not is_corruption(e):
                raise
            self.conn.close()
            raise damaged(self.path.parent.parent, f"the embedding cache {self.path.name} is damaged") from e

    def _migrate(self) -> None:
        """Move the vectors of a cache written before passage_vectors (table `vectors`) into it, once:
        a cache can hold hours of embedding work."""
        if self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'vectors' AND type = 'table'").fetchone():
            self.conn.execute("INSERT OR IGNORE INTO passage_vectors (model, sha, vec) SELECT model, sha, vec FROM vectors")
            self.conn.execute("DROP TABLE vectors")

    def get(self, model: str, digests: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        with self.guarded():
            for i in range(0, len(digests), _LOOKUP):
                part = digests[i : i + _LOOKUP]
                rows = self.conn.execute(
                    f"SELECT sha, vec FROM passage_vectors WHERE model = ? AND sha IN ({','.join('?' * len(part))})",
                    [model, *part],
                )
                found.update((sha, np.frombuffer(vec, dtype=np.float32)) for sha, vec in rows)
        return found

    def put(self, model: str, items: list[tuple[bytes, np.ndarray]]) -> None:
        with self.guarded():
            self.conn.executemany(
                "INSERT OR REPLACE INTO passage_vectors (model, sha, vec) VALUES (?, ?, ?)",
                [(model, sha, np.asarray(vec, dtype=np.float32).tobytes()) for sha, vec in items],
            )

    def commit(self) -> None:
        with self.guarded():
            self.conn.commit()

    def count(self, model: str | None = None) -> int:
        if model is None:
            return self.conn.execute("SELECT count(*) FROM passage_vectors").fetchone()[0]
        return self.conn.execute("SELECT count(*) FROM passage_vectors WHERE model = ?", [model]).fetchone()[0]

    def close(self) -> None:
        self.conn.close()


def cache_problem(path: Path) -> str | None:
    """What is wrong with the cache file, or None (also when there is none yet). Reads only its header and
    schema, without creating or changing anything."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return None
    except sqlite3.DatabaseError as e:
        return f"the embedding cache {path.name} is damaged" if is_corruption(e) else None
    finally:
        conn.close()


def last_model(path: Path) -> str | None:
    """The model whose vectors the cache received last: the index's model when no meta.json can say it."""
    if not path.is_file() or cache_problem(path):
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT model FROM passage_vectors ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def remove_damaged(path: Path) -> bool:
    """Delete a damaged cache file (and its WAL files) so it is rebuilt empty; True when it was damaged."""
    if not cache_problem(path):
        return False
    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    return True


def embed_passages(
    embedder: Embedder,
    texts: list[str],
    cache: EmbeddingCache | None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, int]:
    """Vectors of `texts` (rows in order) and how many texts had to be embedded (cache misses)."""
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    if not texts:
        return out, 0
    if cache is None or not embedder.cacheable:
        return _embed_uncached(embedder, texts, out, progress), len(texts)
    digests = [digest(t) for t in texts]
    known = cache.get(embedder.name, list(dict.fromkeys(digests)))
    missing = list(dict.fromkeys(d for d in digests if d not in known))
    first_text = {d: t for d, t in zip(reversed(digests), reversed(texts))}
    last_commit = time.monotonic()
    for done in range(0, len(missing), BATCH):
        part = missing[done : done + BATCH]
        vectors = embedder.embed_passages([first_text[d] for d in part])
        cache.put(embedder.name, list(zip(part, vectors)))
        known.update(zip(part, vectors))
        if time.monotonic() - last_commit > COMMIT_EVERY:
            cache.commit()
            last_commit = time.monotonic()
        if progress:
            progress(done + len(part), len(missing))
    cache.commit()
    for i, d in enumerate(digests):
        out[i] = known[d]
    return out, len(missing)


def _embed_uncached(embedder, texts, out, progress):
    step = BATCH * 64 if not embedder.cacheable else BATCH
    for start in range(0, len(texts), step):
        out[start : start + step] = embedder.embed_passages(texts[start : start + step])
        if progress:
            progress(min(start + step, len(texts)), len(texts))
    return out
