"""Which table cell a question asks for, by the words of the metric dictionary (bot/metrics.py).

The most specific row named wins ("补正后仍不明确" over "无法提供"); generic verbs ("收到", "received",
"handled") decide only when nothing more specific is named. A question that names requests ("申请",
"requests") but no row asks for the new requests of the year (本年新收), as facts-keys.md says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.template import squash

from ..metrics import COLUMN, OUTCOME, ROW, Term, terms

# Generic words: they name a row only when no specific row is named.
WEAK = {"收到", "收了", "受理", "提出", "received", "receive", "get", "got", "filed", "submitted", "approved",
        "handled", "processed", "responded", "dealt with", "answered", "resolved", "处理了", "答复", "办理了",
        "办结", "办理结果", "申请数量", "申请总数", "申请量", "依申请公开", "confirm", "confirmation", "directly",
        "enforcement", "research", "partially", "report", "complaint", "complaints", "value", "spent"}
_REQUEST_WORDS = re.compile(r"申请|request|application|applicant", re.I)


@dataclass(frozen=True)
class MetricAsk:
    row: str | None = None  # row key or family: "applications.new_received", "review", "litigation"
    column: str | None = None  # applicant column, table-2 column or table-4 outcome; None: the row's default
    words: tuple[str, ...] = ()  # the question's words that decided it (a passage must mention them)
    rows: tuple[str, ...] = ()  # every specific row named (more than one: "予以公开及部分公开")
    requests: bool = False  # the question speaks of disclosure requests
    column_words: tuple[str, ...] = ()  # the words that named the column
    defaulted: bool = False  # no row was named: "requests" was read as the year's new requests
    unexplained: str = ""  # words the dictionary could not place (new wording: "被驳回", "turned down")

    @property
    def table(self) -> str | None:
        if self.row is None:
            return None
        if self.row.startswith(("review", "litigation")):
            return "appeals"
        return self.row.split(".")[0]


def parse_metric(question: str, masked_spans: tuple[tuple[int, int], ...] = ()) -> MetricAsk:
    zh = _mask(squash(question), ())
    en = _mask(question.lower(), masked_spans)
    hits = _outside_phrases(_longest_first([*_find(zh, "zh"), *_find(en, "en")]), question)
    requests = bool(_REQUEST_WORDS.search(question))
    rows = [h for h in hits if h[2].kind == ROW]
    strong = [h for h in rows if h[2].text not in WEAK]
    chosen = _most_specific(strong) or (_most_specific(rows) if requests else [])
    row = chosen[0] if chosen else None
    defaulted = row is None and requests
    if defaulted:
        row = "applications.new_received"
    left_zh, left_en = _blank(zh, en, hits)
    column = _column(row, hits, "其他" in left_zh or bool(re.search(r"\bother\b", left_en)))
    words = tuple(h[2].text for h in hits if h[2].kind == ROW and (h[2].target == row or h[2].text not in WEAK))
    column_words = tuple(h[2].text for h in hits if h[2].kind != ROW and h[2].target == column)
    left = _unexplained(zh, en, hits) if defaulted else ""
    return MetricAsk(row, column, words, tuple(chosen), requests, column_words, defaulted, left)


_FILLER_ZH = re.compile(
    r"政府信息公开|信息公开|政务公开|公开信息|政府信息|申请|年度|年报|报告|多少|几|[件个条份项次]|有|是|的|了|吗|呢|在|共|总共|一共|合计|"
    r"总计|全部|全年|全区|全市|本年|今年|去年|前年|其中|当中|里面|请问|一下|关于|来自|来源于|来源|源自|这|那|些|都|中|里|"
    r"[年月日]|[^\u4e00-\u9fff]")
_FILLER_EN = {"how", "many", "much", "what", "which", "was", "were", "is", "are", "the", "a", "an", "of", "in", "for",
              "did", "does", "do", "there", "by", "to", "from", "at", "on", "its", "their", "his", "her", "number",
              "total", "requests", "request", "applications", "application", "disclosure", "information",
              "government", "public", "open", "year", "report", "reported", "all", "this", "that", "and", "or",
              "get", "got", "have", "has", "had", "be", "been", "it", "they", "annual", "s", "whole", "overall",
              "came", "come", "comes", "made", "make", "file", "sent", "send", "during", "with", "about", "any"}


def _blank(zh: str, en: str, hits) -> tuple[str, str]:
    """The question with the dictionary's words blanked out."""
    for start, end, _ in hits:
        if start < 100000:
            zh = zh[:start] + " " * (end - start) + zh[end:]
        else:
            start, end = start - 100000, end - 100000
            en = en[:start] + " " * (end - start) + en[end:]
    return zh, en


