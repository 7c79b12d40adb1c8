"""Where the metric dictionary's words stand in a question: every occurrence of every term, overlaps kept.

Chinese terms are found in the squashed question (no spaces, folded widths); English terms in the
lowercased question, as whole words, the last word with any common ending ("refused", "refuses").
English offsets are shifted by EN_OFFSET so both kinds of hit share one list without colliding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.template import squash

from ..metrics import Term, terms

EN_OFFSET = 100000


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    term: Term

    @property
    def english(self) -> bool:
        return self.start >= EN_OFFSET

    @property
    def length(self) -> int:
        return self.end - self.start

    def inside(self, spans: tuple[tuple[int, int], ...]) -> bool:
        return any(s <= self.start and self.end <= e for s, e in spans)


def find_hits(question: str, masked_spans: tuple[tuple[int, int], ...] = ()) -> list[Hit]:
    """Every term occurrence; `masked_spans`: English spans already taken by an agency name."""
    zh, en = texts(question, masked_spans)
    hits = [*_find_zh(zh), *_find_en(en)]
    return _outside_phrases(hits, question)


def texts(question: str, masked_spans: tuple[tuple[int, int], ...] = ()) -> tuple[str, str]:
    """The squashed Chinese text and the lowercased English text the offsets refer to."""
    return squash(question), english_text(question, masked_spans)


def english_text(question: str, masked_spans: tuple[tuple[int, int], ...] = ()) -> str:
    """Lowercased, with agency mentions, articles and hyphens blanked (same length, so offsets hold):
    "enforcement-file refusals" and "after an administrative reconsideration" read as the dictionary's words."""
    text = _mask(question.lower(), masked_spans)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<![a-z])'|'(?![a-z])|[\"“”‘’]", " ", text)
    return re.sub(r"\b(?:a|an|the)\b", lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class _Compiled:
    zh: tuple[Term, ...]
    en: tuple[tuple[Term, re.Pattern[str]], ...]


@cache
def _compiled() -> _Compiled:
    zh = tuple(t for t in terms() if not t.text.isascii())
    en = tuple((t, re.compile(rf"(?<![a-z]){_inflected(t.text)}(?![a-z])")) for t in terms() if t.text.isascii())
    return _Compiled(zh, en)


def _inflected(phrase: str) -> str:
    """"refused to process" also as "refuse to process", "refusing to process": each longer word may carry any
    common English ending, a short last word its plural."""
    words = phrase.split(" ")
    return r"\s+".join(_word_forms(w, last=i == len(words) - 1) for i, w in enumerate(words))


def _word_forms(word: str, last: bool) -> str:
    if len(word) > 5:
        stem = re.sub(r"(ed|es|s|e|d|ing)$", "", word)
        return re.escape(stem) + r"(?:s|es|e|d|ed|ing|al)?"
    if last and word.endswith("s") and len(word) > 3:
        return re.escape(word[:-1]) + "s?"  # "fees" also as "fee"
    return re.escape(word) + ("s?" if last else "")


def _find_zh(text: str) -> list[Hit]:
    found = []
    for t in _compiled().zh:
        start = text.find(t.text)
        while start >= 0:
            found.append(Hit(start, start + len(t.text), t))
            start = text.find(t.text, start + 1)
    return found


def _find_en(text: str) -> list[Hit]:
    return [Hit(m.start() + EN_OFFSET, m.end() + EN_OFFSET, t)
            for t, pattern in _compiled().en for m in pattern.finditer(text)]


def _outside_phrases(hits: list[Hit], question: str) -> list[Hit]:
    """Drop English table words inside a longer narrative phrase ("licenses" in "electronic licenses")."""
    from .en_terms import phrase_spans

    spans = [(s + EN_OFFSET, e + EN_OFFSET) for s, e in phrase_spans(question)]
    return [h for h in hits if not h.english or not any(
        s <= h.start and h.end <= e and (e - s) > h.length for s, e in spans)]


def _mask(text: str, spans) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)
