"""What a report's narrative states about counted things: "共受理政府信息公开申请17件", "行政复议案件2件",
"现行有效行政规范性文件393件", "予以公开及部分公开42件，占51.85%".

A claim is a number with a counting unit (件 起 宗 个 项 条 份) or a percentage, and the words before it
in its clause, read by the metric dictionary (bot/audit/dictionary.py). A clause that names only a
column or a result ("涉及自然人72件", "共办结148件") continues the clause before it in the same sentence.
Approximate numbers ("近300个", "1000余条"), rates ("办结率100%") and numbers whose clause names no table
row are not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.types import format_number

from .dictionary import Named, read_phrase
from .types import Sentence

_NUMBER = re.compile(r"(?<![\d.．,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(件|起|宗|个|项|条|份|%|％)")
_APPROXIMATE_BEFORE = re.compile(r"(?:近|约|超过|超|逾|大约|将近)\s*$")
_APPROXIMATE_AFTER = re.compile(r"^\s*(?:余|多|以上|左右|上下)")
_CLAUSE = re.compile(r"[，,；;：:]")
_SHARE = re.compile(r"^\s*(?:[（(]|[，,]?\s*占(?:比)?(?:为)?)\s*(\d+(?:\.\d+)?)\s*[%％]")
_RATE = re.compile(r"率")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_EARLIER = re.compile(r"去年|前年|同期|同比|上(?:一)?年(?!度?结转)|上年度(?!结转)")
_CARRIED_TO = re.compile(r"结转(?:至|到)?\s*$")
_NONE = re.compile(r"(?P<verb>未发生|没有发生|未出现|未收到|没有收到|没有|未有|未被|未|无)(?P<what>[^，,；;。：:（(]{1,40})")
_PARTS = re.compile(r"和|及|与|或|、|以及")
_NONE_ROWS = ("review", "litigation", "applications.new_received")
# Words that make "none" a statement about some of them: none corrected, none lost, none improperly refused.
_QUALIFIED = re.compile(r"纠错|纠正|败诉|撤销|确认违法|违法|不予公开|应公开|追究|问责|整改|其他|其它")
_EXCEPT = re.compile(r"除[^，。；]{0,20}(?:外|以外|之外)")
_LEAD = re.compile(r"^[\s、]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）][^\s，。；]{0,12}\s+)?")
# Information items ("…其他重大环境信息131条", "主动公开政府信息14571条"): published items, which no table
# cell counts, whatever words the list before them holds.
_ITEMS = re.compile(r"信息类?(?:共|计|共计|合计|累计|总计|为|达)?\s*$")
# A table header left in the text of a scraped copy: its numbers are cells, not statements.
_TABLE_WORDS = re.compile(r"本年制发件数|本年新制作数量|申请人情况|第二十条第|信息内容|勾稽关系")


@dataclass(frozen=True)
class Claim:
    value: float  # the number stated (a percentage for a share without a count)
    unit: str
    named: Named
    phrase: str  # the words that name it, as printed
    sentence: Sentence
    share: float | None = None  # the percentage given with a count ("42件，占51.85%")
    share_decimals: int = 0
    is_share: bool = False  # the number itself is a percentage of a row ("予以公开占51.85%")
    none: bool = False  # said in words: "未发生…行政复议" (0)

    def about(self, year: int | None) -> bool:
        """Whether the claim is about the report's own year: its clause names no other year ("2022年收到
        70件" in the 2023 report, "较上年", "去年同期"); the next year only as where requests are carried."""
        if _EARLIER.search(self.phrase):
            return False
        named = [(int(m.group(1)), m.start()) for m in _YEAR.finditer(self.phrase)]
        return year is None or all(y == year or (y == year + 1 and _CARRIED_TO.search(self.phrase[:at]))
                                   for y, at in named)

    @property
    def said(self) -> str:
        """The claim as printed: "现行有效行政规范性文件393件", "未发生因信息公开引起的行政复议"."""
        return self.phrase if self.none else f"{self.phrase}{format_number(self.value)}{self.unit}"

    @property
    def quote(self) -> str:
        return self.sentence.text


