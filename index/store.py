"""The SQLite file of one index generation: its schema (declared only here) and the rows it holds.

Full-text search over Chinese: FTS5's default unicode61 tokenizer keeps a run of Chinese characters
as one token, so nothing inside a sentence could be found. We index overlapping character bigrams
(`index.fts`). Measured on the 21 narrative questions of the shared corpus (is the gold evidence in
the top-k chunks? `python bench/scale.py --fts-compare`): bigrams and jieba-segmented words tie
(hit@1 0.86, hit@3 0.95, MRR@10 0.90 unfiltered), FTS5's trigram tokenizer trails (hit@1 0.67,
hit@3 0.76, MRR@10 0.75). Bigrams win the tie: no 20 MB dictionary to load (jieba takes ~0.5 s on
the first query) and no out-of-vocabulary names. The FTS table is contentless: it holds only the
token index, and its rowid is the chunk id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from index.fts import fts_tokens

SCHEMA = Migrations("xxgk-index")


@SCHEMA()
def m001_tables(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS reports (
            id INTEGER PRIMARY KEY,
            agency TEXT NOT NULL,
            year INTEGER,
            title TEXT NOT NULL DEFAULT '',
            published TEXT,
            url TEXT,
            template TEXT NOT NULL,
            source_name TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            original_path TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            failed_checks TEXT NOT NULL DEFAULT '[]',
            warnings TEXT NOT NULL DEFAULT '[]',
            format TEXT NOT NULL DEFAULT '',
            encoding TEXT NOT NULL DEFAULT '',
            layout TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS reports_agency_year ON reports (agency, year);
        CREATE TABLE IF NOT EXISTS agencies (
            name TEXT PRIMARY KEY,
            region TEXT NOT NULL,
            department TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE IF NOT EXISTS facts (
            report_id INTEGER NOT NULL REFERENCES reports(id),
            key TEXT NOT NULL,
            value REAL,
            unit TEXT,
            printed TEXT NOT NULL DEFAULT '',
            label TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('certain', 'ambiguous')),
            computed REAL,
            candidates TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (report_id, key)
        );
        CREATE INDEX IF NOT EXISTS facts_key ON facts (key);
        CREATE TABLE IF NOT EXISTS checks (
            report_id INTEGER NOT NULL REFERENCES reports(id),
            rule TEXT NOT NULL,
            ok INTEGER NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS checks_report ON checks (report_id);
        -- AUTOINCREMENT: a chunk id is never reused, because it is also the FAISS id and an
        -- approximate index of an earlier version (HNSW) dropped removed vectors lazily.
        CREATE TABLE IF NOT EXISTS chunks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            report_id INTEGER NOT NULL REFERENCES reports(id),
            section TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL DEFAULT 0,
            "end" INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL CHECK (kind IN ('narrative', 'table'))
        );
        CREATE INDEX IF NOT EXISTS chunks_report ON chunks (report_id);
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5 (tokens, content='');
        """
    )


@SCHEMA()
def m002_fts_vocabulary(db: sqlite_utils.Database) -> None:
    # Document frequency per term: search drops terms that occur in most passages (cheaper, and BM25
    # gives them almost no weight anyway).
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts_vocab USING fts5vocab(chunks_fts, 'row')")


@SCHEMA()
def m003_term_document_frequency(db: sqlite_utils.Database) -> None:
    # How many chunks hold each full-text term, kept up to date as chunks come and go. fts5vocab can
    # tell the same, but only by reading every posting of the term: for 公开 in a large index that
    # alone took longer than the whole search budget.
    db.execute("CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("INSERT OR REPLACE INTO term_df (term, df) SELECT term, doc FROM chunks_fts_vocab")


@SCHEMA()
def m004_given_metadata(db: sqlite_utils.Database) -> None:
    # What the admin gave for a copy that states neither its agency nor its year (--agency, --year),
    # as a JSON object, so a re-index reads the stored original the same way.
    if "given" not in db["reports"].columns_dict:
        db.execute("ALTER TABLE reports ADD COLUMN given TEXT NOT NULL DEFAULT '{}'")


def open_db(path: Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open a generation's database. Read-only opens are `immutable`: a published generation never
    changes, so readers take no locks and cannot be blocked by a writer."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True, check_same_thread=False)
        return sqlite_utils.Database(conn)
    conn = sqlite3.connect(str(path), timeout=5.0)
    db = sqlite_utils.Database(conn)
    # A generation being built is thrown away if the process dies, so durability is only needed
    # once, at the end (build.publish fsyncs the file before the swap).
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -131072")  # 128 MB: FTS5 merges its segments in memory while building
    SCHEMA.apply(db)
    return db


CORRUPTION = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})


def is_corruption(error: BaseException) -> bool:
    """Whether an SQLite error says the file itself is damaged (not locked, not full)."""
    return isinstance(error, sqlite3.DatabaseError) and getattr(error, "sqlite_errorname", "") in CORRUPTION


def check_db(db: sqlite_utils.Database) -> str | None:
    """What is wrong with a generation's database, or None. Cheap enough for every open: the header,
    the schema, the reports table, and whether the file holds every page its header counts (a truncated
    file does not). Damage deeper inside is found when a query reaches it (see is_corruption)."""
    try:
        pages, size = db.execute("PRAGMA page_count").fetchone()[0], db.execute("PRAGMA page_size").fetchone()[0]
        db.execute("SELECT count(*) FROM reports").fetchone()
        db.execute("SELECT max(id) FROM chunks").fetchone()
    except sqlite3.DatabaseError as e:
        return f"unreadable: {e}"
    path = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
    if path and Path(path).stat().st_size < pages * size:
        return "truncated"
    return None


