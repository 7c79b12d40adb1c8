"""A question as the understanding reads it: simplified characters, Arabic numbers.

Traditional characters (平潭綜合實驗區…資訊公開) are converted with OpenCC's Taiwan-to-mainland phrase
conversion (資訊 → 信息), and the answer is converted back to traditional characters for the asker.
Chinese numerals that count something (八十一件, 百分之三十二点六, 二〇二〇年) become Arabic with cn2an;
numerals inside the tables' own labels (三安全一稳定, 四类过程性信息, 一共) are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .spelling import corrected

_NUMERAL = "零〇○一二两三四五六七八九十百千万亿点"
# A numeral run that counts: before a unit or a year, or after 百分之.
_COUNTED = re.compile(rf"百分之[{_NUMERAL}]+|[{_NUMERAL}]{{2,}}(?=[件个条次项份年%万元])|[{_NUMERAL}]+(?=[件个条次项份])")


@dataclass(frozen=True)
class Normalised:
    text: str
    traditional: bool  # the asker wrote traditional characters: answer in them


def normalise(question: str) -> Normalised:
    simplified = _to_simplified(question)
    text = _shared_heads(_applicant_groups(corrected(without_introduction(_SUBJECT_TO.sub("facing", simplified)))))
    return Normalised(_arabic(text), simplified != question)


# "subject to any reconsideration" is an agency facing one, not the subject matter of requests (which the
# tables do not count).
_SUBJECT_TO = re.compile(r"\bsubject(?:ed)?\s+to\b", re.I)


# Two degrees sharing one verb ("fully or partly granted", "全部或部分公开") are two rows: the verb is said
# with each, as the dictionary knows them ("fully granted or partly granted", "全部公开或部分公开").
_SHARED_EN = re.compile(r"\b(fully|wholly|completely|entirely|totally)\s+(or|and|and/or)\s+(partly|partially)\s+"
                        r"(grant(?:ed)?|disclosed?|released?|approved?|accept(?:ed)?|open(?:ed)?|made public)\b", re.I)
_SHARED_ZH = re.compile(r"(全部|全文|完全)(或者|或|和|及|与|、)(部分)(予以公开|公开|同意公开)")


# A degree said after its verb ("granted partially", "grant them in full") as the dictionary knows it, before it.
# (A full degree after the verb, "granted in full", is a phrase the dictionary knows as it stands.)
_DEGREE_AFTER = re.compile(r"\b(grant(?:ed)?|disclosed?|released?)\s+(?:them\s+|it\s+)?(partially|partly|in part)\b",
                           re.I)
_DEGREE_WORD = {"in part": "partially"}


def _shared_heads(text: str) -> str:
    text = _DEGREE_AFTER.sub(lambda m: f"{_DEGREE_WORD.get(m[2].lower(), m[2])} {m[1]}", text)
    text = _SHARED_EN.sub(lambda m: f"{m[1]} {m[4]} {m[2]} {m[3]} {m[4]}", text)
    return _SHARED_ZH.sub(lambda m: f"{m[1]}{m[4]}{m[2]}{m[3]}{m[4]}", text)


# The law's phrase for applicants, "公民、法人或者其他组织" (条例 art. 27), and its shortened forms name the
# template's applicant groups, not two things joined by a conjunction: "法人或者其他组织" (and 和/及/、) is the
# five-column group the table prints as 法人或其他组织; with 公民/自然人 before it, every applicant (总计).
_JOIN = r"\s*(?:或者|或|和|及|与|以及|、|，|,)\s*"
# ("自然人和法人或其他组织各/分别…" asks each group: its two columns, bot/understand/metric.py)
_ALL_APPLICANTS = re.compile(rf"(?:公民|自然人){_JOIN}法人{_JOIN}其他组织(?![^？?。，,]{{0,12}}(?:各|分别))")
_ORGANISATIONS = re.compile(rf"法人{_JOIN}其他组织")


def _applicant_groups(text: str) -> str:
    return _ORGANISATIONS.sub("法人或其他组织", _ALL_APPLICANTS.sub("总计", text))


# Who the asker is ("我是记者，", "Journalist here:", "As a researcher,") is not what is asked: the role word
# would otherwise be read as a thing the tables count ("journalists" as applicants), a place in it
# ("我是一名来自北京的记者") as an agency we lack.
_ROLES_ZH = "记者|编辑|研究员|研究人员|研究者|学生|研究生|律师|市民|公民|居民|村民|教师|老师|学者|媒体人|志愿者|工作人员|网友"
_ROLES_EN = (r"journalist|reporter|researcher|student|lawyer|attorney|citizen|resident|academic|teacher|editor|"
             r"analyst|scholar|blogger|volunteer")
_INTRODUCTION = re.compile(
    rf"^\s*(?:(?:你好|您好|hi|hello)[，,!！\s]*)?(?:(?:我|我们)(?:是|系)|作为)[^，,。：:！!？?]{{0,14}}?(?:{_ROLES_ZH})"
    rf"[，,。：:！!\s]+"
    rf"|^\s*(?:(?:hi|hello)[,!\s]*)?(?:i'm|i am|we're|we are|as)\s+(?:a|an)\s+[^,.:;!?]{{0,40}}?(?:{_ROLES_EN})s?\b"
    rf"[^,.:;!?]{{0,30}}?[,.:;!\-–—]+\s*"
    rf"|^\s*(?:[a-z]+\s+)?(?:{_ROLES_EN})s?\s+here\b[,.:;!\-–—]*\s*"
    # a greeting alone before the question ("您好，平潭…", "Hi, how many …")
    rf"|^\s*(?:你好|您好|嗨|哈喽|hi|hello|hey|good (?:morning|afternoon|evening))\s*[，,!！。.~～]+\s*",
    re.I)


def without_introduction(question: str) -> str:
    """The question without the asker's introduction of themselves, when something is left to ask."""
    m = _INTRODUCTION.match(question)
    rest = question[m.end():] if m else question
    return rest if rest.strip() else question


def to_traditional(text: str) -> str:
    """An answer for an asker who wrote traditional characters (characters only: names keep their words)."""
    return _converter("s2tw").convert(text)


def _to_simplified(text: str) -> str:
    """Only a question written in traditional characters is converted (with Taiwan phrases: 資訊 → 信息);
    a simplified one is left exactly as written."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    characters = _converter("t2s").convert(text)
    if characters == text:
        return text
    phrases = _converter("tw2sp").convert(text)
    if len(phrases) != len(characters):
        return characters
    # Taiwan phrases become mainland ones (資訊 → 信息), but never inside the tables' own words (文件 stays).
    kept = list(phrases)
    for word in _table_words():
        for m in re.finditer(re.escape(word), characters):
            kept[m.start():m.end()] = characters[m.start():m.end()]
    return "".join(kept)


@cache
def _table_words() -> tuple[str, ...]:
    from ..metrics import terms

    return tuple(t.text for t in terms() if len(t.text) >= 2 and not t.text.isascii())


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _arabic(text: str) -> str:
    if not re.search(f"[{_NUMERAL}]", text):
        return text
    return _COUNTED.sub(_convert, text)


def _convert(match: re.Match) -> str:
    import cn2an

    run = match.group()
    try:
        if run.startswith("百分之"):
            return cn2an.transform(run, "cn2an")
        if len(run) == 4 and "十" not in run and match.string[match.end():match.end() + 1] == "年":
            return "".join(str("零一二三四五六七八九".index(c)) if c in "零一二三四五六七八九" else "0" for c in run)
        return str(cn2an.cn2an(run, "smart"))
    except (ValueError, KeyError):  # not a number after all ("一二" of a list)
        return run
