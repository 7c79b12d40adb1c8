"""Which indexed agency a question is about, from the agencies the index holds.

Each agency is known by the parts of its name: its region (盘锦市, and the core 盘锦, and the pinyin
"panjin"), its department (营商环境建设局, the shortenings citizens use such as 营商局 or 市政府办, and
English words for its parts) and the aliases the index stores. A question's mention scores each
agency: the region and the department each add to it, the full name counts most. Homophone typos
(盘金) match through pinyin, English typos (Panjn) through edit distance.

Mentions that name no indexed agency ("沈阳营商局", "Beijing", "公安局" in a region whose public security
bureau is not indexed) are kept as `unknown`, so the answer can say so instead of answering for an
agency that merely shares a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from index.types import AgencyRecord
from ingest.template import squash

from .glossary import DEPARTMENT_ENDINGS, DEPARTMENT_PARTS, ENGLISH_HEADS, REGION_SUFFIXES

REGION_WIDE_DEPARTMENTS = ("", "人民政府", "政府", "管委会", "管理委员会")
# Generic phrases that contain agency words without naming an agency.
_STOP_PHRASES = ("政府信息公开", "政府信息", "政务公开", "政府网站", "政府门户", "政府集中采购", "信息公开办",
                 "政府公报", "政务服务")
_GENERIC_PLACES = {"中国", "全国", "中华人民共和国", "国家", "全区", "全市", "全县", "全省", "本区", "本市", "省里",
                   "中央", "国务院"}
_NOT_NAMES = {"which", "what", "each", "every", "all", "any", "an", "a", "the", "this", "that", "other", "their",
              "its", "government", "disclosure", "most", "fewest", "least", "whose", "did", "does", "do", "same",
              "your", "our", "my", "of", "in", "for", "by", "from", "to", "and", "or", "information", "public"}
_PLACE_ENDINGS = ("省", "市", "县", "州", "盟", "旗")
_EN_WORD = re.compile(r"[a-z][a-z'\-]*")
_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou"
    r"|an|en|er|ia|ie|in|iu|ua|uo|ui|un|ue|a|o|e|i|u|v))+$")


@dataclass(frozen=True)
class AgencyForms:
    """The ways one agency can be named."""

    name: str
    region_full: str
    region_core: str
    department: str  # "" for a region-wide report
    pinyin: str  # region core in pinyin, no spaces: "panjin"
    region_en: tuple[str, ...]  # "pingtan county", "panjin city"
    dept_parts: tuple[tuple[str, tuple[str, ...]], ...]  # (Chinese part, English words)
    aliases: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()  # higher units of the region: 上海市 for 上海市浦东新区

    @property
    def local(self) -> str:
        """The region's own unit: 浦东新区 for 上海市浦东新区."""
        return self.region_full[sum(len(p) for p in self.parents):]

    @property
    def region_wide(self) -> bool:
        return self.department in REGION_WIDE_DEPARTMENTS


@dataclass(frozen=True)
class AgencyMatch:
    """The agencies a question names, best first, with what decided it."""

    names: tuple[str, ...] = ()  # the best-scoring agencies (several when the name alone is ambiguous)
    scores: tuple[float, ...] = ()
    region_matched: bool = False  # a region (or the full name) was named, not only a department
    dept_matched: bool = False
    spans: tuple[tuple[int, int], ...] = ()  # where the mention stands in the squashed question
    en_spans: tuple[tuple[int, int], ...] = ()  # where an English mention stands in the lowercased question
    unknown: tuple[str, ...] = ()  # mentions of places or departments that no indexed agency has
    close: tuple[str, ...] = field(default=())  # indexed agencies sharing a region or department word
    # A region named alone went to its region-wide agency: the region's other agencies, named equally well
    siblings: tuple[str, ...] = ()
    # Several agencies named one by one ("河北教育厅、河北科技厅和沭阳发改局", "A or B"): each item's agencies
    apart: tuple[tuple[str, ...], ...] = ()


@cache
def agency_forms(record: AgencyRecord) -> AgencyForms:
    region = squash(record.region or "")
    department = squash(record.department or "")
    name = squash(record.name)
    if not region and department and name.endswith(department):
        region = name[: -len(department)]
    if not region and not department:
        region = name
    units = _region_units(region)
    core, suffix = _split_region(units[-1] if units else region)
    pinyin = _pinyin(core)
    suffix_en = REGION_SUFFIXES.get(suffix, ())
    region_en = tuple(f"{pinyin} {s}" for s in suffix_en)
    parts = _department_parts(department) if department not in REGION_WIDE_DEPARTMENTS else ()
    aliases = tuple(squash(a) for a in record.aliases if a)
    parents = tuple(units[:-1])
    return AgencyForms(name, region, core, department, pinyin, region_en, parts, aliases, parents)


