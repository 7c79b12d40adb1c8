"""Which table cell a question asks for: every key of the standard tables scored against the question's
words (bot/understand/metric_keys.py, with the metric dictionary of bot/metric_words.py).

The answer states a number only when one key clearly wins (`decided`); otherwise the question names
several keys, or a word of another key the best one lacks, and the caller asks which was meant, offering
the candidates (the best always among them). A question that names a dimension the tables do not count
(averages, nationality, channels) carries those words in `uncounted`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..metrics import COLUMN, OUTCOME, ROW, TABLE, UNCOUNTED
from . import metric_keys as mk
from . import threshold
from .metric_hits import EN_OFFSET, Hit, find_hits, texts

_REQUEST_WORDS = re.compile(r"申请|request|application|applicant", re.I)


_FILLER_ZH = re.compile(
    rf"{threshold.WORDS_ZH}|"  # how a count stands to a number the question puts forward ("超过100件")
    r"之类|这类|这样的|诸如|比如|例如|譬如|"  # an example of a kind the question names ("律所之类的法律服务机构")
    r"政府信息公开|信息公开|政务公开|公开信息|政府信息|申请|年度|年报|报告|多少|几|[件个条份项次]|有|是|的|了|吗|呢|在|共|总共|一共|合计|"
    r"总计|全部|全年|全区|全市|本年|今年|去年|前年|其中|当中|里面|请问|一下|关于|来自|来源于|来源|源自|这|那|些|都|中|里|"
    r"理由|情形|人民政府|政府|管委会|管理委员会|机关|单位|部门|想了解|了解|知道|告诉|查询|查一下|看看|我|你|他|她|们|"
    r"因为|由于|所以|因|而|被|为|让|给|把|对|向|从|到|后|前|还|又|就|才|再|已经|已|最后|最终|结果|一类|一项|一栏|"
    r"下面|上面|之外|以外|除了|除|和|及|与|或|等|但|对方|人|方面|情况|数量|总数|件数|数|量|作出|做出|归入|一类|"
    r"[年月日]|[^\u4e00-\u9fff]")
# Function words and question words of English: what is left of a question once its table words, names and
# years are read, and that says nothing of which figure is meant.
FILLER_EN = set("""
how many much what which who whom whose was were is are am be been being the a an of in for on at by to from
into onto over under about with without within during before after since until than then there here this that
these those it its they them their he she his her we our you your i me my and or but nor so yet if because as
did does do done doing have has had having get got gets getting make made makes making number numbers total
totals count counts figure figures requests request applications application disclosure information government
public open year years report reports reported annual s whole overall came come comes file filed sent send any
all some each every both either other another reasons reason eight three five kinds kind types type cases case
would could should might may can will shall must not no yes also still even just only again more most less
least several per according according via through up down out off way ways time times please tell know want
like give show find say said says let new zone pilot comprehensive experimental bureau office government's
last next previous prior ago foi face faced over against involving combined together grounds ground
people's municipal city county district province provincial business environment construction items
""".split()) | set(threshold.WORDS_EN)


_REASON = re.compile(r"因为|由于|因|属于|以.{1,12}为由|理由|原因|because|due to|on the grounds?|as being|"
                     r"to protect|citing|for being|since they|as they|that they", re.I)
_CONJUNCTION = re.compile(r"和|及|与|以及|、|还有|还是|分别|各|或|(?<![增追参附更])加上?|\band\b|\bor\b|\bplus\b|,|，|\+",
                          re.I)


@dataclass(frozen=True)
class MetricAsk:
    row: str | None = None  # row key or family: "applications.new_received", "review", "litigation"
    column: str | None = None  # applicant column, table-2 column or table-4 outcome; None: the row's default
    words: tuple[str, ...] = ()  # the question's words that decided it (a passage must mention them)
    rows: tuple[str, ...] = ()  # several rows asked together ("予以公开和部分公开各多少件")
    requests: bool = False  # the question speaks of disclosure requests
    column_words: tuple[str, ...] = ()  # the words that named the column
    defaulted: bool = False  # no row was named: "requests" was read as the year's new requests
    unexplained: str = ""  # words the dictionary could not place (new wording: "被驳回", "turned down")
    decided: bool = True  # one key clearly wins; else `candidates` are offered
    candidates: tuple[tuple[str, str | None], ...] = ()  # (row, column) best first, the best included
    uncounted: tuple[str, ...] = ()  # words naming something the tables do not count ("average", "外国人")
    columns: tuple[str, ...] = ()  # several columns of the row asked together ("自然人和商业企业各多少")
    surface: tuple[str, ...] = ()  # the question's words that the dictionary read as rows or columns

    @property
    def table(self) -> str | None:
        if self.row is None:
            return None
        if self.row.startswith(("review", "litigation")):
            return "appeals"
        return self.row.split(".")[0]


def parse_metric(question: str, masked_spans: tuple[tuple[int, int], ...] = (),
                 names: tuple[tuple[int, int], ...] = ()) -> MetricAsk:
    """`masked_spans`: English agency mentions (lowercased offsets); `names`: Chinese agency mentions (squashed
    offsets), left out of what the dictionary must explain."""
    found = find_hits(question, masked_spans)
    return replace(_parse(question, masked_spans, names, found), surface=_surface(question, masked_spans, found))


def _surface(question: str, masked_spans, hits: list[Hit]) -> tuple[str, ...]:
    zh, en = texts(question, masked_spans)
    return tuple(dict.fromkeys(en[h.start - EN_OFFSET:h.end - EN_OFFSET] if h.english else zh[h.start:h.end]
                               for h in hits if h.term.kind in (ROW, COLUMN, OUTCOME)))


def _parse(question: str, masked_spans, names, found: list[Hit]) -> MetricAsk:
    hits = _not_excluded(found, question, masked_spans)
    excluded = {h.term.target for h in found if h not in hits and h.term.kind == ROW}
    scores = mk.score_keys(_reason_decides(hits, question))
    requests = bool(_REQUEST_WORDS.search(question))
    # (a dimension word inside a row's or column's own words is theirs: "did not pay the fee by the deadline")
    named = tuple((h.start, h.end) for h in hits if h.term.kind != UNCOUNTED and h.term.kind != TABLE)
    uncounted = tuple(dict.fromkeys(h.term.text for h in hits if h.term.kind == UNCOUNTED
                                    and not any(s <= h.start and h.end <= e and (s, e) != (h.start, h.end)
                                                for s, e in named)))
    left = _unexplained(*texts(question, masked_spans), hits, names)
    if not scores:  # "企业的呢？": a column alone, for a follow-up to put on the previous row
        column = next((h.term.target for h in hits if h.term.kind in (COLUMN, OUTCOME) and not h.term.weak
                       and h.term.target != "total"), None)
        return MetricAsk(column=column, requests=requests, unexplained=left, decided=False, uncounted=uncounted)
    best = scores[0]
    together = _together(scores, hits, question)
    explained = _family_named(scores, hits, question, masked_spans)
    if explained is not None:  # "cannot be provided (not held, needs creating, still unclear)": the group asked
        best, together = explained, ()
    columns = () if together else _columns_together(best, hits, question)
    if columns:
        words = tuple(h.term.text for h in best.own if h.term.kind == ROW)
        return MetricAsk(best.row, columns[0], words, (), requests, (), best.defaulted, left, True,
                         tuple((best.row, c) for c in columns), uncounted, columns)
    decided = bool(together) or explained is not None or mk.decided(scores)
    words = tuple(h.term.text for h in best.own if h.term.kind == ROW)
    column_words = tuple(h.term.text for h in best.own if h.term.kind != ROW)
    weak_only = best.defaulted or all(h.term.weak for h in best.own if h.term.kind == ROW)
    family = any(r.startswith(best.row + ".") for r in mk.rows())
    # A family's sum is not stated when the question gives a reason the dictionary could not place
    # ("refused … to protect someone's reputation", "因为…"): that reason may be one of its members.
    if (weak_only or (family and _REASON.search(question))) and new_words(left):
        # "有多少申请被驳回了？", "refusals to protect someone's …": more is said than the dictionary placed,
        # and a family's sum is not one of its members
        decided = explained is not None  # (a group its brackets explain gives its reasons in its own words)
    candidates = _candidates(scores) + (_members(best) if family and not decided else ())
    rest = [r for r, _ in _members(best) if r not in excluded] if family and excluded else []
    if family and excluded and len(rest) != len(_members(best)):
        # "其他处理中除了逾期不补正和未缴费之外的": all members but those named — the one left, if one is left
        if len(rest) == 1:
            return MetricAsk(rest[0], best.column, words, (), requests, column_words, False, left, True,
                             ((rest[0], best.column),), uncounted)
        decided, candidates = False, tuple((r, best.column) for r in rest)
    spans = tuple((h.start, h.end) for h in hits if h.english and h.term.text != "other")
    bare_en = any(not any(s <= m.start() + EN_OFFSET < e for s, e in spans)
                  for m in re.finditer(r"\bother\b", texts(question, masked_spans)[1]))
    if best.row == "applications.results.other" and (best.column == "other_org" and _bare_other(best) or bare_en):
        # 其他处理里的“其他”, "the 'other' sub-row of other handling": the row 3.其他 (the applicant column
        # 其他 is asked with its own words, 其他组织 / other organisations).
        column = None if best.column == "other_org" else best.column
        return MetricAsk("applications.results.other.other", column, words, (), requests, column_words, False, left,
                         True, (("applications.results.other.other", column), (best.row, column)), uncounted)
    column = "other_org" if best.column == "org" and _other_among_orgs(hits) else best.column
    return MetricAsk(best.row, column, words, together, requests, column_words, best.defaulted, left,
                     decided, candidates, uncounted)


def _other_among_orgs(hits: list[Hit]) -> bool:
    """"法人或组织里“其他”类的": 其他 said apart from the organisations' own words (法人或其他组织) is their
    column 其他, not all five of them."""
    orgs = tuple((h.start, h.end) for h in hits if h.term.kind == COLUMN and h.term.target == "org")
    rows = tuple((h.start, h.end) for h in hits if h.term.kind == ROW)  # 其他法律行政法规禁止公开: a row's own
    return any(h.term.kind == COLUMN and h.term.target == "other_org" and not h.inside(rows)
               and not any(s < h.end and h.start < e for s, e in orgs) for h in hits)


_OUTCOME_GROUPS = ("applications.results.denied", "applications.results.unavailable",
                   "applications.results.not_processed", "applications.results.other")


def _reason_decides(hits: list[Hit], question: str) -> list[Hit]:
    """"rejected because the agency doesn't have the information", "以不属于本机关掌握为由拒绝": the reason names
    the row; the outcome verb of another group beside it ("rejected", "拒绝") is the asker's word for it."""
    if not _REASON.search(question):
        return hits
    reasons = {h.term.target.rsplit(".", 1)[0] for h in hits if h.term.kind == ROW and not h.term.weak
               and h.term.target.rsplit(".", 1)[0] in _OUTCOME_GROUPS}
    if len(reasons) != 1:
        return hits
    return [h for h in hits if not (h.term.kind == ROW and h.term.target in _OUTCOME_GROUPS
                                    and h.term.target not in reasons)]


