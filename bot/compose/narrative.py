"""Narrative answers: retrieve passages (the index's hybrid full-text + vector search), pick the best
sentences, quote them with their source — or say nothing was found.

Relevance of a sentence is how much of the question's own content it repeats: the question is cut
into character bigrams after dropping the agency, the year, question words and the generic phrases
every report repeats (政府信息公开, 工作); the share of those bigrams a sentence contains is its
coverage. English questions carry little Chinese to compare: Chinese words quoted inside them
(“中介超市”) count as above, and otherwise their words are looked up in bot/understand/en_terms.py
and a sentence's coverage is the share of those terms it contains.

Thresholds (calibrated with `python -m bench.eval` on shared/corpus/questions.jsonl and
tests/data/questions_extra.jsonl, unanswerable questions included): a Chinese question is answered
when the best sentence covers at least MIN_COVERAGE of its content bigrams, or MIN_COVERAGE_WITH_VECTOR
when the passage's cosine similarity is at least STRONG_VECTOR, and it shares a run of three characters
with the question; an English question without Chinese words when the best sentence holds at least
MIN_TERM_COVERAGE of its terms. Below them the answer is not_found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.chunking import leads_in

from ..types import Source
from .names import titled

MIN_COVERAGE = 0.5
MIN_COVERAGE_WITH_VECTOR = 0.4
STRONG_VECTOR = 0.86
MIN_TERM_COVERAGE = 0.6
OWN_WORDS_WEIGHT = 0.05  # ranking only: worth five retrieval ranks when a sentence names all that is asked
NO_NUMBER_PENALTY = 0.3  # ranking only (`own` and the thresholds use coverage without it)
MIN_BIGRAMS = 2  # a question with less Chinese content than this is judged by its English terms

# Semicolons do not end a sentence here: a contact line ("地址…；邮编…；电子邮箱…") is one statement.
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*[”’」』)）]*")
# (A counting word after 多少/几 goes with it: "多少条" asks for a count, its 条 names nothing asked.)
_QUESTION_WORDS = re.compile(
    r"(?:多少|几)[个件条份篇期家项次人场起名批]?|什么|哪些|哪个|哪里|哪几|是否|有没有|有无|有|吗|呢|怎么样|怎么|么|怎样|如何|请问|谁|下一步|"
    r"是|的|了|在|过|共|总共|一共|全年|多大|(?<!费)用|通过|之|与|和|及|对|将|把|被|给|还|都|又|也|就|"
    r"政府信息公开|信息公开|政务公开|年度报告|年报|报告|情况|本年|全区|全市|全县|我区|我市|中提到|提到|提及|写的|说的|"
    r"[0-9０-９]{4}\s*年度?|[0-9]+|[？?！!，,。、“”\"'《》（）()：:；;\s]")
# How a sentence may state what a question's last word asks for ("占多大比例" is answered by "占51.85%").
_HEAD_FORMS = {"比例": ("比例", "%", "％"), "占比": ("占比", "%", "％"), "分比": ("%", "％", "百分"),
               "措施": ("措施", "举措", "改进", "做法"), "问题": ("问题", "不足"), "不足": ("不足", "问题"),
               "打算": ("打算", "计划", "下一步"), "计划": ("计划", "打算", "下一步"),
               "收费": ("收费", "收取", "处理费"), "费用": ("费用", "处理费", "收费")}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"\d")
# A number that counts something ("664件", "5500余条", "占51.85%", "15个工作日"), not a year, a date or a
# document number ("2023年", "1月1日", "〔2021〕30号"): what a sentence answering "how many" states.
_COUNT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:余|多)?\s*(?:万|亿)?\s*(?:人次|[件条个项次篇人场期家份起名批所元%％天])")
_NONE = re.compile(r"未|没有|无")
_ASKS_NUMBER = re.compile(r"多少|几|how many|how much|number of|what was the .*(?:count|total)", re.I)


@dataclass(frozen=True)
class Quote:
    sentence: str
    coverage: float
    vector: float
    hit: object  # index.types.Hit
    own: float = 0.0  # coverage by the sentence alone, without its section heading
    penalty: float = 0.0  # ranking only: a count asked, and the sentence states none


@dataclass(frozen=True)
class Needles:
    """What a relevant sentence should repeat from the question."""

    grams: frozenset[str]  # Chinese content bigrams
    runs: tuple[str, ...]  # Chinese content runs (for the shared-substring test)
    terms: tuple[tuple[str, ...], ...] = ()  # Chinese alternatives of an English question's words
    head: str = ""  # what is asked: the last noun of the question's last phrase

    @property
    def by_terms(self) -> bool:
        return len(self.grams) < MIN_BIGRAMS and bool(self.terms)

    @property
    def empty(self) -> bool:
        return not self.grams and not self.terms

    def covered(self, sentence: str) -> set:
        if self.by_terms:
            return {alts for alts in self.terms if any(a in sentence for a in alts)}
        return {g for g in self.grams if g in sentence or (g == self.head and self.anchored(sentence))}

    def coverage(self, sentence: str) -> float:
        total = len(self.terms) if self.by_terms else len(self.grams)
        return len(self.covered(sentence)) / total if total else 0.0

    def anchored(self, sentence: str) -> bool:
        """The sentence names what is asked: the head of the question's last phrase (Chinese compounds end
        in their head: 工作经费 asks for 经费, not 经验); in English, the first term ("How many publicity
        campaigns …")."""
        if self.by_terms:
            return any(a in sentence for a in self.terms[0])
        if not self.head:
            return True
        return any(h in sentence for h in _HEAD_FORMS.get(self.head, (self.head,)))


def needles(question: str, drop: tuple[str, ...], terms: tuple[tuple[str, ...], ...] = ()) -> Needles:
    text = question
    for word in sorted(drop, key=len, reverse=True):
        if word:
            text = text.replace(word, " ")
    text = _QUESTION_WORDS.sub(" ", text)
    runs = tuple(re.findall(r"[\u4e00-\u9fff]+", text))
    grams = {r[i:i + 2] for r in runs for i in range(len(r) - 1)} | {r for r in runs if len(r) == 1}
    return Needles(frozenset(grams), runs, terms, _head(runs[-1]) if runs else "")


def _head(phrase: str) -> str:
    """The last noun of a phrase, as its last two characters: 个部门主要领导组成 asks about 领导, 工作经费
    about 经费 (a Chinese compound ends in its head; a trailing verb such as 组成 is not what is asked)."""
    from ..understand.segment import tag

    nouns = [word for word, flag in tag(phrase) if (flag[:1] == "n" or flag in ("vn", "an")) and word not in _MEASURES]
    word = nouns[-1] if nouns else phrase
    return word[-2:]


# Words that measure what is asked rather than name it: 电子证照入库数量 asks about 证照.
_MEASURES = {"数量", "总数", "数目", "个数", "件数", "条数", "次数", "人数", "总量", "数额", "数据", "情况", "多少"}


def content_bigrams(question: str, drop: tuple[str, ...] = ()) -> set[str]:
    return set(needles(question, drop).grams)


def best_quotes(question: str, hits: list, found: Needles, *, must: tuple[str, ...] = ()) -> list[Quote]:
    """Sentences of the retrieved passages, best first, each with the next sentence when that one
    carries question words the first lacks (an e-mail address after "contact the office").
    `must`: words a sentence has to contain (the metric words of a table question)."""
    wants_number = bool(_ASKS_NUMBER.search(question))
    asks_contents = bool(_ASKS_CONTENTS.search(question))
    # "电话是多少" asks for a number that is no count: any digits state it
    counted = _NUMBER if _ASKS_CONTACT.search(question) else _COUNT
    quotes = []
    for rank, hit in enumerate(hits):
        sentences = [x.strip() for x in _SENTENCE.findall(hit.chunk.text.split("\n", 1)[-1]) if x.strip()]
        for i, sentence in enumerate(sentences):
            if len(sentence) < 4 or (must and not all(w in sentence for w in must)) or table_residue(sentence):
                continue
            if _CONTENTS.search(sentence) and not asks_contents:
                continue  # "全文包括总体情况、主动公开…等六部分" names every topic and says nothing of one
            if must and wants_number and not _NUMBER.search(sentence) and "未" not in sentence:
                continue
            following = sentences[i + 1] if i + 1 < len(sentences) else ""
            if following and leads_in(sentence):
                # "（五）监督保障方面", "…采取以下措施加以改进：" alone say nothing: quote what they lead to
                sentence = quoted = f"{sentence} {following}"
            else:
                quoted = _with_next(sentence, following, found)
            # The section heading belongs to every sentence under it ("六、2021年工作打算").
            heading = hit.chunk.section or ""
            if not found.anchored(heading + quoted):
                continue
            coverage = found.coverage(heading + quoted)
            if found.coverage(heading + sentence) < coverage / 2:
                continue  # the next sentence carries it: it is quoted as a sentence of its own
            bonus = 0.05 if wants_number and counted.search(quoted) else 0.0
            # A count is answered by a sentence that states one (or says there was none): another ranks below.
            numberless = wants_number and not counted.search(quoted) and not _NONE.search(quoted)
            quotes.append(Quote(quoted, coverage + bonus - 0.01 * rank, hit.vector_score or 0.0, hit,
                                found.coverage(quoted), NO_NUMBER_PENALTY if numberless else 0.0))
    # Under one heading every sentence shares its words ("五、存在的主要问题…"): the sentence that itself
    # says what is asked ("存在的问题主要有…") goes first. The order only: thresholds judge `coverage`.
    return sorted(quotes, key=lambda q: (-(q.coverage + OWN_WORDS_WEIGHT * q.own - q.penalty), -q.vector))


_ASKS_CONTACT = re.compile(r"电话|号码|手机|邮箱|邮编|传真|地址|网址|网站|热线|时间|日期|几点|几月|"
                           r"phone|e-?mail|address|website|\burl\b|fax|hotline|zip|postcode|\bdate\b|\bwhen\b", re.I)
# The report's table of contents, said in its preamble, and a question about what the report holds.
_CONTENTS = re.compile(r"全文包括|本报告包括|报告(?:内容)?(?:包括|分为)|(?:等|共|分为?)[二三四五六七八九]个?部分")
_ASKS_CONTENTS = re.compile(r"部分|包括哪|包含|内容有|\bstructure\b|\bsections?\b|\bparts?\b|\bcontain", re.I)
_CLAUSE_MARK = re.compile(r"[，,。；;：:！!？?]")


def table_residue(sentence: str) -> bool:
    """A table's header cells left in the text by a copy ("第二十条第（一）项 信息内容 本年制发件数 本年废止件数
    现行有效件数"): short fragments side by side with no clause between them. They state nothing."""
    fragments = sentence.split()
    return (len(fragments) >= 4 and not _CLAUSE_MARK.search(sentence)
            and sum(map(len, fragments)) / len(fragments) <= 8)


def section_statement(chunks: list, report, ask) -> Quote | None:
    """The sentence of the section a template question belongs to that states what is asked (`ask`:
    bot/understand/sections.py), with what it leads in to: the first that states rather than cites, in
    reading order; outside that section, a sentence that says it in the section's own terms. `chunks`: the
    report's passages."""
    narrative = sorted((c for c in chunks if c.kind == "narrative"), key=lambda c: c.ordinal)
    inside = [c for c in narrative if c.section and ask.heading.search(c.section)]
    found = _statements(inside, ask.statement) or _statements(narrative, ask.elsewhere)
    if not found:
        return None
    best = min(found, key=lambda f: (not ask.states.search(f[0]), bool(ask.cites.search(f[0])), f[2]))
    from index.types import Hit

    return Quote(best[0], 1.0, 0.0, Hit(best[1], report, 1.0), 1.0)


def narrative_sentences(chunks: list) -> list[tuple[str, object]]:
    """Every sentence of a report's narrative passages in reading order, with its passage (headings left out),
    each with what it leads in to ("…主要表现在：" and its items)."""
    out = []
    for chunk in sorted((c for c in chunks if c.kind == "narrative"), key=lambda c: c.ordinal):
        sentences = [_without_heading(x.strip(), chunk.section) for x in _SENTENCE.findall(chunk.text.split("\n", 1)[-1])
                     if x.strip()]
        out += [(_with_items(s, sentences[i + 1:]) if leads_in(s) else s, chunk)
                for i, s in enumerate(sentences) if len(s) >= 4]
    return out


def _statements(chunks: list, pattern: re.Pattern) -> list[tuple[str, object, int]]:
    """(sentence with what it leads in to, its chunk, its place) of every sentence the pattern finds."""
    out = []
    for chunk in chunks:
        sentences = [_without_heading(x.strip(), chunk.section) for x in _SENTENCE.findall(chunk.text.split("\n", 1)[-1])
                     if x.strip()]
        for i, sentence in enumerate(sentences):
            if pattern.search(sentence):
                out.append((_with_items(sentence, sentences[i + 1:]), chunk, len(out)))
    return out


def _without_heading(sentence: str, heading: str | None) -> str:
    """A sentence without the section heading a copy ran into it ("五、存在的主要问题及改进情况（一）存在的…"):
    the heading names the section, it is not the statement."""
    if heading and sentence.startswith(heading) and len(sentence) > len(heading):
        return sentence[len(heading):].lstrip()
    return sentence


_ITEM = re.compile(r"^(?:[一二三四五六七八九十][是要]|[（(][一二三四五六七八九十\d][)）]|\d[、.．]|首先|其次)")
MAX_ITEMS_CHARS = 300


def _with_items(sentence: str, following: list[str]) -> str:
    """A statement with what it leads in to ("…主要表现在：") and the numbered items after it ("一是…。二是…。")."""
    out = sentence
    own = _marker(sentence)
    for i, nxt in enumerate(following):
        if not ((i == 0 and leads_in(out)) or _ITEM.match(nxt)) or len(out) + len(nxt) > MAX_ITEMS_CHARS:
            break
        if own is not None and _marker(nxt) == own:
            break  # "（一）存在的问题…" then "（二）改进措施…": the next of its own list, not one of its items
        out += nxt
    return out


def _marker(sentence: str) -> str | None:
    """The kind of list marker a sentence starts with: "（一）", "一是", "1." or None."""
    m = _ITEM.match(sentence)
    if m is None:
        return None
    return re.sub(r"[一二三四五六七八九十\d]", "N", m.group())


def _with_next(sentence: str, following: str, found: Needles) -> str:
    """Join the next sentence when it, not this one, names what is asked ("…请与办公室联系。" then
    "…电子邮箱：…"): words scattered over two sentences otherwise count for neither."""
    if following and not found.anchored(sentence) and found.anchored(following):
        return sentence + following
    return sentence


def relevant(quotes: list[Quote], found: Needles) -> bool:
    if not quotes or found.empty:
        return False
    best = quotes[0]
    if found.by_terms:
        return best.coverage >= MIN_TERM_COVERAGE
    return best.coverage >= MIN_COVERAGE or (best.coverage >= MIN_COVERAGE_WITH_VECTOR and best.vector >= STRONG_VECTOR)


def quote_source(quote: Quote) -> Source:
    report = quote.hit.report
    return Source(report.title, report.agency, report.year, quote.hit.chunk.section or "", quote.sentence, report.url)


def narrative_text(quotes: list[Quote], lang: str, agency_label: str) -> str:
    first = quotes[0]
    report = first.hit.report
    said = "".join(f"“{q.sentence}”" for q in quotes)
    section = first.hit.chunk.section
    where = f"（{section}）" if section else ""
    # A count asked, and the closest sentence states none: that it states none is the answer's first word.
    uncounted = first.penalty > 0
    if lang == "zh":
        return ("没有找到写明这一数字的语句，最接近的是：" if uncounted else "") + f"据{titled(report, lang)}{where}：{said}"
    where = ", ".join(x for x in (f"《{report.title}》" if report.title.strip() else "",
                                   f"section {section}" if section else "") if x)
    return (("No sentence found states this figure; the closest: " if uncounted else "")
            + f"The {report.year} report of {agency_label}{f' ({where})' if where else ''} says: {said}")