_UNIT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:" + "|".join(sorted(REGION_SUFFIXES, key=len, reverse=True)) + ")")


def _region_units(region: str) -> list[str]:
    """上海市浦东新区 → [上海市, 浦东新区]: a district is named by its own unit, its city only loosely."""
    units, pos = [], 0
    while pos < len(region):
        m = _UNIT.match(region, pos)
        if not m:
            return [region] if not units else units[:-1] + [units[-1] + region[pos:]]
        units.append(m.group())
        pos = m.end()
    return units


def _split_region(region: str) -> tuple[str, str]:
    for suffix in sorted(REGION_SUFFIXES, key=len, reverse=True):
        if region.endswith(suffix) and len(region) - len(suffix) >= 2:
            return region[: -len(suffix)], suffix
    return region, ""


def _department_parts(department: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Cut a department name into glossary parts, longest first; unknown characters stay as they are."""
    parts: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    keys = sorted(DEPARTMENT_PARTS, key=len, reverse=True)
    while i < len(department):
        part = next((k for k in keys if department.startswith(k, i)), None)
        if part is None:
            parts.append((department[i], ()))
            i += 1
        else:
            parts.append((part, DEPARTMENT_PARTS[part]))
            i += len(part)
    return tuple(parts)


@cache
def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


class AgencyMatcher:
    """Finds the agencies a question names among the indexed ones."""

    def __init__(self, agencies: list[AgencyRecord]):
        self.forms = [agency_forms(a) for a in agencies]

    def match(self, question: str, whole: bool = True) -> AgencyMatch:
        text = squash(question)
        masked = _mask_stop_phrases(text)
        found = (_chinese_mentions(masked, self.forms) + _english_mentions(question.lower(), self.forms)
                 + _initials_named(question, self.forms))
        scores = _score(found, self.forms)
        spans = tuple(sorted({(m.start, *_name_words_after(question.lower(), m.end), m.lang) if m.lang == "en"
                              else (m.start, m.end, m.lang) for m in found}))
        unknown = _unknown_mentions(masked, question, found, self.forms)
        match = _decide(scores, found, unknown, spans, self.forms)
        match = _government_not_indexed(match, masked, question, self.forms)
        match = _ancestors_named(match, masked, question.lower(), self.forms)
        if whole and _APART.search(question):
            apart = self._named_apart(question, match)
            if apart is not match:
                return apart
        return _split_across(match, scores, found, text, question.lower())

    def _named_apart(self, question: str, match: AgencyMatch) -> AgencyMatch:
        """Items of a list that each name an agency of their own: all of them are asked about."""
        groups, lacking, close = [], [], []
        for item in _items(question, match.en_spans):
            found = self.match(item, whole=False) if item.strip() else None
            if found is None:
                continue
            mine = [w for w in found.unknown if not w.endswith(REGION_WIDE_DEPARTMENTS[1:])
                    and (w in match.unknown or (lacking and _DEPARTMENT.fullmatch(w)))]
            if mine:  # an item names an agency we lack (the whole question sees one too): said, not dropped
                lacking += mine
                close += [*found.close, *found.names]
            elif found.unknown and not lacking:
                return match
            if found.names and found.names not in groups:
                groups.append(found.names)
        if lacking:  # every item we lack is named, not the first alone ("X局和Y局各…")
            return AgencyMatch(unknown=tuple(dict.fromkeys(lacking)), close=tuple(dict.fromkeys(close)))
        if len(groups) < 2:
            return match
        names = tuple(dict.fromkeys(n for g in groups for n in g))
        return replace(match, names=names, scores=tuple(1.0 for _ in names), region_matched=True,
                       dept_matched=True, apart=tuple(groups), close=(), siblings=())


# Where a list of agencies splits: 、 和 与 及 跟 还是 或, commas, "and", "or", "vs".
_APART = re.compile(r"、|以及|和|与|及|跟|还是|或者?|[，,;；]|\s(?:and|or|vs\.?|versus|compared with|than)\s", re.I)


def _items(question: str, names: tuple[tuple[int, int], ...]) -> list[str]:
    """The question split where a list of agencies splits, never inside a name it matched ("Shuyang
    Development and Reform Bureau" is one item)."""
    cuts = [m for m in _APART.finditer(question) if not any(s <= m.start() < e for s, e in names)]
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(question)]
    return [question[a:b] for a, b in zip(starts, ends, strict=True)]


@dataclass(frozen=True)
class _Mention:
    agency: str
    part: str  # "full" | "region" | "dept"
    weight: float
    start: int
    end: int
    lang: str  # "zh": offsets in the squashed text; "en": offsets in the lowercased question


def _mask_stop_phrases(text: str) -> str:
    for phrase in _STOP_PHRASES:
        text = text.replace(phrase, "#" * len(phrase))
    return text


def _chinese_mentions(text: str, forms: list[AgencyForms]) -> list[_Mention]:
    candidates: list[_Mention] = []
    sounds = _sounds(text)
    for f in forms:
        exact = [(f.name, "full", 4.0), *((a, "dept", 1.5) for a in _department_aliases(f)),
                 (f.region_full, "region", 2.0), (f.local, "region", 2.0), (f.region_core, "region", 1.0),
                 *((f.region_core + tail, "region", 1.8) for tail in _suffix_tails(f)),
                 *((p, "region", 0.5) for p in f.parents), *((_split_region(p)[0], "region", 0.4) for p in f.parents)]
        if not f.region_wide:
            exact += [(f.department, "dept", 2.0), (f.region_core + f.department, "full", 4.0)]
            # Right after its region, the department without its unit word names it: 平潭公安, 河北教育.
            stem = _stem(f.department)
            if len(stem) >= 2:
                exact += [(f.region_core + stem, "full", 3.5), (f.region_full + stem, "full", 3.5)]
        for form, part, weight in exact:
            if len(form) >= 2:
                candidates += [_Mention(f.name, part, weight, start, start + len(form), "zh")
                               for start in _occurrences(form, text)]
        candidates += _abbreviations(text, f)
        candidates += _homophones(text, sounds, f)
    return _longest_first(candidates)


def _stem(department: str) -> str:
    """公安局 → 公安, 营商环境建设局 → 营商环境建设: the department without the unit word it ends in."""
    ending = next((e for e in sorted(DEPARTMENT_ENDINGS, key=len, reverse=True) if department.endswith(e)), "")
    return department[: len(department) - len(ending)]


def _occurrences(form: str, text: str) -> list[int]:
    out, start = [], text.find(form)
    while start >= 0:
        out.append(start)
        start = text.find(form, start + 1)
    return out


@cache
def _word(phrase: str) -> re.Pattern[str]:
    """An English phrase as a whole word or words, plural allowed (compiled once: agencies x forms)."""
    return re.compile(rf"\b{re.escape(phrase)}s?\b")


def _department_aliases(f: AgencyForms) -> list[str]:
    """The index's aliases that name the department alone (region forms are derived here already, and
    a region alias such as 平潭政府 would hide the other agencies of the same region)."""
    if f.region_wide:
        return []
    return [a for a in f.aliases if not a.startswith((f.region_core, f.region_full)) and a != f.department]


def _abbreviations(text: str, f: AgencyForms) -> list[_Mention]:
    """营商局 for 营商环境建设局, 政府办 for 人民政府办公室: an ordered subset of the name's characters."""
    if f.region_wide or len(f.department) < 3:
        return []
    last = next((e for e in sorted(DEPARTMENT_ENDINGS, key=len, reverse=True) if f.department.endswith(e)),
                f.dept_parts[-1][0])
    out = []
    for end in range(len(text)):
        if text[end] not in last:
            continue
        for start in range(max(0, end - 7), end - 1):
            window = text[start:end + 1]
            if window != f.department and _is_abbreviation(window, f.department, len(f.department) - len(last)) \
                    and not _names_another(window, f):
                out.append(_Mention(f.name, "dept", 1.5, start, end + 1, "zh"))
                break
    return out


def _names_another(window: str, f: AgencyForms) -> bool:
    """民政厅 is not an abbreviation of 人民政府办公厅: its characters before the ending are a department of their
    own in the glossary, one the agency's name does not hold as a part."""
    stem = next((window[: -len(e)] for e in DEPARTMENT_ENDINGS if e and window.endswith(e)), window)
    return stem in DEPARTMENT_PARTS and stem not in {part for part, _ in f.dept_parts}


def _suffix_tails(f: AgencyForms) -> list[str]:
    """平潭实验区 for 平潭综合实验区: the region's core with the end of its long suffix."""
    suffix = f.local[len(f.region_core):]
    return [suffix[-k:] for k in range(2, len(suffix))]


def _is_abbreviation(window: str, name: str, last_start: int) -> bool:
    pos, inside = -1, 0
    for ch in window:
        pos = name.find(ch, pos + 1)
        if pos < 0:
            return False
        inside += pos < last_start
    return pos >= last_start and inside >= 2


def _sounds(text: str) -> list[str]:
    """The pinyin of each character (one entry per character; non-Chinese characters as themselves)."""
    from pypinyin import lazy_pinyin

    return [lazy_pinyin(ch)[0].lower() if _is_cjk(ch) else ch for ch in text]


def _homophones(text: str, sounds: list[str], f: AgencyForms) -> list[_Mention]:
    """盘金 for 盘锦: the same sound written with other characters (a typing slip of pinyin input)."""
    out = []
    for form, part, weight in ((f.region_core, "region", 0.8), (f.department, "dept", 1.2)):
        if len(form) < 2 or (part == "dept" and f.region_wide):
            continue
        target = _pinyin(form)
        for start in range(0, len(text) - len(form) + 1):
            window = text[start:start + len(form)]
            if window != form and "".join(sounds[start:start + len(form)]) == target and _is_cjk(window):
                out.append(_Mention(f.name, part, weight, start, start + len(form), "zh"))
    return out


def _is_cjk(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _english_mentions(question: str, forms: list[AgencyForms]) -> list[_Mention]:
    words = [(m.group(), m.start(), m.end()) for m in _EN_WORD.finditer(question)]
    if not words:
        return []
    out: list[_Mention] = []
    for f in forms:
        region = _english_region(question, words, f)
        out += region
        out += _english_department(question, f, max((m.end for m in region), default=None))
    return out


def _english_region(question: str, words, f: AgencyForms) -> list[_Mention]:
    out = []
    if not f.pinyin or not f.pinyin.isascii():
        return out
    for phrase in f.region_en:
        for m in _word(phrase).finditer(question):
            out.append(_Mention(f.name, "region", 2.0, m.start(), m.end(), "en"))
    for word, start, end in words:
        word = word.replace("'", "").replace("-", "")  # Huai'an, Xi-an: syllables marked apart
        if word.endswith("s") and word[:-1] == f.pinyin:
            word = word[:-1]  # Pingtan's
        if word == f.pinyin or (len(f.pinyin) >= 5 and _edit_distance(word, f.pinyin) <= 1):
            out.append(_Mention(f.name, "region", 1.0, start, end, "en"))
    return out


def _english_department(question: str, f: AgencyForms, region_end: int | None = None) -> list[_Mention]:
    """The department's parts in English. Its head alone ("General Office", "Department") or one content part
    ("police") names it only right after its region ("Shanghai General Office", "Shanghai municipal
    government's general office", "Pingtan police"), with no other department's words between ("Panjin
    business bureau" may be its 商务局); otherwise a content part and the head, or two content parts, are
    needed."""
    if f.region_wide:
        return []
    spans = []
    matched = 0
    parts = []
    for i, (part, options) in enumerate(f.dept_parts):
        found = [m for o in options for m in _word(o).finditer(question)
                 if part not in _GOVERNMENT_PARTS or not _subject_government(question, m.start())]
        after = [m for m in found if spans and m.start() >= max(e for _, e in spans)]
        # (the head nearest after the content words: "the education department and the science department")
        hit = min(after, key=lambda m: m.start()) if after and i == len(f.dept_parts) - 1 else (found or [None])[0]
        if hit:
            matched += 1
            spans.append(hit.span())
            parts.append(part)
    if len(f.dept_parts) > 1 and parts and all(p in _GOVERNMENT_PARTS for p in parts):
        return []  # "the Shanghai (municipal) government" is the region's government, not its general office
    head = f.dept_parts[-1][1] and spans and any(_word(o).search(question) for o in f.dept_parts[-1][1])
    content = matched - (1 if head else 0)
    # Right after its region, the department's head or one content word names it ("Shanghai General Office",
    # "the Pingtan police", "Hebei education department").
    beside = bool(spans) and region_end is not None and _only_region_words(question[region_end:min(s for s, _ in spans)])
    if not (content >= 1 and (head or content >= 2)) and not beside:
        return []
    heads = [o for o in f.dept_parts[-1][1] if _word(o).search(question)] if head else []
    if content == 0 and all(" " not in o for o in heads):
        return []  # "the Pingtan zone's departments", "the Pingtan bureau": a bare word any department has
    weight = 2.0 if matched == len(f.dept_parts) else 1.5
    start, end = _name_run(question, spans)
    return [_Mention(f.name, "dept", weight, start, end, "en")]


def _name_run(question: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Where the name stands: its parts' longest run joined only by small or region words. A part said
    again further on ("Shanghai General Office … decided against the government") is not inside the name,
    and the words between are the question's own."""
    runs: list[list[tuple[int, int]]] = []
    for span in sorted(spans):
        if runs and _only_region_words(question[runs[-1][-1][1]:span[0]]) \
                and len(question[runs[-1][-1][1]:span[0]].split()) <= 3:
            runs[-1].append(span)
        else:
            runs.append([span])
    best = max(runs, key=len)
    return best[0][0], max(e for _, e in best)


_SMALL_WORDS = {"and", "of", "the", "for", "with"}
# "open government requests", "government information", "e-government": what is asked about, not an agency.
_SUBJECT_BEFORE = re.compile(r"(?:\bopen[\s-]+|\be-)$", re.I)
_SUBJECT_AFTER = re.compile(r"government[\s-]+(?:information|disclosure|affairs|transparency|websites?|portals?|"
                            r"gazettes?|services?|data|requests?|documents?|records?|openness)\b", re.I)


def _subject_government(question: str, at: int) -> bool:
    """Whether "government" at `at` is the subject of the question ("open government requests"), not an agency."""
    return bool(_SUBJECT_BEFORE.search(question[:at]) or _SUBJECT_AFTER.match(question, at))
_GOVERNMENT_PARTS = ("人民政府", "政府")

@cache
def _initials(f: AgencyForms) -> frozenset[str]:
    """A department's English initials, from its parts' English words: 发展和改革局 → DRB (development and reform
    bureau), DRC for the commission; 公安局 → PSB. Three letters at least (two name too much)."""
    out: set[str] = set()
    if f.region_wide or not f.dept_parts or not all(options for _, options in f.dept_parts):
        return frozenset()
    spellings = [""]
    for _, options in f.dept_parts:
        letters = {"".join(w[0] for w in re.findall(r"[a-z&]+", o) if w not in _SMALL_WORDS and w != "&")
                   for o in options if "&" not in o}
        spellings = [s + x for s in spellings for x in letters if x][:64]
    out.update(s.upper() for s in spellings if len(s) >= 3)
    return frozenset(out)


def _initials_named(question: str, forms: list[AgencyForms]) -> list[_Mention]:
    """A department named by its initials in capitals ("the Shuyang County DRB", "Pingtan PSB")."""
    out = []
    for m in re.finditer(r"\b([A-Z]{3,6})s?\b", question):
        out += [_Mention(f.name, "dept", 2.0, m.start(), m.end(), "en") for f in forms if m.group(1) in _initials(f)]
    return out


_NAME_WORDS = re.compile(r"(?:\s+(?:municipal|city|county|provincial|province|people's|people|government|"
                         r"zone|district|of))+\b")


def _name_words_after(question: str, end: int) -> tuple[int]:
    """The end of an English mention taken over the words of an official name that follow it ("Huai'an
    Municipal People's Government"): they are the name's, not words of the question's figure."""
    m = _NAME_WORDS.match(question, end)
    return (m.end() if m else end,)


def _only_region_words(between: str) -> bool:
    words = re.findall(r"[a-z]+", between.lower())
    allowed = {w for names in REGION_SUFFIXES.values() for n in names for w in n.split()}
    allowed |= {"the", "of", "s", "people", "government", "municipal", "provincial"}
    return all(w in allowed for w in words)


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _longest_first(mentions: list[_Mention]) -> list[_Mention]:
    """Keep the longest mention where mentions overlap: 平潭县 wins over the 平潭 inside it."""
    kept: list[_Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), -m.weight, m.start)):
        if all(k.end <= m.start or m.end <= k.start or (k.start, k.end) == (m.start, m.end) for k in kept):
            kept.append(m)
    return kept


def _score(found: list[_Mention], forms: list[AgencyForms]) -> dict[str, tuple[float, float, float]]:
    """agency -> (total, region part, department part)."""
    out = {}
    for f in forms:
        mine = [m for m in found if m.agency == f.name]
        full = max((m.weight for m in mine if m.part == "full"), default=0.0)
        region = max((m.weight for m in mine if m.part == "region"), default=0.0)
        dept = max((m.weight for m in mine if m.part == "dept"), default=0.0)
        if full:
            region, dept = max(region, 2.0), max(dept, 2.0)
        if region or dept:
            out[f.name] = (region + dept, region, dept)
    return out


def _unknown_mentions(text: str, question: str, found: list[_Mention], forms: list[AgencyForms]) -> tuple[str, ...]:
    covered = [(m.start, m.end) for m in found if m.lang == "zh"]
    known = {f.region_core for f in forms} | {f.region_full for f in forms} | {f.name for f in forms}
    names = dict.fromkeys(_chinese_names(text) if _may_name_others(text, covered) else ())
    out = [w for w in names if not any(w in k for k in known) and not _covered(text, w, covered)]
    out += [w for w in _owners_named(text, found) if not any(w in k for k in known) and w not in out]
    out += [w for w in _departments_named(text, covered) if w not in out]
    en_covered = [(m.start, m.end) for m in found if m.lang == "en"]
    out += _english_unknowns(question, en_covered, forms)
    return tuple(dict.fromkeys(out))


_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:局|厅|委员会|办公室)")


