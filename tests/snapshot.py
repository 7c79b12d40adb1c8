"""What an index holds, as plain values two indexes can be compared by: every table's rows (but the
time each report was ingested), the full-text vocabulary, and every vector, bit for bit, by chunk id."""

from __future__ import annotations

from pathlib import Path

from index.reader import Index

TABLES = ("reports", "agencies", "facts", "checks", "chunks", "term_df")
VOLATILE = {"ingested_at"}


def snapshot(home: Path) -> dict:
    with Index.open(home, bootstrap=False) as index:
        db = index.db
        out: dict = {}
        for table in TABLES:
            cursor = db.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            names = [d[0] for d in cursor.description]
            out[table] = [
                {k: v for k, v in zip(names, row) if k not in VOLATILE} for row in cursor.fetchall()
            ]
        out["fts"] = db.execute("SELECT term, doc, cnt FROM chunks_fts_vocab ORDER BY term").fetchall()
        ids = [row["id"] for row in out["chunks"]]
        out["vectors"] = index.vectors.vectors_of(ids).tobytes() if ids else b""
        meta = index.meta
        out["meta"] = (meta.model, meta.dim, meta.vector_kind, meta.vectors, meta.reports, meta.chunks)
    return out


def differences(a: dict, b: dict) -> list[str]:
    """The parts of two snapshots that differ (empty when the indexes are the same)."""
    return [part for part in a if a[part] != b.get(part)]