def _unexplained(zh: str, en: str, hits) -> str:
    """What remains of the question once the table words, question words and names are taken out."""
    zh, en = _blank(zh, en, hits)
    chinese = _FILLER_ZH.sub("", zh)
    english = [w for w in re.findall(r"[a-z]+", en) if w not in _FILLER_EN and len(w) > 2]
    return chinese + (" " + " ".join(english) if english else "")


def _outside_phrases(hits, question: str):
    """Drop English table words inside a longer narrative phrase ("licenses" in "electronic licenses")."""
    from .en_terms import phrase_spans

    spans = phrase_spans(question)
    return [h for h in hits if h[0] < 100000 or not any(
        s <= h[0] - 100000 and h[1] - 100000 <= e and (e - s) > (h[1] - h[0]) for s, e in spans)]


def _mask(text: str, spans) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


@dataclass(frozen=True)
class _Compiled:
    zh: tuple[Term, ...]
    en: tuple[tuple[Term, re.Pattern[str]], ...]


_COMPILED: _Compiled | None = None


def _compiled() -> _Compiled:
    global _COMPILED
    if _COMPILED is None:
        zh = tuple(t for t in terms() if not t.text.isascii())
        en = tuple((t, re.compile(rf"(?<![a-z]){_inflected(t.text)}(?![a-z])")) for t in terms() if t.text.isascii())
        _COMPILED = _Compiled(zh, en)
    return _COMPILED


def _inflected(phrase: str) -> str:
    """"refused" also as refuse/refuses/refusing: the last word may carry any common English ending."""
    words = phrase.split(" ")
    last = words[-1]
    stem = re.sub(r"(ed|es|s|e|d|ing)$", "", last) if len(last) > 5 else last
    ending = r"(?:s|es|e|d|ed|ing|al)?" if stem != last or len(last) > 5 else ""
    return r"\s+".join([*map(re.escape, words[:-1]), re.escape(stem) + ending])


def _find(text: str, lang: str) -> list[tuple[int, int, Term]]:
    found = []
    if lang == "zh":
        for t in _compiled().zh:
            start = text.find(t.text)
            while start >= 0:
                found.append((start, start + len(t.text), t))
                start = text.find(t.text, start + 1)
    else:
        for t, pattern in _compiled().en:
            found += [(m.start(), m.end(), t) for m in pattern.finditer(text)]
    return [(s + (0 if lang == "zh" else 100000), e + (0 if lang == "zh" else 100000), t) for s, e, t in found]


def _longest_first(hits: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    kept: list[tuple[int, int, Term]] = []
    for h in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(k[1] <= h[0] or h[1] <= k[0] or (k[0], k[1]) == (h[0], h[1]) for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h[0])


def _most_specific(hits) -> list[str]:
    """Row keys named, dropping a family when one of its members is named too; the row named with the
    longest words first."""
    longest: dict[str, int] = {}
    for h in hits:
        longest[h[2].target] = max(longest.get(h[2].target, 0), h[1] - h[0])
    keys = [k for k in longest if not any(o != k and o.startswith(k + ".") for o in longest)]
    return sorted(keys, key=lambda k: -longest[k])


_APPLICANT = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "org", "total")
_PROACTIVE = ("new_made", "new_published", "total_published", "issued", "repealed", "in_force", "prev_items",
              "change", "decisions", "amount", "projects")


def _column(row: str | None, hits, other_named: bool = False) -> str | None:
    if row is None:
        return None
    if row.startswith(("review", "litigation")):
        allowed, kinds = ("upheld", "corrected", "other", "pending", "total"), (OUTCOME,)
    elif row.startswith("proactive"):
        allowed, kinds = _PROACTIVE, (COLUMN,)
    else:
        allowed, kinds = _APPLICANT, (COLUMN,)
    named = [h[2].target for h in hits if h[2].kind in kinds and h[2].target in allowed]
    specific = [c for c in named if c != "total"]
    if not named and other_named and not row.startswith("proactive"):
        # 其他 left over once the longer labels (其他处理, 其他结果) are read: the "other" column.
        return "other" if kinds == (OUTCOME,) else "other_org"
    return (specific or named or [None])[0]
