"""The standard template of the annual report's three tables, declared once as data.

Every reader (HTML grid, scraped text), the identity checks, the question understanding and the
answer wording read these declarations: row and column keys (shared facts-keys.md), the Chinese
labels as printed with their common variants, English labels, and the arithmetic identities
(勾稽关系) the template states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    patterns: tuple[str, ...]  # cores that identify the column header (whitespace ignored)
    group: str = ""  # table 4: "review" | "litigation.direct" | "litigation.after_review"
    unit: str | None = None  # the unit the standard header prints (2021: 本年收费金额（单位：万元）)

    @property
    def signed(self) -> bool:
        """Only 本年增/减 may be negative; every other cell is a count or an amount."""
        return self.key == "change"

    @property
    def money(self) -> bool:
        """Money is stored in 万元: "251000元" is read as 25.1."""
        return self.key == "amount"

    @property
    def limit(self) -> int:
        """The largest value the cell can plausibly hold: a larger one is flagged, never stated.

        Counts of one agency's requests, cases, documents or decisions in a year stay far below ten million
        (a province's busiest agency handles tens of thousands); money in 万元 below a trillion (10^8 万元).
        """
        return 10**8 if self.money else 10**7


@dataclass(frozen=True)
class Row:
    key: str
    zh: str  # the label as the standard prints it
    en: str
    patterns: tuple[str, ...]  # cores that identify the row label (whitespace ignored)
    number: str = ""  # the sub-number printed before the label: "1" in "1.属于国家秘密"
    short: str = ""  # short reference used in check details: "一", "三(三)1"
    exact: bool = False  # the label must equal a pattern (for short labels such as "其他")


@dataclass(frozen=True)
class Block:
    """Rows that share one set of columns (table 2 has several blocks, tables 3 and 4 one each)."""

    heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Identity:
    rule: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    lhs_label: str
    rhs_label: str
    scope: str  # "自然人 column", "一、本年新收 row", "行政复议"


@dataclass(frozen=True)
class TableSpec:
    key: str  # "proactive" | "applications" | "appeals"
    prefix: str  # key prefix of its cells ("" for table 4, whose column keys carry the group)
    zh: str
    en: str
    blocks: tuple[Block, ...]
    identities: tuple[Identity, ...] = ()
    nonnegative: bool = True

    def cell_key(self, row: Row, column: Column) -> str:
        return ".".join(p for p in (self.prefix, row.key, column.key) if p)

    @property
    def rows(self) -> tuple[tuple[Block, Row], ...]:
        return tuple((b, r) for b in self.blocks for r in b.rows)

    def cell_keys(self) -> tuple[str, ...]:
        return tuple(self.cell_key(r, c) for b in self.blocks for r in b.rows for c in b.columns)


@dataclass(frozen=True)
class Template:
    name: str  # "2019" | "2021"
    tables: tuple[TableSpec, ...]

    def cell_keys(self) -> tuple[str, ...]:
        return tuple(k for t in self.tables for k in t.cell_keys())

    def table(self, key: str) -> TableSpec:
        return next(t for t in self.tables if t.key == key)


# --- Table 2: 主动公开政府信息情况 ------------------------------------------------------------


def _c(key, zh, en, *patterns, group="", unit=None) -> Column:
    return Column(key, zh, en, patterns or (zh,), group, unit)


def _r(key, zh, en, *patterns, number="", short="", exact=False) -> Row:
    return Row(key, zh, en, patterns or (zh,), number, short or zh, exact)


_MADE_2019 = (
    _c("new_made", "本年新制作数量", "newly made this year", "新制作", "本年制作"),
    _c("new_published", "本年新公开数量", "newly published this year", "新公开", "本年公开"),
    _c("total_published", "对外公开总数量", "total published", "公开总数"),
)
_ITEMS_2019 = (
    _c("prev_items", "上一年项目数量", "items the previous year", "上一年项目", "上年项目"),
    _c("change", "本年增/减", "change this year", "增/减", "增减", "增（减）", "增(减)"),
    _c("decisions", "处理决定数量", "decisions", "处理决定"),
)

PROACTIVE_2019 = TableSpec(
    key="proactive",
    prefix="proactive",
    zh="主动公开政府信息情况",
    en="proactively published information",
    nonnegative=False,
    blocks=(
        Block(
            "第二十条第（一）项",
            _MADE_2019,
            (
                _r("regulations", "规章", "regulations", "规章", exact=True),
                _r("normative_docs", "规范性文件", "normative documents", "规范性文件"),
            ),
        ),
        Block(
            "第二十条第（五）项",
            _ITEMS_2019,
            (
                _r("licensing", "行政许可", "administrative licensing", "行政许可"),
                _r(
                    "other_services",
                    "其他对外管理服务事项",
                    "other external management services",
                    "其他对外管理服务",
                ),
            ),
        ),
        Block(
            "第二十条第（六）项",
            _ITEMS_2019,
            (
                _r("penalties", "行政处罚", "administrative penalties", "行政处罚"),
                _r("enforcement", "行政强制", "administrative enforcement", "行政强制"),
            ),
        ),
        Block(
            "第二十条第（八）项",
            _ITEMS_2019[:2],
            (_r("fees", "行政事业性收费", "administrative fees", "行政事业性收费"),),
        ),
        Block(
            "第二十条第（九）项",
            (
                _c("projects", "采购项目数量", "procurement projects", "采购项目"),
                _c("amount", "采购总金额", "total procurement amount", "采购总金额", "采购金额"),
            ),
            (_r("procurement", "政府集中采购", "government centralized procurement", "集中采购"),),
        ),
    ),
)

_MADE_2021 = (
    _c("issued", "本年制发件数", "issued this year", "制发"),
    _c("repealed", "本年废止件数", "repealed this year", "废止"),
    _c("in_force", "现行有效件数", "in force", "现行有效"),
)
_DECISIONS_2021 = (_c("decisions", "本年处理决定数量", "decisions this year", "处理决定"),)

PROACTIVE_2021 = TableSpec(
    key="proactive",
    prefix="proactive",
    zh="主动公开政府信息情况",
    en="proactively published information",
    nonnegative=False,
    blocks=(
        Block(
            "第二十条第（一）项",
            _MADE_2021,
            (
                _r("regulations", "规章", "regulations", "规章", exact=True),
                _r("normative_docs", "行政规范性文件", "normative documents", "规范性文件"),
            ),
        ),
        Block(
            "第二十条第（五）项",
            _DECISIONS_2021,
            (_r("licensing", "行政许可", "administrative licensing", "行政许可"),),
        ),
        Block(
            "第二十条第（六）项",
            _DECISIONS_2021,
            (
                _r("penalties", "行政处罚", "administrative penalties", "行政处罚"),
                _r("enforcement", "行政强制", "administrative enforcement", "行政强制"),
            ),
        ),
        Block(
            "第二十条第（八）项",
            (
                _c(
                    "amount",
                    "本年收费金额（单位：万元）",
                    "fees collected this year",
                    "收费金额",
                    unit="万元",
                ),
            ),
            (_r("fees", "行政事业性收费", "administrative fees", "行政事业性收费"),),
        ),
    ),
)

# --- Table 3: 收到和处理政府信息公开申请情况 --------------------------------------------------------

APPLICANT_COLUMNS = (
    _c("natural_person", "自然人", "individuals", "自然人"),
    _c("commercial", "商业企业", "commercial enterprises", "商业企业"),
    _c("research", "科研机构", "research institutions", "科研机构"),
    _c("social_welfare", "社会公益组织", "social welfare organizations", "社会公益组织", "公益组织"),
    _c("legal_service", "法律服务机构", "legal service institutions", "法律服务机构"),
    _c("other_org", "其他", "other organizations", "其他"),
    _c("total", "总计", "total", "总计", "合计"),
)

_HEAD_ROWS = (
    _r(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        "new requests received this year",
        "本年新收",
        short="一",
    ),
    _r(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "requests carried over from last year",
        "上年结转",
        short="二",
    ),
    _r("results.granted", "（一）予以公开", "granted", "予以公开", short="三(一)"),
    _r("results.partially_granted", "（二）部分公开", "partially granted", "部分公开", short="三(二)"),
    _r(
        "results.denied.state_secret",
        "1.属于国家秘密",
        "denied: state secret",
        "国家秘密",
        number="1",
        short="三(三)1",
    ),
    _r(
        "results.denied.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "denied: prohibited by other laws",
        "禁止公开",
        number="2",
        short="三(三)2",
    ),
    _r(
        "results.denied.security_stability",
        "3.危及“三安全一稳定”",
        "denied: endangers security or stability",
        "三安全一稳定",
        "危及",
        number="3",
        short="三(三)3",
    ),
    _r(
        "results.denied.third_party",
        "4.保护第三方合法权益",
        "denied: protects a third party's rights",
        "第三方合法权益",
        number="4",
        short="三(三)4",
    ),
    _r(
        "results.denied.internal_affairs",
        "5.属于三类内部事务信息",
        "denied: internal affairs",
        "内部事务",
        number="5",
        short="三(三)5",
    ),
    _r(
        "results.denied.process_info",
        "6.属于四类过程性信息",
        "denied: process information",
        "过程性信息",
        number="6",
        short="三(三)6",
    ),
    _r(
        "results.denied.enforcement_file",
        "7.属于行政执法案卷",
        "denied: law-enforcement file",
        "行政执法案卷",
        "执法案卷",
        number="7",
        short="三(三)7",
    ),
    _r(
        "results.denied.query_matter",
        "8.属于行政查询事项",
        "denied: administrative query matter",
        "行政查询事项",
        "查询事项",
        number="8",
        short="三(三)8",
    ),
    _r(
        "results.unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        "unavailable: information not held",
        "不掌握",
        number="1",
        short="三(四)1",
    ),
    _r(
        "results.unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        "unavailable: would have to be created",
        "另行制作",
        "没有现成信息",
        number="2",
        short="三(四)2",
    ),
    _r(
        "results.unavailable.unclear",
        "3.补正后申请内容仍不明确",
        "unavailable: still unclear after correction",
        "仍不明确",
        number="3",
        short="三(四)3",
    ),
    _r(
        "results.not_processed.petition",
        "1.信访举报投诉类申请",
        "not processed: petitions and complaints",
        "信访举报投诉",
        "信访举报",
        number="1",
        short="三(五)1",
    ),
    _r(
        "results.not_processed.duplicate",
        "2.重复申请",
        "not processed: duplicate requests",
        "重复申请",
        number="2",
        short="三(五)2",
    ),
    _r(
        "results.not_processed.publication",
        "3.要求提供公开出版物",
        "not processed: asks for publications",
        "公开出版物",
        number="3",
        short="三(五)3",
    ),
    _r(
        "results.not_processed.excessive",
        "4.无正当理由大量反复申请",
        "not processed: excessive repeated requests",
        "大量反复申请",
        "大量反复",
        number="4",
        short="三(五)4",
    ),
    _r(
        "results.not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "not processed: asks to confirm or re-issue information",
        "确认或重新出具",
        "重新出具",
        number="5",
        short="三(五)5",
    ),
)

_TAIL_ROWS = (
    _r("results.total", "（七）总计", "total handled", "总计", short="三(七)", exact=True),
    _r(
        "carried_forward",
        "四、结转下年度继续办理",
        "carried forward to next year",
        "结转下年度",
        "结转下一年",
        short="四",
    ),
)

_OTHER_2019 = (_r("results.other", "（六）其他处理", "other handling", "其他处理", short="三(六)"),)
_OTHER_2021 = (
    _r(
        "results.other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other: applicant did not supplement in time",
        "逾期不补正",
        number="1",
        short="三(六)1",
    ),
    _r(
        "results.other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other: applicant did not pay the fee",
        "收费通知",
        "缴纳费用",
        number="2",
        short="三(六)2",
    ),
    _r("results.other.other", "3.其他", "other: other", "其他", number="3", short="三(六)3", exact=True),
)

# --- Table 4: 政府信息公开行政复议、行政诉讼情况 ---------------------------------------------------

_APPEAL_GROUPS = (
    ("review", "行政复议", "administrative reconsideration", ("行政复议",)),
    ("litigation.direct", "行政诉讼（未经复议直接起诉）", "lawsuits filed directly", ("未经复议",)),
    ("litigation.after_review", "行政诉讼（复议后起诉）", "lawsuits after reconsideration", ("复议后",)),
)
_OUTCOMES = (
    ("upheld", "结果维持", "upheld", ("维持",)),
    ("corrected", "结果纠正", "corrected", ("纠正",)),
    ("other", "其他结果", "other outcome", ("其他",)),
    ("pending", "尚未审结", "pending", ("尚未审结", "未审结")),
    ("total", "总计", "total", ("总计", "合计")),
)
APPEAL_COLUMNS = tuple(
    Column(f"{g}.{o}", f"{gzh}{ozh}", f"{gen}: {oen}", opat, group=g)
    for g, gzh, gen, _ in _APPEAL_GROUPS
    for o, ozh, oen, opat in _OUTCOMES
)
APPEAL_GROUP_PATTERNS = {g: pats for g, _, _, pats in _APPEAL_GROUPS}
APPEAL_GROUP_LABELS = {g: (zh, en) for g, zh, en, _ in _APPEAL_GROUPS}


def _applications(other_rows: tuple[Row, ...]) -> TableSpec:
    rows = _HEAD_ROWS + other_rows + _TAIL_ROWS
    result_rows = [r for r in rows if r.key.startswith("results.") and r.key != "results.total"]
    ids: list[Identity] = []
    for col in APPLICANT_COLUMNS:
        ids.append(
            Identity(
                f"applications.balance.{col.key}",
                (f"applications.new_received.{col.key}", f"applications.carried_over.{col.key}"),
                (f"applications.results.total.{col.key}", f"applications.carried_forward.{col.key}"),
                "一+二",
                "三(七)+四",
                f"{col.zh} column",
            )
        )
        ids.append(
            Identity(
                f"applications.results_sum.{col.key}",
                tuple(f"applications.{r.key}.{col.key}" for r in result_rows),
                (f"applications.results.total.{col.key}",),
                "三(一)…(六)",
                "三(七)",
                f"{col.zh} column",
            )
        )
    for row in rows:
        ids.append(
            Identity(
                f"applications.row_total.{row.key}",
                tuple(f"applications.{row.key}.{c.key}" for c in APPLICANT_COLUMNS[:-1]),
                (f"applications.{row.key}.total",),
                "six applicant columns",
                "总计",
                f"{row.short} row",
            )
        )
    return TableSpec(
        key="applications",
        prefix="applications",
        zh="收到和处理政府信息公开申请情况",
        en="requests for disclosure received and handled",
        blocks=(Block("申请人情况", APPLICANT_COLUMNS, rows),),
        identities=tuple(ids),
    )


def _appeals() -> TableSpec:
    ids = tuple(
        Identity(
            f"{g}.total",
            tuple(f"{g}.{o}" for o, *_ in _OUTCOMES[:-1]),
            (f"{g}.total",),
            "维持+纠正+其他+未审结",
            "总计",
            gzh,
        )
        for g, gzh, _, _ in _APPEAL_GROUPS
    )
    return TableSpec(
        key="appeals",
        prefix="",
        zh="政府信息公开行政复议、行政诉讼情况",
        en="administrative reconsideration and lawsuits",
        blocks=(Block("行政复议 行政诉讼", APPEAL_COLUMNS, (_r("", "", "", "", short="表四"),)),),
        identities=ids,
    )


TEMPLATE_2019 = Template("2019", (PROACTIVE_2019, _applications(_OTHER_2019), _appeals()))
TEMPLATE_2021 = Template("2021", (PROACTIVE_2021, _applications(_OTHER_2021), _appeals()))
TEMPLATES = {t.name: t for t in (TEMPLATE_2019, TEMPLATE_2021)}

# Words only one layout prints: they decide the template when the year alone cannot.
LAYOUT_MARKERS = {
    "2021": (
        "本年制发件数",
        "现行有效件数",
        "本年废止件数",
        "逾期不补正",
        "本年收费金额",
        "本年处理决定数量",
    ),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购总金额"),
}

# The derived fact of the 2021 layout: 三(六) 其他处理 as a whole is the sum of its three sub-rows.
DERIVED_2021 = {
    f"applications.results.other.{c.key}": tuple(f"applications.{r.key}.{c.key}" for r in _OTHER_2021)
    for c in APPLICANT_COLUMNS
}


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """Text as labels are compared: NFKC-like width folding, no whitespace, no quotes. (Remembered: labels and
    cells repeat. A report's whole text goes to squash_text, which keeps nothing.)"""
    return squash_text(text)


def squash_text(text: str) -> str:
    """squash, for a text read once (a report's body): a cache would hold every report read, and make reading
    one again cheaper than reading a new one."""
    for wide, narrow in _FOLD:
        if wide in text:  # str.translate looks each character up in a dict: 25x slower on Chinese text
            text = text.replace(wide, narrow)
    return _UNSPACED.sub("", text)


_UNSPACED = re.compile(r"[\s\u3000\xa0“”\"'‘’「」]")


_FOLD = tuple(zip("（）０１２３４５６７８９．，：；／－＋", "()0123456789.,:;/-+", strict=True))


@cache
def describe(key: str) -> tuple[str, str]:
    """(Chinese, English) description of a canonical key, from the template's own labels."""
    for template in (TEMPLATE_2021, TEMPLATE_2019):
        for table in template.tables:
            for block in table.blocks:
                for row in block.rows:
                    for col in block.columns:
                        if table.cell_key(row, col) == key:
                            return _join(row.zh, col.zh), _join(row.en, col.en)
    if key in DERIVED_2021:
        col = next(c for c in APPLICANT_COLUMNS if key.endswith("." + c.key))
        return f"（六）其他处理 {col.zh}", f"other handling, {col.en}"
    return key, key


def _join(row: str, col: str) -> str:
    return f"{row} {col}".strip()