def _departments_named(text: str, covered: list[tuple[int, int]]) -> list[str]:
    """"资源生态局" outside every matched mention: a department the index does not hold (the tagger may cut it)."""
    rest = "".join(" " if any(s <= i < e for s, e in covered) else ch for i, ch in enumerate(text))
    return [m.group() for m in _DEPARTMENT.finditer(rest) if not m.group().startswith(("本", "该", "各", "哪"))]


def _owners_named(text: str, found: list[_Mention]) -> list[str]:
    """"大连营商局": Chinese words standing right before a department named without its region name the
    department's own region, which is not the indexed one (jieba does not tag every place as one)."""
    if any(m.part in ("region", "full") for m in found):
        return []
    out = []
    for m in found:
        if m.lang != "zh" or m.part != "dept":
            continue
        before = re.search(r"[\u4e00-\u9fff]{2,6}$", text[:m.start])
        word = _known_words().sub("", before.group()) if before else ""
        if len(word) >= 2 and not any(s < m.start and before.start() < e for s, e in
                                      ((o.start, o.end) for o in found if o is not m)):
            out.append(word)
    return out


def _may_name_others(text: str, covered: list[tuple[int, int]]) -> bool:
    """Whether the question holds Chinese words besides the indexed names it matched, the tables' words and
    question words. If not, there is no place or department left for the tagger to find, and jieba's
    tagger (~0.9 s to load its dictionaries) is not needed: a one-shot `xxgk ask` of a plain fact question
    then answers in a third of the time."""
    rest = "".join(" " if any(s <= i < e for s, e in covered) else ch for i, ch in enumerate(text))
    return bool(re.search(r"[\u4e00-\u9fff]{2,}", _known_words().sub(" ", rest)))


