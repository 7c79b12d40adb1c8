"""The fallback for metric wording the dictionary does not know: embedding similarity between the
question and a description of every row of the standard tables.

Used only where a wrong guess would be costly otherwise: a question speaks of requests but names no
row ("有多少申请被驳回了？"), which the dictionary alone would read as the year's new requests. The row
descriptions (the template's Chinese and English labels with the dictionary's words) are embedded
once per process and model, lazily, with the index's own embedder.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingest import template as tpl

from ..metrics import FAMILIES, FAMILIES_EN, ROW, terms

# A row is taken only when it is this similar to the question and clearly closer than the default.
MIN_SIMILARITY = 0.84
MIN_MARGIN = 0.015
DEFAULT_ROW = "applications.new_received"


@dataclass(frozen=True)
class RowVectors:
    rows: tuple[str, ...]
    vectors: np.ndarray


_CACHE: dict[int, RowVectors] = {}


# The rows offered: the headline rows and families of table 3 (a reader picks among these, then may
# ask for a reason within them).
HEADLINE_ROWS = ("applications.new_received", "applications.carried_over", "applications.results.granted",
                 "applications.results.partially_granted", "applications.results.denied",
                 "applications.results.unavailable", "applications.results.not_processed", "applications.results.other",
                 "applications.results.total", "applications.carried_forward")


def descriptions() -> dict[str, str]:
    by_row: dict[str, list[str]] = {}
    for term in terms():
        if term.kind == ROW and term.target in HEADLINE_ROWS:
            by_row.setdefault(term.target, []).append(term.text)
    for family, label in FAMILIES.items():
        if family in by_row:
            by_row[family] = [label, FAMILIES_EN[family], *by_row[family]]
    return {row: "政府信息公开申请 " + " ".join(dict.fromkeys(words))[:300] for row, words in by_row.items()}


def row_vectors(embedder) -> RowVectors:
    cached = _CACHE.get(id(embedder))
    if cached is None:
        texts = descriptions()
        vectors = np.asarray(embedder.embed_passages(list(texts.values())), dtype=np.float32)
        cached = RowVectors(tuple(texts), vectors)
        _CACHE[id(embedder)] = cached
    return cached


def closest_rows(question_vector: np.ndarray, embedder, n: int) -> list[str]:
    """The n rows most similar to the question, best first."""
    table = row_vectors(embedder)
    scores = table.vectors @ np.asarray(question_vector, dtype=np.float32)
    return [table.rows[i] for i in np.argsort(-scores)[:n]]


def option_label(row: str, lang: str) -> str:
    """A row as a clarify option: its label, which the metric dictionary reads back when it is picked."""
    if row in FAMILIES:
        return FAMILIES[row] if lang == "zh" else FAMILIES_EN[row]
    for template in (tpl.TEMPLATE_2021, tpl.TEMPLATE_2019):
        for _, r in template.table("applications").rows:
            if f"applications.{r.key}" == row:
                return r.zh if lang == "zh" else r.en
    return row


def closest_row(question_vector: np.ndarray, embedder) -> str | None:
    """The row the question means, when one stands out from the default; else None."""
    table = row_vectors(embedder)
    scores = table.vectors @ np.asarray(question_vector, dtype=np.float32)
    best = int(np.argmax(scores))
    default = scores[table.rows.index(DEFAULT_ROW)] if DEFAULT_ROW in table.rows else 0.0
    if table.rows[best] == DEFAULT_ROW or scores[best] < MIN_SIMILARITY or scores[best] - default < MIN_MARGIN:
        return None
    return table.rows[best]
