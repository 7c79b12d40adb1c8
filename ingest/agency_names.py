"""What an agency's name looks like, and the full official name behind a printed one.

A name is a region (one or more divisions: 江苏省宿迁市沭阳县, or a zone: 平潭综合实验区) followed by a
department that ends in a unit type (局, 厅, 委员会 …), or the region alone for a region-wide report. It
holds Chinese characters only — no digits, no markup, no punctuation — and none of the verbs and
function words that sentences are made of. Anything else is not an agency name: a title fragment such as
"度", a sentence such as "河北省教育厅共受理行政复议1起", a heading such as "#沭阳县人民政府".

The unit types are derived from how China's state organs are named (国务院组织法, 地方各级人民代表大会和
地方各级人民政府组织法, and the 机构改革 naming rules): government bodies, their working departments,
their offices, their dispatched organs, the public institutions and people's organisations that publish
government-information reports, and the short forms people print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.errors import NotAnAgencyName
from ingest.gazetteer import DIVISION_SUFFIXES, gazetteer
from ingest.short_forms import expand_department

# How a department's name ends, by kind of organ (longest first when matched).
UNIT_TYPES: tuple[str, ...] = (
    # people's governments and their general offices
    "人民政府", "政府", "办公厅", "办公室",
    # working departments (组成部门, 直属机构, 部门管理机构): 教育厅, 公安局, 发展和改革委员会, 海关总署
    "厅", "局", "委员会", "部", "署", "银行", "分行", "支行",
    # dispatched organs (派出机关): zone committees, prefectural offices, sub-district offices
    "管理委员会", "管委会", "行政公署", "公署", "街道办事处", "办事处", "街道",
    # public institutions (事业单位) that publish reports: 政务服务中心, 档案馆, 气象台, 执法大队
    "中心", "院", "研究室", "研究所", "所", "站", "馆", "广播电视台", "气象台", "总队", "支队", "大队",
    "管理处", "合作社", "联社",
    # people's organisations: 残疾人联合会, 科学技术协会, 红十字会
    "联合会", "协会", "红十字会", "总工会", "工会",
    # short forms as printed (科委, 府办, 人防办); expanded where one full form is certain
    "委", "办",
)
# Region-wide units that are not divisions of the gazetteer: special zones and their kin.
ZONE_SUFFIXES: tuple[str, ...] = (
    "综合实验区", "经济技术开发区", "高新技术产业开发区", "开发区", "高新区", "示范区", "实验区", "试验区",
    "合作区", "保税区", "自由贸易区", "工业园区", "园区", "港区", "经济区", "新区",
)
_REGION_SUFFIXES = tuple(sorted({*ZONE_SUFFIXES, *DIVISION_SUFFIXES, "镇", "乡"}, key=len, reverse=True))
# National bodies name no region: 国家税务总局, 国务院办公厅, 教育部.
NATIONAL_PREFIXES = ("中华人民共和国", "国务院", "国家", "中国")
_NATIONAL_UNITS = ("部", "总署", "署", "总局")  # 教育部, 海关总署, 审计署: ministries need no prefix
# Words that start a department, never a region ("市场监督管理局" is no 市; "城乡建设局" no 乡).
_DEPARTMENT_STARTS = ("市场", "市政", "市容", "城市", "城乡", "区域", "县域", "社区", "人民", "乡村", "乡镇",
                      "省直", "市直", "县直", "区直", "街道")
# Words of sentences, never of names: verbs, adverbs, function words, counters.
_SENTENCE_WORDS = (
    "坚持", "受理", "收到", "办理", "发布", "编写", "印发", "制定", "根据", "按照", "依据", "推进", "推动",
    "开展", "完成", "召开", "加强", "落实", "贯彻", "认真", "深入", "积极", "严格", "不断", "持续", "进一步",
    "高度", "始终", "全年", "本年", "年度", "累计", "收取", "没有", "及时", "主动", "报告", "情况", "关于",
    "主办", "承办", "督办", "举办", "联系", "通过", "公布", "要求", "格局", "大局", "布局", "全部", "内部", "外部",
    "大厅", "以下", "简称", "如下", "其中", "网站", "门户", "厅长", "局长", "部长", "主任", "处长", "书记", "党组",
    "同志", "干部", "局部", "场所", "创办", "开办", "代办", "查办", "交办", "转办", "共", "的", "了", "在", "将", "把", "被", "向", "从", "于", "以", "为",
    "是", "均", "等", "第", "未", "无", "已", "及", "暨", "并", "或",
)
_PRONOUN_STARTS = ("我", "本", "该", "各", "全", "此", "其", "上述", "相关", "有关", "下属", "所属")
_MARKUP = re.compile(r"^\s*(?:#{1,6}|>+|[-*+]\s)\s*|\*\*|__|`|~~|<[^>]*>|\[([^\]]*)\]\([^)]*\)")
_SENTENCE_WORD = re.compile("|".join(_SENTENCE_WORDS))
_NOT_NAME = re.compile(r"[^\u4e00-\u9fff]")
_JOINS = re.compile("[和与及暨]")  # 住房和城乡建设局 holds no region 住房和城乡


@dataclass(frozen=True)
class AgencyName:
    """An agency's full official name, the form the report printed, and what was corrected on the way."""

    name: str  # 上海市科学技术委员会
    printed: str  # 上海市科委 (markup removed; equal to name when nothing changed)
    corrections: tuple[str, ...] = ()  # each correction of the printed form and why


def unmark(text: str) -> str:
    """A line without Markdown or HTML markup: "# 沭阳县人民政府…" → "沭阳县人民政府…"."""
    return _MARKUP.sub(lambda m: m.group(1) or "", text or "")