def _candidates(scores: list[mk.KeyScore], n: int = 4) -> tuple[tuple[str, str | None], ...]:
    out: list[tuple[str, str | None]] = []
    for k in scores:
        if (k.row, k.column) not in out and (k.score > 0 or not out):
            out.append((k.row, k.column))
    return tuple(out[:n])


_EXCLUDED_ZH = re.compile(r"除了?([^，,。？?]{1,24}?)(?:之外|以外|外)|([\u4e00-\u9fff]{2,8})(?:之外|以外)的")
_EXCLUDED_EN = re.compile(r"\b(?:apart from|excluding|except(?: for)?|other than|besides)\b([^,.;?]{1,60})", re.I)


def _not_excluded(hits: list[Hit], question: str, masked_spans) -> list[Hit]:
    """Words in an exclusion ("除了逾期不补正和未缴费之外", "excluding lapsed corrections and fees") name what is
    not asked: they neither decide nor stop the key."""
    zh, en = texts(question, masked_spans)
    spans = [m.span(1) if m.group(1) else m.span(2) for m in _EXCLUDED_ZH.finditer(zh)]
    spans += [(m.start(1) + EN_OFFSET, m.end(1) + EN_OFFSET) for m in _EXCLUDED_EN.finditer(en)]
    return [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]


