"""Split an agency's full name into its region and its department, and derive the short names people use.

盘锦市营商环境建设局 → 盘锦市 + 营商环境建设局; 平潭县人民政府 → 平潭县 + 人民政府; 平潭综合实验区 is a
region-wide report (department ""). The region is the longest run of administrative-division names at
the start of the name (省, 自治区, 市, 州, 盟, 县, 旗, 区, and special zones such as 综合实验区 / 新区).
"""

from __future__ import annotations

import re

from index.types import AgencyRecord
from ingest.short_forms import short_forms_of

# Longer suffixes first: 综合实验区 must win over 区 so the unit is not cut inside the name.
_UNIT_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "综合实验区", "经济技术开发区", "高新技术产业开发区",
    "开发区", "新区", "地区", "林区", "特区", "省", "市", "州", "盟", "县", "旗", "区",
)
_UNIT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:" + "|".join(_UNIT_SUFFIXES) + ")")
# Words that start a department, never a region ("市场监督管理局" must not read as a 市).
_DEPARTMENT_STARTS = ("市场", "市政", "城市", "区域", "县域", "县区", "市县", "社区", "人民", "省直", "市直",
                      "县直", "区直")
_GOVERNMENT = ("人民政府", "政府")


def split_agency(name: str) -> tuple[str, str]:
    """(region, department) of a full agency name; department is "" for a region-wide report."""
    name = re.sub(r"\s+", "", name)
    pos = 0
    while pos < len(name):
        if name.startswith(_DEPARTMENT_STARTS, pos):
            break
        m = _UNIT.match(name, pos)
        if not m:
            break
        pos = m.end()
    return name[:pos], name[pos:]


def aliases(name: str, region: str, department: str) -> tuple[str, ...]:
    """Names a question may use for the agency, besides its full name (may collide across agencies:
    the caller disambiguates with the year or asks)."""
    out: list[str] = []
    stem = _strip_unit(region)
    if not department:
        out += [stem, _short_zone(region)]
    elif department in _GOVERNMENT:
        out += [region, region + "政府", stem + "政府"]
    else:
        local = region[-1:] if region else ""
        out += [department, local + department, stem + department]
        for short in filter(None, (_short_department(department), *short_forms_of(department))):
            out += [short, local + short, stem + short]
    return tuple(dict.fromkeys(a for a in out if a and a != name and len(a) >= 2))


def agency_record(name: str) -> AgencyRecord:
    region, department = split_agency(name)
    return AgencyRecord(name=name, region=region, department=department,
                        aliases=aliases(name, region, department))


def _strip_unit(region: str) -> str:
    last = _last_unit(region)
    for suffix in _UNIT_SUFFIXES:
        if last.endswith(suffix) and len(last) > len(suffix):
            return last[: -len(suffix)]
    return last


def _last_unit(region: str) -> str:
    units = _UNIT.findall(region)
    return units[-1] if units else region


def _short_zone(region: str) -> str:
    """平潭综合实验区 → 平潭实验区: a special zone is often named without 综合."""
    last = _last_unit(region)
    return last.replace("综合实验区", "实验区") if last.endswith("综合实验区") else ""


def _short_department(department: str) -> str:
    """营商环境建设局 → 营商局: a bureau is commonly named by its first two characters and 局."""
    if department.endswith("局") and len(department) > 3 and not department.startswith(_GOVERNMENT):
        return department[:2] + "局"
    return ""