def strip_markup(text: str) -> str:
    """A name without markup or spaces: "#沭阳县人民政府", "**淮安市 人民政府**" → the name."""
    return re.sub(r"[\s\u3000\xa0]+", "", unmark(text))


def looks_like_agency(name: str) -> bool:
    """Chinese characters only, a region (or a national body), and a unit type at the end; no sentence words."""
    if not _plain(name):
        return False
    region, department = split_region(name)
    if _SENTENCE_WORD.search(department):  # region names may hold such characters: 无锡市, 于洪区, 将乐县
        return False
    if not region:
        national = name.endswith(_NATIONAL_UNITS) or (name.startswith(NATIONAL_PREFIXES) and name.endswith(UNIT_TYPES))
        return national and not name.startswith(_PRONOUN_STARTS)  # 全部, 本部 are no ministries
    return not department or department.endswith(UNIT_TYPES)


def _plain(name: str) -> bool:
    """3–40 Chinese characters."""
    return 3 <= len(name) <= 40 and not _NOT_NAME.search(name)


def split_region(name: str) -> tuple[str, str]:
    """(region, department): 江苏省宿迁市沭阳县发展和改革局 → (江苏省宿迁市沭阳县, 发展和改革局)."""
    units = region_units(name)
    region = "".join(units)
    return region, name[len(region) :]


def region_units(name: str) -> list[str]:
    """The divisions a name starts with: gazetteer names first, else a core of two or more characters
    and a division or zone suffix (历史 names such as 莱芜市 and zones such as 平潭综合实验区)."""
    units: list[str] = []
    pos = 0
    while pos < len(name) and not name.startswith(_DEPARTMENT_STARTS, pos):
        unit = _unit_at(name, pos)
        if not unit:
            break
        units.append(unit)
        pos += len(unit)
    return units


def _unit_at(name: str, pos: int) -> str:
    known = gazetteer().names_at(name, pos)
    zone = _zone_at(name, pos)
    if known and not (zone and len(zone) > len(known[0]) and zone.startswith(known[0][:-1])):
        return known[0]
    return zone


def _zone_at(name: str, pos: int) -> str:
    """A region unit by its form alone: a core of 2–8 characters and a region suffix (平潭 + 综合实验区)."""
    for end in range(pos + 3, min(len(name), pos + 14) + 1):
        piece = name[pos:end]
        suffix = next((s for s in _REGION_SUFFIXES if piece.endswith(s)), "")
        if suffix and len(piece) - len(suffix) >= 2 and not _SENTENCE_WORD.search(piece) and not _JOINS.search(piece):
            return piece
    return ""


def official_name(printed: str, document: str = "") -> AgencyName | None:
    """The full official name a printed agency name stands for, or None when it is no agency name.

    Short forms are expanded (上海市科委 → 上海市科学技术委员会) and a region that is an OCR slip of one
    character is corrected when `document` (the report's text) confirms the real division.
    """
    clean = strip_markup(printed)
    if not _plain(clean):
        return None
    units = region_units(clean)
    department = clean[len("".join(units)) :]
    units, corrections = _corrected(units, document)
    provincial = bool(units) and (gazetteer().provincial(units[-1]) or units[-1] in _SUB_PROVINCIAL)
    name = "".join(units) + expand_department(department, has_region=bool(units), provincial=provincial)
    return AgencyName(name, clean, tuple(corrections)) if looks_like_agency(name) else None


def given_agency(text: str, document: str = "") -> AgencyName:
    """The agency a person gave (--agency, an upload caption), or NotAnAgencyName saying what a name looks like."""
    found = official_name(text, document)
    if found is None:
        raise NotAnAgencyName(
            f"“{text}” does not look like an agency name: give the full name with its region and a unit type at "
            "the end, such as 河北省教育厅, 沭阳县发展和改革局 or 平潭综合实验区管理委员会"
        )
    return found


def _corrected(units: list[str], document: str) -> tuple[list[str], list[str]]:
    out, notes = [], []
    for unit in units:
        slip = gazetteer().slip(unit, document)
        out.append(slip.real.name if slip else unit)
        notes += [slip.note] if slip else []
    return out, notes


# Sub-provincial cities (副省级城市): their governments, like the provinces', have a 办公厅.
_SUB_PROVINCIAL = ("广州市", "深圳市", "武汉市", "南京市", "成都市", "西安市", "沈阳市", "大连市", "长春市",
                   "哈尔滨市", "济南市", "青岛市", "杭州市", "宁波市", "厦门市")


def agency_in_text(text: str, document: str = "", *, at_start: bool = False) -> AgencyName | None:
    """The first agency named in running text: "现向社会公布沭阳县发展和改革局2023年度…" → 沭阳县发展和改革局.

    A name is searched only where a known division (or its core: 平潭 of 平潭综合实验区) starts, so a
    verb before it ("公布", "发布") is never taken into the name; it ends where the longest name ends
    before a sentence word. `at_start`: only a name at the very start of `text`.
    """
    for start in range(1 if at_start else len(text)):
        if not gazetteer().core_at(text, start):
            continue
        run = re.match(r"[\u4e00-\u9fff]{3,40}", text[start:])
        run = run.group() if run else ""
        words = _SENTENCE_WORD.search(run, len("".join(region_units(run))))
        name = run[: words.start() if words else None]
        for end in range(len(name), 2, -1):  # the longest name: 教育厅办公室, not 教育厅
            found = official_name(name[:end], document)
            if found:
                return found
    return None