def readable_rows(path: Path, sql: str) -> list[dict] | None:
    """The rows of a query on a published database, or None when the file is missing or damaged."""
    if not path.is_file():
        return None
    db = open_db(path, readonly=True)
    try:
        return None if check_db(db) else list(db.query(sql))
    except sqlite3.DatabaseError:
        return None
    finally:
        db.conn.close()


def copy_db(source: Path, target: Path) -> None:
    """A consistent copy of a published database (the backup API copies page by page)."""
    src = sqlite3.connect(f"file:{source}?immutable=1", uri=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def insert_report(db: sqlite_utils.Database, row: dict, report_id: int | None = None) -> int:
    """Insert a report row; `report_id` keeps a report's id stable across a reindex."""
    cur = db.execute(
        "INSERT INTO reports (id, agency, year, title, published, url, template, source_name, sha256, "
        "original_path, ingested_at, failed_checks, warnings, format, encoding, layout, given) "
        "VALUES (:id, :agency, :year, :title, :published, :url, :template, :source_name, :sha256, "
        ":original_path, :ingested_at, :failed_checks, :warnings, :format, :encoding, :layout, :given)",
        {"given": "{}", **row, "id": report_id},
    )
    return int(cur.lastrowid)


def copy_report_rows(source: sqlite_utils.Database, target: sqlite_utils.Database, report_id: int) -> None:
    """Copy a report, its facts, checks and agency (not its chunks) from one generation to another."""
    for table in ("reports", "facts", "checks"):
        column = "id" if table == "reports" else "report_id"
        rows = list(source.query(f"SELECT * FROM {table} WHERE {column} = ?", [report_id]))
        if rows:
            names = list(rows[0])
            target.conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [tuple(r.values()) for r in rows],
            )
    agency = source.execute("SELECT agency FROM reports WHERE id = ?", [report_id]).fetchone()[0]
    for row in source.query("SELECT * FROM agencies WHERE name = ?", [agency]):
        target.execute("INSERT OR REPLACE INTO agencies VALUES (:name, :region, :department, :aliases)", row)


def insert_facts(db: sqlite_utils.Database, rows: Iterable[dict]) -> None:
    db.conn.executemany(
        "INSERT OR REPLACE INTO facts (report_id, key, value, unit, printed, label, status, computed, "
        "candidates) VALUES (:report_id, :key, :value, :unit, :printed, :label, :status, :computed, "
        ":candidates)",
        list(rows),
    )


def insert_checks(db: sqlite_utils.Database, rows: Iterable[dict]) -> None:
    db.conn.executemany(
        "INSERT INTO checks (report_id, rule, ok, detail) VALUES (:report_id, :rule, :ok, :detail)",
        list(rows),
    )


def insert_chunks(db: sqlite_utils.Database, rows: list[dict]) -> list[int]:
    """Insert chunks and their full-text tokens; returns the new chunk ids in order.

    Ids are taken after the highest ever used (sqlite_sequence, kept by AUTOINCREMENT), so they can be
    assigned up front and the rows written in one executemany. term_df is not touched: a build
    refreshes it once, at the end (refresh_term_counts)."""
    if not rows:
        return []
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'chunks'").fetchone()
    first = (seq[0] if seq else 0) + 1
    ids = list(range(first, first + len(rows)))
    db.conn.executemany(
        'INSERT INTO chunks (id, report_id, section, ordinal, text, start, "end", kind) '
        "VALUES (:id, :report_id, :section, :ordinal, :text, :start, :end, :kind)",
        [{**r, "id": i} for i, r in zip(ids, rows)],
    )
    db.conn.executemany("INSERT INTO chunks_fts (rowid, tokens) VALUES (?, ?)",
                        [(i, fts_tokens(r["text"])) for i, r in zip(ids, rows)])
    return ids


def refresh_term_counts(db: sqlite_utils.Database) -> None:
    """Rewrite term_df from the full-text index itself: one pass in C over the FTS5 vocabulary (about
    0.5 s at 10,000 reports), cheaper than tallying every term of every chunk in Python as it is written."""
    db.execute("DELETE FROM term_df")
    db.execute("INSERT INTO term_df (term, df) SELECT term, doc FROM chunks_fts_vocab WHERE doc > 0")


def upsert_agency(db: sqlite_utils.Database, name: str, region: str, department: str,
                  aliases: Iterable[str]) -> None:
    db.execute(
        "INSERT OR REPLACE INTO agencies (name, region, department, aliases) VALUES (?, ?, ?, ?)",
        [name, region, department, json.dumps(list(aliases), ensure_ascii=False)],
    )


def delete_report(db: sqlite_utils.Database, report_id: int) -> list[int]:
    """Remove a report and everything derived from it; returns the ids of its removed chunks."""
    rows = db.execute("SELECT id, text FROM chunks WHERE report_id = ?", [report_id]).fetchall()
    tokens = [fts_tokens(text) for _, text in rows]
    # A contentless FTS5 table forgets a row only when given the tokens it was indexed with.
    db.conn.executemany(
        "INSERT INTO chunks_fts (chunks_fts, rowid, tokens) VALUES ('delete', ?, ?)",
        [(cid, t) for (cid, _), t in zip(rows, tokens)],
    )
    for table in ("chunks", "facts", "checks"):
        db.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
    db.execute("DELETE FROM reports WHERE id = ?", [report_id])
    db.execute("DELETE FROM agencies WHERE name NOT IN (SELECT agency FROM reports)")
    return [cid for cid, _ in rows]


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