def _bare_other(best: mk.KeyScore) -> bool:
    named = [h.term.text for h in best.own if h.term.kind == COLUMN and h.term.target == "other_org"]
    return bool(named) and all(t in ("其他", "其它") for t in named)


def _members(best: mk.KeyScore) -> tuple[tuple[str, str | None], ...]:
    return tuple((r, best.column) for r in mk.rows() if r.startswith(best.row + ".") and r.count(".") == best.row.count(".") + 1)


def _family_named(scores: list[mk.KeyScore], hits: list[Hit], question: str, masked_spans) -> mk.KeyScore | None:
    """The group a question names and then explains in brackets by its members ("无法提供（本机关不掌握、没有
    现成信息…）", "cannot be provided (not held, needs creating, still unclear)"): the group is asked; the
    members, some perhaps in words of their own, only say what it holds."""
    zh, en = texts(question, masked_spans)
    brackets = [m.span() for m in _BRACKETS.finditer(zh)]
    brackets += [(s + EN_OFFSET, e + EN_OFFSET) for s, e in (m.span() for m in _BRACKETS.finditer(en))]
    rows = [h for h in hits if h.term.kind == ROW and not h.term.weak]
    for group in rows:
        members = [h for h in rows if h.term.target.startswith(group.term.target + ".")]
        inside = [b for b in brackets if b[0] >= group.end and all(b[0] <= m.start and m.end <= b[1] for m in members)]
        if len({m.term.target for m in members}) >= 2 and inside and not group.inside(tuple(brackets)):
            of_group = [k for k in scores if k.row == group.term.target]
            # (its column is the one asked outside the brackets: a member's words such as 其他法律… name none)
            outside = {h.term.target for h in hits if h.term.kind == COLUMN and not h.inside(tuple(inside))}
            fitting = next((k for k in of_group if (k.column or "total") in outside | {"total"}), None)
            if fitting is None and of_group:
                column = next(iter(outside & set(mk.rows()[group.term.target].columns)), None)
                fitting = replace(of_group[0], column=column)
            return fitting
    return None