@cache
def _known_words() -> re.Pattern:
    from ..metrics import terms
    from .metric import _FILLER_ZH

    words = sorted({t.text for t in terms() if re.search(r"[\u4e00-\u9fff]", t.text)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) + "|" + _FILLER_ZH.pattern)


def _chinese_names(text: str) -> list[str]:
    """Place names (jieba's ns/nt) and department-like words (…局, …委) in the question."""
    from .segment import tag

    out = []
    for word, flag in tag(text.replace("#", "，")):
        if len(word) < 2 or word in _GENERIC_PLACES:
            continue
        placed = len(word) >= 3 and word.endswith(_PLACE_ENDINGS)  # 营口市: jieba may not tag it as a place
        if flag in ("ns", "nt") or placed or (word.endswith(DEPARTMENT_ENDINGS) and len(word) >= 3):
            out.append(word)
    return out


def _covered(text: str, word: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every occurrence of the word lies inside a matched mention: a place that only overlaps one
    ("大连市" before the alias 市营商局) is another place."""
    for m in re.finditer(re.escape(word), text):
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            return False
    return True


def _english_unknowns(question: str, covered: list[tuple[int, int]], forms: list[AgencyForms]) -> list[str]:
    """A capitalised word spelt in pinyin (Shenyang, Beijing) that is no indexed region names a place we lack
    — when no agency is named at all, or when a place or department word follows it ("Shenyang city",
    "Dalian public security bureau"); otherwise it may be a name such as an app's (Liaoshitong)."""
    known = {f.pinyin for f in forms}
    out = []
    for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", question):
        word = m.group().lower()
        if not question[:m.start()].strip() and not _place_word_follows(question[m.end():]):
            continue  # the question's first word is capitalised anyway ("Same question for 2023.")
        inside = any(s <= m.start() < e for s, e in covered)
        placed = not covered or _place_word_follows(question[m.end():])
        if not inside and word not in known and _is_pinyin_name(word) and placed:
            out.append(m.group())
    out += _acronyms_after(question, covered)
    out += _content_after_region(question, covered)
    heads = "|".join(ENGLISH_HEADS)
    lowered = question.lower()
    of_unknown = _heads_of_unknown(lowered, heads, covered, known)
    out += [w for _, w in of_unknown]
    for m in re.finditer(rf"\b({heads})\b", lowered):  # (a plural names a group: "the zone's departments")
        if m.group(1) != "government" and not any(s <= m.start() < e for s, e in covered) \
                and m.start() not in {s for s, _ in of_unknown}:
            before = re.findall(r"[a-z]+", lowered[max(0, m.start() - 40):m.start()])[-3:]
            named: list[str] = []
            asked_among = False
            for w in reversed(before):  # the name's own words: back from the head to a question word
                if w in _NOT_NAMES:
                    # "which Hebei department": one of the region's departments is asked for, none named
                    asked_among = w in ("which", "what", "whose") and all(n in known for n in named)
                    break
                named.insert(0, w)
            if named and not asked_among:  # "which agency" names none, as the asker wrote it
                said = re.search(r"\W+".join(map(re.escape, [*named, m.group()])), question, re.I)
                out.append(said.group() if said else " ".join([*named, m.group()]))
    # "Dalian" is already said by "dalian business bureau"
    return [w for w in out if not any(w != o and w.lower() in o.lower() for o in out)]


def _heads_of_unknown(lowered: str, heads: str, covered: list[tuple[int, int]], known: set[str]
                      ) -> list[tuple[int, str]]:
    """"the Hebei department of finance": a head followed by the department's own words, none of them an
    indexed agency's, names a department we lack (the region alone must not pick another of its agencies)."""
    out = []
    for m in re.finditer(rf"\b(?:{heads})s?\s+(?:of|for)\s+(?:the\s+)?([a-z][a-z\-]+(?:\s+and\s+[a-z][a-z\-]+)?)",
                         lowered):
        words = [w for w in m.group(1).split() if w not in _NOT_NAMES]
        if words and not any(s <= m.start() < e or s <= m.start(1) < e for s, e in covered) and words[0] not in known:
            out.append((m.start(), m.group().strip()))
    return out


@cache
def content_words() -> frozenset[str]:
    """Single English words that name a department's field (police, finance, education), not its kind."""
    words = {o for options in DEPARTMENT_PARTS.values() for o in options if " " not in o}
    return frozenset(words - set(ENGLISH_HEADS) - _NOT_NAMES - {"general", "people's", "centre", "center"})


def _content_after_region(question: str, covered: list[tuple[int, int]]) -> list[str]:
    """"the Huai'an police": a field word right after a matched name that no matched agency has is a
    department of that region we lack (the other region's police is not meant)."""
    out = []
    for s, e in covered:
        m = re.match(rf"(?:'s|’s)?\s+([a-z][a-z\-]+)(?:\s+(?:{'|'.join(ENGLISH_HEADS)})\b)?", question[e:], re.I)
        if m and m.group(1).lower() in content_words() and not any(a <= e + m.start(1) < b for a, b in covered):
            out.append(question[s:e + m.end()])  # as the asker wrote it
    return out


def _acronyms_after(question: str, covered: list[tuple[int, int]]) -> list[str]:
    """"Pingtan EPB": capitals right after a matched name are a department's initials. An indexed
    department's own initials (PSB, from 公安局's English words) are matched with it; others name a department the question does not let us read, so
    the region's own report is not silently put in its place."""
    out = []
    for m in re.finditer(r"\b[A-Z]{2,6}s?\b", question):
        if any(s <= m.start() < e for s, e in covered):
            continue
        before = question[:m.start()].rstrip()
        ends = {len(before), len(before[:-2].rstrip()) if before.endswith(("'s", "’s")) else len(before)}
        starts = [s for s, e in covered if e in ends]
        if starts:
            out.append(question[max(starts):m.end()])
    return out


def _place_word_follows(rest: str) -> bool:
    following = re.findall(r"[a-z]+", rest.lower())[:2]
    place_words = {w for words in REGION_SUFFIXES.values() for p in words for w in p.split()}
    dept_words = {w for words in DEPARTMENT_PARTS.values() for p in words for w in p.split()}
    return any(w in place_words or w in dept_words or w in ENGLISH_HEADS for w in following)


def _is_pinyin_name(word: str) -> bool:
    return bool(_PINYIN.match(word)) and len(_syllables(word)) >= 2


def _syllables(word: str) -> list[str]:
    return re.findall(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei"
                      r"|ao|ou|an|en|er|ia|ie|in|iu|ua|uo|ui|un|ue|a|o|e|i|u|v)", word)


_GOVERNMENT_ZH = re.compile(r"人民政府|[市县区省]政府|政府(?!信息|网站|门户|公报)")
_GOVERNMENT_EN = re.compile(r"\b(?:people's|municipal|city|county|provincial|local)?\s*government\b", re.I)


def _names_government(question: str) -> bool:
    return any(not _subject_government(question, m.end() - len("government")) for m in _GOVERNMENT_EN.finditer(question))


def _government_not_indexed(match: AgencyMatch, text: str, question: str, forms: list[AgencyForms]) -> AgencyMatch:
    """"盘锦市人民政府", "the Panjin municipal government": a region's government named where only one of its
    departments is indexed is another agency, not that department."""
    if not match.region_matched or match.dept_matched or not match.names:
        return match
    by_name = {f.name: f for f in forms}
    if any(by_name[n].region_wide for n in match.names if n in by_name):
        return match
    if not (_GOVERNMENT_ZH.search(text) or _names_government(question)):
        return match
    region = by_name[match.names[0]].region_full
    return replace(match, unknown=(*match.unknown, f"{region}人民政府"), close=tuple(match.names) + match.close)


def _ancestors_named(match: AgencyMatch, text: str, lowered: str, forms: list[AgencyForms]) -> AgencyMatch:
    """"江苏省沭阳县发改局", "Shuyang County, Jiangsu": a province or city that holds the region of every matched
    agency is where it is, not another agency we lack; its words are the name's (no row's)."""
    by_name = {f.name: f for f in forms}
    if not match.names or not match.region_matched or any(n not in by_name for n in match.names):
        return match  # ("辽宁省营商环境建设局": the province's own bureau, not Panjin's — its region is not named)
    held = set.intersection(*(set(ancestor_words(by_name[n])) for n in match.names))
    zh = tuple((i, i + len(w)) for w in held if not w.isascii() for i in _occurrences(w, text))
    en = tuple((m.start(), m.end()) for w in held if w.isascii() for m in re.finditer(rf"\b{w}\b", lowered))
    if not zh and not en:
        return match
    unknown = tuple(w for w in match.unknown if w not in held and w.lower() not in held)
    return replace(match, unknown=unknown, spans=tuple(sorted({*match.spans, *zh})),
                   en_spans=tuple(sorted({*match.en_spans, *en})))


@cache
def ancestor_words(f: AgencyForms) -> tuple[str, ...]:
    """The divisions above the agency's region as a question may say them: 江苏省, 江苏, jiangsu; 宿迁市, suqian."""
    from ingest.gazetteer import gazetteer

    local = f.local or f.region_full
    places = gazetteer()
    # (平潭综合实验区 is no division of its own: the county of its core, 平潭县, says where it is)
    divisions = places.by_name.get(local) or places.by_core.get(f.region_core, [])
    if len(divisions) != 1:
        return ()  # a name several places share: which is meant is not known
    out: list[str] = []
    for parent in (*f.parents, *divisions[0].parents):
        core = _split_region(parent)[0]
        out += [parent, core, _pinyin(core)]
    return tuple(dict.fromkeys(w for w in out if len(w) >= 2))


def _split_across(match: AgencyMatch, scores, found: list[_Mention], text: str, lowered: str) -> AgencyMatch:
    """"淮安市公安局", "Huai'an police": the region of one indexed agency with the department of another (of another
    region) names neither; it is an agency we lack, never the region's own report or the other's."""
    top = [n for n in match.names if n in scores]
    region_only = [n for n in top if scores[n][1] and not scores[n][2]]
    dept_only = [n for n in top if scores[n][2] and not scores[n][1]]
    if not (region_only and dept_only) or any(r and d for _, r, d in scores.values()):
        return match
    mine = [m for m in found if m.agency in top]
    source = text if all(m.lang == "zh" for m in mine) else lowered if all(m.lang == "en" for m in mine) else None
    if source is None:
        return match
    phrase = source[min(m.start for m in mine):max(m.end for m in mine)]
    return AgencyMatch(unknown=(*match.unknown, phrase), close=tuple(top))


def _decide(scores, found, unknown, spans, forms) -> AgencyMatch:
    if not scores:
        return AgencyMatch(unknown=unknown, close=_close(unknown, forms))
    best = max(s[0] for s in scores.values())
    top = [n for n, s in scores.items() if s[0] == best]
    region = any(scores[n][1] for n in top)
    dept = any(scores[n][2] for n in top)
    siblings: list[str] = []
    if region and not dept:
        # Only a region was named: its region-wide report is meant, not one of its departments' (which the
        # answer names beside it, so the asker can ask for them).
        by_form = {f.name: f for f in forms}
        wide = [n for n in top if by_form[n].region_wide]
        siblings = [n for n in top if n not in wide] if wide else []
        top = wide or top
    zh = tuple((s, e) for s, e, lang in spans if lang == "zh")
    en = tuple((s, e) for s, e, lang in spans if lang == "en")
    return AgencyMatch(tuple(top), tuple(scores[n][0] for n in top), region, dept, zh, en, unknown,
                       tuple(n for n in scores if n not in top), tuple(siblings))


def _close(unknown: tuple[str, ...], forms: list[AgencyForms]) -> tuple[str, ...]:
    """Indexed agencies sharing a character run of two or more with an unknown mention."""
    out = []
    for f in forms:
        for word in unknown:
            w = squash(word)
            if any(w[i:i + 2] in f.name for i in range(len(w) - 1)) or (f.pinyin and f.pinyin in word.lower()):
                out.append(f.name)
                break
    return tuple(out)
