"""Full official department names for the short forms reports and pages print (科委, 发改局, 府办).

Only short forms with one official long form are listed. Those with several (文旅局 is 文化和旅游局 in
one county and 文化广电和旅游局 in the next; 城管局, 交通局) are kept as printed. The form the report
printed is kept beside the full name (AgencyName.printed), so a question may use either.
"""

from __future__ import annotations

# Department as printed after its region -> the official name.
SHORT_DEPARTMENTS: dict[str, str] = {
    "科委": "科学技术委员会",
    "教委": "教育委员会",
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "发展改革局": "发展和改革局",
    "经信委": "经济和信息化委员会",
    "经信局": "经济和信息化局",
    "工信厅": "工业和信息化厅",
    "工信局": "工业和信息化局",
    "科技厅": "科学技术厅",
    "科技局": "科学技术局",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "人社厅": "人力资源和社会保障厅",
    "人社局": "人力资源和社会保障局",
    "住建厅": "住房和城乡建设厅",
    "住建局": "住房和城乡建设局",
    "住建委": "住房和城乡建设委员会",
    "市监局": "市场监督管理局",
    "市场监管局": "市场监督管理局",
    "应急局": "应急管理局",
    "医保局": "医疗保障局",
    "退役军人局": "退役军人事务局",
    "民宗局": "民族宗教事务局",
    "国资委": "国有资产监督管理委员会",
    "自规局": "自然资源和规划局",
    "环保局": "环境保护局",
    "国土局": "国土资源局",
    "机关事务局": "机关事务管理局",
    "广电局": "广播电视局",
    "人防办": "人民防空办公室",
    "侨办": "侨务办公室",
    "外办": "外事办公室",
    "台办": "台湾事务办公室",
    "编办": "机构编制委员会办公室",
    "残联": "残疾人联合会",
    "妇联": "妇女联合会",
    "科协": "科学技术协会",
    "工商联": "工商业联合会",
    "公积金中心": "住房公积金管理中心",
}
# Endings replaced wherever they stand: 平潭综合实验区管委会 → 平潭综合实验区管理委员会.
SHORT_ENDINGS: dict[str, str] = {"管委会": "管理委员会"}
# A people's government's general office: 办公厅 for provinces, municipalities and sub-provincial
# cities, 办公室 below them. "市府办" alone names no region, so its level is unknown: 办公厅 is assumed.
_GOVERNMENT_OFFICES = ("府办", "政府办", "人民政府办")
_LEVEL_OFFICES = {"省府办": "省人民政府办公厅", "市府办": "市人民政府办公厅", "县府办": "县人民政府办公室",
                  "区府办": "区人民政府办公室"}


def expand_department(department: str, *, has_region: bool, provincial: bool = False) -> str:
    """The official name of a department as printed after its region ("" for a region-wide report)."""
    if department in SHORT_DEPARTMENTS:
        return SHORT_DEPARTMENTS[department]
    if not has_region and department in _LEVEL_OFFICES:
        return _LEVEL_OFFICES[department]
    if has_region and department in _GOVERNMENT_OFFICES:
        return "人民政府" + ("办公厅" if provincial else "办公室")
    if has_region and department in ("政府", "政府办公室", "政府办公厅"):
        return "人民" + department  # every local government is a 人民政府
    for short, full in SHORT_ENDINGS.items():
        if department.endswith(short):
            return department[: -len(short)] + full
    return department


def expand_short_form(printed: str) -> str:
    """A department's short form expanded on its own: 科委 → 科学技术委员会, 市府办 → 市人民政府办公厅."""
    return expand_department(printed, has_region=False)


def short_forms_of(department: str) -> tuple[str, ...]:
    """The short forms people print or type for an official department name: 科学技术委员会 → 科委."""
    out = [short for short, full in SHORT_DEPARTMENTS.items() if full == department]
    out += [short for short, full in SHORT_ENDINGS.items() if department == full]
    if department in ("人民政府办公厅", "人民政府办公室"):
        out += ["府办", "政府办"]
    return tuple(out)
