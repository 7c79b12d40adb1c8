"""How Chinese text is turned into full-text tokens, for the index and for queries alike.

The index uses overlapping character bigrams ("政府信息公开" → 政府 府信 信息 息公 公开): no dictionary
to load on the query path, no out-of-vocabulary names (平潭, 营商局), and on the corpus questions it
found the gold evidence as often as jieba words and more often than FTS5 trigrams (figures in store.py). The other two schemes
are kept here only so `bench/scale.py --fts-compare` can measure them against it.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[0-9]+|[A-Za-z]+")  # as unicode61 splits: "51.85" is 51 and 85


# Characters NFKC turns into letters, digits or other ideographs: full-width letters and digits,
# circled and parenthesised numbers, number forms, super/subscripts, CJK compatibility ideographs.
# Chinese text always holds other compatibility characters (the full-width ，（）：), which NFKC would
# rewrite to no effect on the terms, so only these decide whether normalising is worth it.
_COMPAT = re.compile("[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f\u2460-\u24ff"
                     "\u2e80-\u2fdf\u3200-\u33ff\uf900-\ufaff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _runs(text: str) -> list[str]:
    if _COMPAT.search(text):
        text = unicodedata.normalize("NFKC", text)
    return _RUN.findall(text.lower())


def bigram_terms(text: str) -> list[str]:
    """Character bigrams of each Chinese run (a lone character stays a unigram); words and numbers whole."""
    terms: list[str] = []
    for run in _runs(text):
        if len(run) > 1 and run[0] >= "\u3400":  # a run is all Chinese, all digits or all Latin letters
            terms.extend(map(operator.add, run, run[1:]))  # pairs of neighbours, built in C
        else:
            terms.append(run)
    return terms


def fts_tokens(text: str) -> str:
    """The string stored in the FTS5 table for a chunk (space-separated terms, unicode61 splits them)."""
    return " ".join(bigram_terms(text))


def query_terms(text: str) -> list[str]:
    """Distinct terms of a question, in order of appearance."""
    return list(dict.fromkeys(bigram_terms(text)))


def match_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression that ORs the terms; BM25 ranks chunks by how many rare ones they hold."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


# --- alternatives, measured by bench/scale.py --fts-compare -----------------------------------------


def _jieba_terms(text: str) -> list[str]:
    import jieba  # loads a 20 MB dictionary: one reason it is not the default

    words = jieba.lcut_for_search(unicodedata.normalize("NFKC", text).lower())
    return [w for w in words if _RUN.fullmatch(w)]


def _trigram_query_terms(text: str) -> list[str]:
    terms: list[str] = []
    for run in _runs(text):
        terms.extend(run[i : i + 3] for i in range(max(len(run) - 2, 0)))
    return list(dict.fromkeys(terms))


@dataclass(frozen=True)
class Scheme:
    name: str
    tokenizer: str  # FTS5 tokenize= argument
    index_text: Callable[[str], str]
    query_terms: Callable[[str], list[str]]


SCHEMES = (
    Scheme("bigram", "unicode61", fts_tokens, query_terms),
    Scheme("jieba", "unicode61", lambda t: " ".join(_jieba_terms(t)),
           lambda t: list(dict.fromkeys(_jieba_terms(t)))),
    Scheme("trigram", "trigram", lambda t: unicodedata.normalize("NFKC", t).lower(), _trigram_query_terms),
)
