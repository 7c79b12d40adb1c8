"""Where the metric dictionary's words stand in a question: every occurrence of every term, overlaps kept.

Chinese terms are found in the squashed question (no spaces, folded widths); English terms in the
lowercased question as runs of whole words, each word reduced to its stem on both sides
(bot/understand/english_stems.py: "refusals", "refused", "refuses" are one word).
English offsets are shifted by EN_OFFSET so both kinds of hit share one list without colliding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.template import squash

from ..metrics import OUTCOME, Term, terms
from .english_stems import stems, tokens

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
    hits = _distinct([*_find_zh(zh), *_find_en(en)])
    return _outside_phrases(_longest_outcomes(hits), question)


def _longest_outcomes(hits: list[Hit]) -> list[Hit]:
    """An outcome said inside a longer outcome phrase is that phrase's: "decided against" (纠正) inside "decided
    against the applicant" (维持) says who lost, and the longer phrase says it."""
    outcomes = [h for h in hits if h.term.kind == OUTCOME]
    return [h for h in hits if h.term.kind != OUTCOME or not any(
        o is not h and o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start
        and o.term.target != h.term.target for o in outcomes)]


def _distinct(hits: list[Hit]) -> list[Hit]:
    """One hit per place and meaning: "refused", "refusal" and "refuses" read the same words once (the
    specific term over the generic one)."""
    best: dict[tuple, Hit] = {}
    for h in hits:
        key = (h.start, h.end, h.term.kind, h.term.target)
        if key not in best or (best[key].term.weak and not h.term.weak):
            best[key] = h
    return list(best.values())


def texts(question: str, masked_spans: tuple[tuple[int, int], ...] = ()) -> tuple[str, str]:
    """The squashed Chinese text and the lowercased English text the offsets refer to."""
    return squash(question), english_text(question, masked_spans)


def english_text(question: str, masked_spans: tuple[tuple[int, int], ...] = ()) -> str:
    """Lowercased, with agency mentions, articles and hyphens blanked (same length, so offsets hold):
    "enforcement-file refusals" and "after an administrative reconsideration" read as the dictionary's words."""
    text = _mask(question.lower(), masked_spans)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<![a-z])'|'(?![a-z])|[\"“”‘’]", " ", text)
    # A year reads as the word "year" ("still pending at the end of 2023"), in the same four characters.
    text = re.sub(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", "year", text)
    return re.sub(r"\b(?:a|an|the)\b", lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class _Compiled:
    zh: tuple[Term, ...]
    en: dict[str, tuple[tuple[tuple[str, ...], Term], ...]]  # first stem -> (stems, term), longest first


@cache
def _compiled() -> _Compiled:
    zh = tuple(t for t in terms() if not t.text.isascii())
    by_first: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
    for t in terms():
        if t.text.isascii() and (words := stems(t.text)):
            by_first.setdefault(words[0], []).append((words, t))
    en = {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in by_first.items()}
    return _Compiled(zh, en)


def _find_zh(text: str) -> list[Hit]:
    found = []
    for t in _compiled().zh:
        start = text.find(t.text)
        while start >= 0:
            found.append(Hit(start, start + len(t.text), t))
            start = text.find(t.text, start + 1)
    return found


def _find_en(text: str) -> list[Hit]:
    """Every dictionary phrase whose words, each reduced to its stem, follow one another in the text (never
    across punctuation); one other word may stand between two of them ("compulsory administrative
    measures", "after an unsuccessful reconsideration") when it negates nothing and no specific phrase claims it."""
    words = tokens(text)
    exact = _phrases_in(text, words, frozenset())
    claimed = frozenset(k for term, first, last in exact if not term.weak for k in range(first, last))
    return [Hit(words[first].start + EN_OFFSET, words[last - 1].end + EN_OFFSET, term)
            for term, first, last in exact + _phrases_in(text, words, claimed, gap=True)]


def _phrases_in(text: str, words, claimed: frozenset[int], gap: bool = False) -> list[tuple[Term, int, int]]:
    found = []
    for i, first in enumerate(words):
        for phrase, term in _compiled().en.get(first.stem, ()):
            end = _match_from(text, words, i, phrase, claimed if gap else None)
            if end is not None:
                found.append((term, i, end))
    return found


def _match_from(text: str, words, i: int, phrase: tuple[str, ...], claimed: frozenset[int] | None) -> int | None:
    """The index after the phrase's last word when it matches from words[i] (with one word skipped when
    `claimed` is given: the words other phrases hold are not skipped), else None."""
    pos, skipped = i + 1, False
    for p in phrase[1:]:
        if pos < len(words) and words[pos].stem == p:
            pos += 1
        elif (claimed is not None and not skipped and pos + 1 < len(words) and words[pos + 1].stem == p
              and words[pos].stem not in _NO_GAP and pos not in claimed):
            pos, skipped = pos + 2, True
        else:
            return None
    if claimed is not None and not skipped:
        return None  # found without a gap already
    return pos if _one_clause(text, words[i].start, words[pos - 1].end) else None


def _one_clause(text: str, start: int, end: int) -> bool:
    return not re.search(r"[,;:.?!()，。；：？！（）、]", text[start:end])


_NO_GAP = {"not", "no", "never", "without", "and", "or", "year"}


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