_BRACKETS = re.compile(r"[（(][^（）()]{2,80}[）)]")


def _together(scores: list[mk.KeyScore], hits: list[Hit], question: str) -> tuple[str, ...]:
    """Two rows of one table asked together: the best key's only unexplained words are another key's, and
    a conjunction joins them ("予以公开和部分公开", "granted and partially granted")."""
    best = scores[0]
    if not (_CONJUNCTION.search(question) or sets_against(question)):
        return ()
    for other in scores[1:]:
        if other.row == best.row or mk.rows()[other.row].table != mk.rows()[best.row].table:
            continue
        if best.conflicts:
            explains = all(c.inside(other.spans) for c in best.conflicts)
        else:  # a generic word of a sibling row joined to it ("lawsuits, direct and after reconsideration")
            explains = _sibling_joined(best, other, question)
        if explains and all(c.inside(best.spans) for c in other.conflicts) and other.column == best.column:
            first, second = sorted((best, other), key=lambda k: k.spans[0][0] % EN_OFFSET)
            return (first.row, second.row)
    return ()


# Two columns set against each other: "制发数比废止数多多少", "issue than repeal".
_AGAINST = re.compile(r"比(?!例|率)|\bthan\b|\bversus\b|\bvs\b|compared (?:with|to)|相比|相差|差多少", re.I)
_JOINED = re.compile(r"^\s*的?\s*(?:和|及|与|以及|、|加上?|还有|\band\b|\bor\b|\bplus\b|\+)\s*$", re.I)


def sets_against(question: str) -> bool:
    """Two things set against each other: "予以公开的比不予公开的多吗", "more granted than denied"."""
    return bool(_AGAINST.search(question))


def _sibling_joined(best: mk.KeyScore, other: mk.KeyScore, question: str) -> bool:
    """Another row of the same family named by its own word outside the best key's words, a conjunction
    between them: "直接起诉加复议后起诉", "direct and after reconsideration" ("direct" is generic alone)."""
    if best.row.startswith(other.row + ".") or other.row.startswith(best.row + "."):
        return False
    if best.row.rsplit(".", 1)[0] != other.row.rsplit(".", 1)[0]:
        return False
    mine = [h for h in other.own if h.term.kind == ROW and h.term.target == other.row and not h.inside(best.spans)
            and not any(o.start < h.end and h.start < o.end for o in best.own)]
    theirs = [h for h in best.own if h.term.kind == ROW and h.term.target == best.row]
    for a in mine:
        for b in theirs:
            lo, hi = sorted(((a.start, a.end), (b.start, b.end)))
            if _JOINED.match(_between(question, lo[1], hi[0])):
                return True
    return False


def _between(question: str, start: int, end: int) -> str:
    zh, en = texts(question, ())
    return en[start - EN_OFFSET:end - EN_OFFSET] if start >= EN_OFFSET else zh[start:end]


