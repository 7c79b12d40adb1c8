"""Where the data home is and how it is laid out. The one place that decides both.

Layout of a home:

    CURRENT                  names the live generation folder (replaced atomically with os.replace)
    generations/<name>/      one complete index: index.db (SQLite), vectors.faiss, meta.json
    originals/<sha256>.<ext> every ingested report as received, so `reindex` can rebuild
    cache/embeddings.db      embedding cache keyed by (model, sha256 of text), shared by generations
    write.lock               held (flock) by the one ingest or reindex that may write
"""

from __future__ import annotations

import os
from pathlib import Path

from index.errors import HomeUnusable

ENV_HOME = "XXGK_HOME"
ENV_MODEL = "XXGK_MODEL"


def resolve_home(home: str | os.PathLike | None = None) -> Path:
    """--home, else $XXGK_HOME, else the platform's user data folder for "xxgk"; HomeUnusable when its
    name is not UTF-8 text."""
    if home:
        return _nameable(Path(home).expanduser().resolve())
    env = os.environ.get(ENV_HOME)
    if env:
        return _nameable(Path(env).expanduser().resolve())
    from platformdirs import user_data_dir  # only needed when no home was given

    return _nameable(Path(user_data_dir("xxgk")).resolve())


def _nameable(home: Path) -> Path:
    """The home, when its name is UTF-8 text: FAISS opens its files by a UTF-8 name, so a home whose name
    holds other bytes (a GBK folder name) could never be written."""
    try:
        str(home).encode("utf-8")
    except UnicodeEncodeError:
        from ingest.reading import as_text

        raise HomeUnusable(f"the data home {as_text(str(home))} has bytes in its name that are not UTF-8 text, and "
                           "the vector index cannot be saved there; choose another folder with --home DIR or "
                           "$XXGK_HOME") from None
    return home


def configured_model(model: str | None = None) -> str | None:
    """--model, else $XXGK_MODEL, else None (the default model, or the one the index already uses)."""
    return model or os.environ.get(ENV_MODEL) or None


def current_file(home: Path) -> Path:
    return home / "CURRENT"


def generations_dir(home: Path) -> Path:
    return home / "generations"


def originals_dir(home: Path) -> Path:
    return home / "originals"


def cache_file(home: Path) -> Path:
    return home / "cache" / "embeddings.db"


def write_lock_file(home: Path) -> Path:
    return home / "write.lock"
