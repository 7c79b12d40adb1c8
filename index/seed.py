"""The bundled sample reports and their precomputed embeddings.

A new user's first question indexes the sample reports (index/samples). Embedding their ~380 passages
with the default model takes about a minute on a 2-core machine, so the package also ships those
vectors (samples/embeddings.npz, ~0.6 MB) and loads them into the home's embedding cache first. If the
parser or chunker changed since the file was made, the passages that changed are simply embedded (a
cache miss costs time, never correctness). Regenerate after such a change with:

    python -m index.seed
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

from index.embed import DEFAULT_MODEL
from index.embed_cache import EmbeddingCache, digest

SAMPLES = Path(__file__).parent / "samples"
SEED_FILE = SAMPLES / "embeddings.npz"


def load_seed(cache: EmbeddingCache, model: str) -> int:
    """Put the shipped sample vectors of `model` into the cache; returns how many (0 for other models)."""
    if model != DEFAULT_MODEL or not SEED_FILE.exists():
        return 0
    with np.load(SEED_FILE) as data:
        if str(data["model"]) != model:
            return 0
        shas, vectors = data["sha"], data["vec"]
    cache.put(model, [(bytes(s), v) for s, v in zip(shas, vectors)])
    cache.commit()
    return len(shas)


def write_seed(target: Path = SEED_FILE) -> int:
    """Index the samples with the default model in a scratch home and save their passage vectors."""
    from index.build import ingest
    from index.reader import Index

    with tempfile.TemporaryDirectory() as home:
        ingest(home, [SAMPLES])
        with Index.open(home, bootstrap=False) as index:
            texts = [r[0] for r in index.db.execute("SELECT text FROM chunks ORDER BY id").fetchall()]
        cache = EmbeddingCache(Path(home) / "cache" / "embeddings.db")
        digests = [digest(t) for t in texts]
        found = cache.get(DEFAULT_MODEL, digests)
        cache.close()
    shas = np.array([np.frombuffer(d, dtype=np.uint8) for d in digests])
    vectors = np.array([found[d] for d in digests], dtype=np.float32)
    np.savez_compressed(target, model=np.array(DEFAULT_MODEL), sha=shas, vec=vectors)
    return len(texts)


def seeded(texts: list[str]) -> int:
    """How many of these passage texts the shipped file holds (a test keeps the file from going stale)."""
    if not SEED_FILE.exists():
        return 0
    with np.load(SEED_FILE) as data:
        known = {bytes(s) for s in data["sha"]}
    return sum(digest(t) in known for t in texts)


def seed_home(home: Path, model: str | None) -> int:
    """Before indexing the samples into a new home: put their shipped vectors into its cache."""
    from index.embed import canonical_name
    from index.home import cache_file

    cache = EmbeddingCache(cache_file(home))
    try:
        return load_seed(cache, canonical_name(model))
    finally:
        cache.close()


if __name__ == "__main__":
    print(f"wrote {write_seed()} passage vectors to {SEED_FILE}", file=sys.stderr)