def claims(sentences: tuple[Sentence, ...]) -> list[Claim]:
    out: list[Claim] = []
    for sentence in sentences:
        if not _TABLE_WORDS.search(sentence.text):
            out += _sentence_claims(sentence) + _none_claims(sentence)
    return out


def _sentence_claims(sentence: Sentence) -> list[Claim]:
    text = sentence.text
    out: list[Claim] = []
    previous_end, base, shares_taken = 0, "", set()
    for m in _NUMBER.finditer(text):
        if m.start() in shares_taken or _approximate(text, m):
            previous_end = m.end()
            continue
        phrase = _phrase(text, previous_end, m.start())
        previous_end = m.end()
        is_share = m.group(3) in "%％"
        if (is_share and _RATE.search(phrase)) or _ITEMS.search(phrase):
            continue
        named, own = _read(phrase, base)
        if named is None:
            continue
        base = phrase if own else base
        share, decimals, at = _share_after(text, m.end()) if not is_share else (None, 0, None)
        if at is not None:
            shares_taken.add(at)
        value = float((m.group(1) + (m.group(2) or "")).replace(",", ""))
        out.append(Claim(value, m.group(3), named, _shown(phrase), sentence, share, decimals, is_share))
    return out


def _none_claims(sentence: Sentence) -> list[Claim]:
    """"未发生因信息公开引起的行政复议和行政诉讼", "无行政复议、诉讼等情况", "未收到政府信息公开申请": none, in
    words — only of reconsiderations, lawsuits and new requests, and only when nothing qualifies it ("未发生
    …被行政复议纠错或行政诉讼败诉": some there were, none corrected)."""
    out = []
    for m in _NONE.finditer(sentence.text):
        clause = m.group(0)
        if re.search(r"\d", clause) or _QUALIFIED.search(clause) or _EXCEPT.search(sentence.text):
            continue
        for part in _PARTS.split(m.group("what")):
            named = read_phrase(m.group("verb") + part) if part else None
            if named is not None and named.rows[0] in _NONE_ROWS and not named.columns:
                out.append(Claim(0.0, "", named, clause, sentence, none=True))
    return out


def _approximate(text: str, m: re.Match) -> bool:
    return bool(_APPROXIMATE_BEFORE.search(text[: m.start()]) or _APPROXIMATE_AFTER.match(text[m.end():]))


def _phrase(text: str, previous_end: int, start: int) -> str:
    """The clause's words before the number: from the last clause mark or the previous number."""
    head = text[previous_end:start]
    cut = max((c.end() for c in _CLAUSE.finditer(head)), default=0)
    return head[cut:]


def _read(phrase: str, base: str) -> tuple[Named | None, bool]:
    """The clause read alone; or, when it names no row, with the clause of the sentence that last named
    one, if that adds something (a column, a result): "涉及自然人72件" after "收到申请75件" is 72 of them,
    while "含申请人主动撤回157件" adds nothing the tables count and is no claim. Also says whether the
    clause named its row itself."""
    named = read_phrase(phrase)
    if named is not None or not base:
        return named, named is not None
    together = read_phrase(f"{base} {phrase}")
    if together is None or together == read_phrase(base):
        return None, False
    return together, False


def _shown(phrase: str) -> str:
    """The clause as quoted: without the list mark or sub-heading it starts with."""
    return _LEAD.sub("", phrase).strip()


def _share_after(text: str, end: int) -> tuple[float | None, int, int | None]:
    """A percentage given right after a count: "42件，占51.85%", "208 件（17.46%）"."""
    m = _SHARE.match(text[end:])
    if not m:
        return None, 0, None
    number = m.group(1)
    decimals = len(number.split(".")[1]) if "." in number else 0
    return float(number), decimals, end + m.start(1)