def _columns_together(best: mk.KeyScore, hits: list[Hit], question: str) -> tuple[str, ...]:
    """Two or more columns of the best key's row asked together ("自然人和商业企业各多少", "how many were upheld
    and how many corrected"): each is answered with its own number. Only when a conjunction joins them and
    every word the key cannot explain is one of those columns."""
    info = mk.rows()[best.row]
    kinds = (OUTCOME,) if info.table == "appeals" else (COLUMN,)
    row_spans = tuple((h.start, h.end) for h in best.own if h.term.kind == ROW)
    named = _outermost(sorted((h for h in hits if h.term.kind in kinds and not h.term.weak
                               and h.term.target in info.columns and h.term.target != "total"
                               and not h.inside(row_spans)), key=lambda h: h.start))
    if not named or not (_CONJUNCTION.search(question) or sets_against(question)):
        return ()
    listed = _listed_others(question, hits, kinds, info.columns, named)
    items = sorted([*((h.start, h.term.target) for h in named), *listed])
    if any(c in _ORG_MEMBERS for _, c in items):  # "法人中的商业企业和科研机构": the members are asked
        items = [(s, c) for s, c in items if c != "org"]
    columns = tuple(dict.fromkeys(c for _, c in items))
    if len(columns) < 2 or any(not (c.term.kind in kinds and c.term.target in columns) for c in best.conflicts):
        return ()
    return columns


# The five columns that make up 法人或其他组织 (org): "自然人和法人各多少" asks the org column, its members do not.
_ORG_MEMBERS = ("commercial", "research", "social_welfare", "legal_service", "other_org")


def _outermost(named: list[Hit]) -> list[Hit]:
    """Column words not inside a longer one ("其他组织" inside "法人或其他组织" is not a column of its own)."""
    return [h for h in named if not any(o.length > h.length and h.inside(((o.start, o.end),)) for o in named)]


_LIST_SEP = re.compile(r"^\s*(?:、|，|,|和|及|与|以及|或|and\b|or\b|plus\b)")
_LIST_END = re.compile(r"^\s*(?:各|分别|$|[?？.。;；]|(?:cases?|ones?|respectively|each)\b)")
_LIST_SEP_END = re.compile(r"(?:、|，|,|和|及|与|以及|或|\band|\bor|\bplus)\s*$")


def _listed_others(question: str, hits: list[Hit], kinds, columns: tuple[str, ...], named: list[Hit]
                   ) -> list[tuple[int, str]]:
    """A generic column word standing as an item of the list of named columns ("维持、纠正、其他和尚未审结",
    "upheld, corrected, other and still pending") is that column too: 其他 / other is an outcome of its own."""
    zh, en = texts(question, ())
    lo, hi = named[0].start, named[-1].end
    out = [(h.start, h.term.target) for h in hits if h.term.kind in kinds and h.term.weak and h.term.target in columns
           and h.term.target != "total" and lo - 12 <= h.start <= hi + 12
           and _is_item(zh if h.start < EN_OFFSET else en, h.start % EN_OFFSET, h.end % EN_OFFSET)]
    if "other" in columns and lo >= EN_OFFSET:
        out += [(m.start() + EN_OFFSET, "other") for m in re.finditer(r"\bother\b", en)
                if lo - EN_OFFSET - 12 <= m.start() <= hi - EN_OFFSET + 12 and _is_item(en, m.start(), m.end())]
    return out


def _is_item(text: str, start: int, end: int) -> bool:
    """Separated from the word before by a list separator, and followed by another or by the list's end."""
    after = text[end:]
    return bool(_LIST_SEP_END.search(text[:start])) and bool(_LIST_SEP.match(after) or _LIST_END.match(after))


def new_words(left: str) -> bool:
    """Whether what the dictionary left unexplained holds words (two Chinese characters, an English word)."""
    chinese = "".join(re.findall(r"[\u4e00-\u9fff]", left))
    english = re.findall(r"[a-z]{3,}", left)
    return len(chinese) >= 2 or bool(english)


def _unexplained(zh: str, en: str, hits: list[Hit], names: tuple[tuple[int, int], ...]) -> str:
    """What remains of the question once the dictionary's words, question words and names are taken out."""
    for s, e in names:
        zh = zh[:s] + " " * (e - s) + zh[e:]
    for h in hits:
        if h.english:
            s, e = h.start - EN_OFFSET, h.end - EN_OFFSET
            en = en[:s] + " " * (e - s) + en[e:]
        else:
            zh = zh[:h.start] + " " * h.length + zh[h.end:]
    chinese = _FILLER_ZH.sub("", zh)
    english = [w for w in re.findall(r"[a-z]+", en) if w not in FILLER_EN and len(w) > 2]
    return chinese + (" " + " ".join(english) if english else "")
