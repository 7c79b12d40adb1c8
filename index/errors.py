"""Errors of the index. Short nouns; the message says what went wrong and what to do next.

The command line prints `str(error)` on one line and exits 1; nothing here should reach a user as a
traceback.
"""


class IndexProblem(Exception):
    """Something stops the index from being read or written."""


class NoIndex(IndexProblem):
    """The home holds no index yet."""


class IndexMismatch(IndexProblem):
    """Vectors of two different embedding models would be mixed in one index."""


class IndexBusy(IndexProblem):
    """Another ingest or reindex holds the home's write lock, or the database is locked."""


class HomeUnusable(IndexProblem):
    """The data home cannot be created, read or written."""


class DiskFull(IndexProblem):
    """The disk holding the home ran out of space while writing."""


class DamagedIndex(IndexProblem):
    """A file of the index (CURRENT, meta.json, index.db, vectors.faiss, the embedding cache) is missing or
    unreadable. The stored originals are not touched; `xxgk reindex` rebuilds the index from them."""


class ModelUnavailable(IndexProblem):
    """The configured embedding model cannot be loaded offline."""


def damaged(home, what: str) -> DamagedIndex:
    """The one wording of a damaged index: what is wrong, that the originals are safe, and the fix."""
    return DamagedIndex(
        f"the index in {home} is damaged ({what}); the reports you added are kept in {home}/originals: "
        f"run `xxgk reindex --home {home}` to rebuild the index from them"
    )
