"""The metric dictionary: how citizens name the cells of the standard tables, in Chinese and English.

Its base is the template itself (ingest/template.py): every row and column label and its English
label are terms. On top come the words people use ("申请" for new requests, "企业" for 商业企业,
"lawsuits" for 行政诉讼). A term points at a row (or a family of rows, such as all eight reasons of
不予公开), an applicant column, a table-2 column, or an outcome of table 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ingest import template as tpl

ROW, COLUMN, OUTCOME = "row", "column", "outcome"

# Rows that stand for the sum of their sub-rows (no such row is printed in the table).
FAMILIES = {
    "applications.results.denied": "不予公开（8项理由合计）",
    "applications.results.unavailable": "无法提供（3项合计）",
    "applications.results.not_processed": "不予处理（5项合计）",
    "litigation": "行政诉讼（未经复议直接起诉 + 复议后起诉）",
}
FAMILIES_EN = {
    "applications.results.denied": "refused (all eight reasons)",
    "applications.results.unavailable": "could not be provided (all three reasons)",
    "applications.results.not_processed": "not processed (all five reasons)",
    "litigation": "lawsuits (filed directly + after reconsideration)",
}
ORG_COLUMNS = ("commercial", "research", "social_welfare", "legal_service", "other_org")


@dataclass(frozen=True)
class Term:
    text: str  # Chinese as written (squashed) or English, lowercase
    kind: str  # ROW | COLUMN | OUTCOME
    target: str  # row key ("applications.new_received", "review"), column key or outcome key


# Everyday wording beyond the template's labels. Chinese first, then English.
_ROW_WORDS: dict[str, tuple[str, ...]] = {
    "applications.new_received": (
        "本年新收", "新收", "收到", "收了", "受理", "提出", "申请数量", "申请总数", "申请量", "依申请公开",
        "new requests", "newly received", "received", "receive", "get", "got", "filed", "submitted"),
    "applications.carried_over": (
        "上年结转", "上年度结转", "上一年结转", "结转过来", "从上年结转",
        "carried over", "carried-over", "carryover", "brought forward", "left over from", "carry over from",
        "carried over from",
        "from last year", "from the previous year"),
    "applications.carried_forward": (
        "结转下年度", "结转下一年", "结转到下一年", "结转至下年", "结转到下年", "下年度继续办理", "继续办理",
        "结转到", "结转至",
        "carried forward", "carry forward", "carried over to next year", "carried over into next year",
        "carried into next year", "still being processed", "to the next year", "into the next year",
        "to next year", "还没办完", "没办完", "未办结", "尚未办结", "still pending at year end",
        "pending at year end", "pending at the end of the year", "unfinished at year end",
        "carry over into", "carried over into", "carry into", "carry forward into", "carried forward into"),
    "applications.results.granted": (
        "予以公开", "同意公开", "全部公开",
        "granted", "fully granted", "granted in full", "disclosed in full", "fully disclosed", "approved",
        "in full"),
    "applications.results.partially_granted": (
        "部分公开", "区分处理",
        "partially granted", "partly granted", "partially disclosed", "partial disclosure", "partially",
        "in part", "partly"),
    "applications.results.denied": (
        "不予公开", "拒绝公开", "不公开",
        "refused", "denied", "rejected", "withheld", "refusal", "refusals", "not disclosed"),
    "applications.results.denied.state_secret": ("国家秘密", "涉密", "state secret", "state secrets", "classified"),
    "applications.results.denied.prohibited_by_law": (
        "法律行政法规禁止", "禁止公开", "prohibited by law", "forbidden by law", "prohibited by other laws"),
    "applications.results.denied.security_stability": (
        "三安全一稳定", "危及安全", "国家安全", "社会稳定", "security or stability", "security and stability",
        "endanger security", "three securities"),
    "applications.results.denied.third_party": ("第三方", "third party", "third-party", "third parties"),
    "applications.results.denied.internal_affairs": ("内部事务", "internal affairs", "internal matters"),
    "applications.results.denied.process_info": (
        "过程性信息", "process information", "deliberative", "process info"),
    "applications.results.denied.enforcement_file": (
        "行政执法案卷", "执法案卷", "enforcement file", "enforcement files", "law-enforcement file",
        "law enforcement file", "case files"),
    "applications.results.denied.query_matter": (
        "行政查询事项", "查询事项", "query matter", "query matters", "administrative query", "inquiry matters"),
    "applications.results.unavailable": (
        "无法提供", "不能提供", "could not be provided", "unable to provide", "could not provide",
        "unavailable", "not available", "cannot be provided"),
    "applications.results.unavailable.not_held": (
        "不掌握", "没有该信息", "信息不存在", "not held", "does not hold", "did not hold", "doesn't have",
        "did not have", "not in possession", "does not have the information"),
    "applications.results.unavailable.needs_creation": (
        "另行制作", "没有现成信息", "需要制作", "would have to be created", "need to be created",
        "needs creation", "no ready-made", "have to be made"),
    "applications.results.unavailable.unclear": (
        "仍不明确", "不明确", "unclear", "still unclear", "not clear", "remained unclear"),
    "applications.results.not_processed": (
        "不予处理", "未予处理", "not processed", "not handled", "declined to process", "did not process",
        "were not dealt with"),
    "applications.results.not_processed.petition": (
        "信访举报投诉", "信访", "举报", "投诉", "petition", "petitions", "complaint", "complaints"),
    "applications.results.not_processed.duplicate": (
        "重复申请", "重复", "duplicate", "duplicates", "duplicated", "repeat request", "repeat requests"),
    "applications.results.not_processed.publication": (
        "公开出版物", "出版物", "publication", "publications", "published materials"),
    "applications.results.not_processed.excessive": (
        "大量反复申请", "大量反复", "excessive", "vexatious", "large numbers of repeated", "mass requests"),
    "applications.results.not_processed.confirmation": (
        "确认或重新出具", "重新出具", "confirm", "re-issue", "reissue", "confirmation"),
    "applications.results.other": ("其他处理", "other handling", "otherwise handled", "handled otherwise"),
    "applications.results.other.no_correction": (
        "逾期不补正", "不补正", "未补正", "没有补正", "did not supplement", "not supplement", "failed to supplement",
        "did not correct", "not corrected", "not supplemented", "without supplementing", "no correction"),
    "applications.results.other.unpaid_fee": (
        "收费通知", "缴纳费用", "未缴费", "不缴费", "未缴纳", "did not pay", "unpaid", "pay the fee",
        "not pay the fee", "fee notice", "failed to pay"),
    "applications.results.total": (
        "办理结果总计", "办理结果", "办结", "处理了", "答复", "办理了",
        "handled", "processed", "responded", "dealt with", "total handled", "answered", "resolved"),
    "review": (
        "行政复议", "复议", "administrative reconsideration", "reconsideration", "reconsiderations",
        "administrative review", "administrative reviews", "appeal", "appeals", "appealed"),
    "litigation": (
        "行政诉讼", "诉讼", "起诉", "官司", "lawsuit", "lawsuits", "litigation", "sued", "court case",
        "court cases", "legal action", "legal actions"),
    "litigation.direct": (
        "未经复议直接起诉", "直接起诉", "未经复议", "directly", "filed directly", "without reconsideration",
        "direct lawsuits", "sued directly"),
    "litigation.after_review": (
        "复议后起诉", "复议后", "after reconsideration", "after review", "following reconsideration",
        "after an appeal"),
    "proactive.regulations": ("规章", "regulations", "rules and regulations", "government rules"),
    "proactive.normative_docs": (
        "规范性文件", "行政规范性文件", "规范文件", "normative documents", "normative docs",
        "regulatory documents", "normative document"),
    "proactive.licensing": (
        "行政许可", "许可", "licensing", "licenses", "licences", "license", "licence", "permits", "permit"),
    "proactive.other_services": (
        "其他对外管理服务事项", "对外管理服务", "other external management services", "management services",
        "external services"),
    "proactive.penalties": ("行政处罚", "处罚", "penalties", "penalty", "fines", "sanctions", "punishments"),
    "proactive.enforcement": (
        "行政强制", "强制措施", "administrative enforcement", "enforcement", "coercive measures",
        "compulsory measures"),
    "proactive.fees": (
        "行政事业性收费", "收费", "收费项目", "fees", "fee", "charges", "administrative fees", "fee items"),
    "proactive.procurement": (
        "政府集中采购", "集中采购", "采购", "procurement", "purchasing", "government purchases"),
}

_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "natural_person": ("自然人", "个人", "公民", "individual", "individuals", "natural person",
                       "natural persons", "citizens", "private persons", "private individuals"),
    "commercial": ("商业企业", "企业", "公司", "company", "companies", "business", "businesses", "enterprise",
                   "enterprises", "commercial", "firms", "corporations"),
    "research": ("科研机构", "科研", "research institution", "research institutions", "research institutes",
                 "research"),
    "social_welfare": ("社会公益组织", "公益组织", "公益", "social welfare", "public welfare", "ngo", "ngos",
                       "non-profit", "nonprofit", "charities", "charity"),
    "legal_service": ("法律服务机构", "律师事务所", "律所", "律师", "legal service", "legal services", "law firm",
                      "law firms", "lawyers"),
    "other_org": ("其他组织", "其他法人或组织", "其他法人", "其他机构", "other organizations",
                  "other organisations", "other organization", "other organisation", "other entities"),
    "org": ("法人或其他组织", "法人", "legal persons", "organizations", "organisations", "legal entities"),
    "total": ("总计", "合计", "一共", "总共", "共计", "total", "in total", "altogether", "overall"),
    # Table 2 columns (both layouts).
    "new_made": ("本年新制作", "新制作", "制作", "newly made", "newly drafted", "made this year"),
    "new_published": ("本年新公开", "新公开", "newly published", "published this year"),
    "total_published": ("对外公开总数量", "公开总数", "总数量", "total published", "published in total",
                        "total number published"),
    "issued": ("本年制发", "制发", "出台", "新发布", "issued", "newly issued"),
    "repealed": ("废止", "repealed", "abolished", "revoked"),
    "in_force": ("现行有效", "有效", "in force", "currently valid", "currently in force", "valid", "in effect"),
    "prev_items": ("上一年项目数量", "上一年项目", "上年项目", "previous year's items", "items the previous year",
                   "items in the previous year", "last year's items"),
    "change": ("本年增/减", "增/减", "增减", "增（减）", "增(减)", "net change", "increase or decrease",
               "change in items", "change this year"),
    "decisions": ("处理决定", "决定", "decisions", "decision", "decided"),
    "amount": ("金额", "收费金额", "采购金额", "采购总金额", "多少钱", "万元", "amount", "how much money", "yuan",
               "sum of money", "spent"),
    "projects": ("采购项目", "项目数", "projects", "purchase projects", "procurement projects"),
}

_OUTCOME_WORDS: dict[str, tuple[str, ...]] = {
    "upheld": ("结果维持", "维持", "upheld", "maintained", "affirmed", "sustained"),
    "corrected": ("结果纠正", "纠正", "corrected", "overturned", "reversed", "correction"),
    "other": ("其他结果", "other outcome", "other outcomes", "other result", "other results"),
    "pending": ("尚未审结", "未审结", "未结", "pending", "not yet concluded", "unresolved", "ongoing",
                "undecided", "still open", "not concluded"),
    "total": ("总计", "合计", "一共", "总共", "total", "in total", "altogether"),
}


@cache
def terms() -> tuple[Term, ...]:
    """Every term of the dictionary: the template's labels first, then everyday wording."""
    out: list[Term] = []
    for key, words in _template_rows().items():
        out += [Term(w, ROW, key) for w in words]
    for key, words in _template_columns().items():
        out += [Term(w, COLUMN, key) for w in words]
    for key, words in _ROW_WORDS.items():
        out += [Term(w, ROW, key) for w in words]
    for key, words in _COLUMN_WORDS.items():
        out += [Term(w, COLUMN, key) for w in words]
    for key, words in _OUTCOME_WORDS.items():
        out += [Term(w, OUTCOME, key) for w in words]
    normed = [Term(_norm(t.text), t.kind, t.target) for t in out if t.text]
    # A word naming both a row and a column ("总计") is read as the column: the row has longer labels.
    columnish = {t.text for t in normed if t.kind != ROW}
    return tuple(dict.fromkeys(t for t in normed if t.kind != ROW or t.text not in columnish))


def _template_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for template in (tpl.TEMPLATE_2019, tpl.TEMPLATE_2021):
        for table in template.tables:
            if table.key == "appeals":
                continue
            for _, row in table.rows:
                key = f"{table.prefix}.{row.key}"
                words = rows.setdefault(key, [])
                words += [p for p in row.patterns if len(tpl.squash(p)) >= 2 and not (row.exact and p == "其他")]
                english = row.en.split(": ")[-1]
                if english not in ("other", "total"):  # too short to name a row by itself
                    words.append(english)
    for group, (zh, en) in tpl.APPEAL_GROUP_LABELS.items():
        rows.setdefault(group, []).extend([zh, en])
    return rows


def _template_columns() -> dict[str, list[str]]:
    cols: dict[str, list[str]] = {}
    for template in (tpl.TEMPLATE_2019, tpl.TEMPLATE_2021):
        for table in template.tables:
            if table.key == "appeals":
                continue
            for block in table.blocks:
                for col in block.columns:
                    if col.key in ("other_org", "total"):
                        continue  # "其他" / "总计" alone are too short to mean a column by themselves
                    cols.setdefault(col.key, []).extend([col.zh, *col.patterns, col.en])
    return cols


def _norm(text: str) -> str:
    return tpl.squash(text) if _is_chinese(text) else text.lower().strip()


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def describe(key: str, lang: str) -> str:
    """A key as a reader names it, from the template's labels ("一、本年新收政府信息公开申请数量 总计")."""
    for family, label in FAMILIES.items():
        if key == family or key.startswith(family + "."):
            column = key[len(family) + 1:]
            zh, en = label, FAMILIES_EN[family]
            if column:
                czh, cen = tpl.describe(f"applications.new_received.{column}")
                zh, en = f"{label} {czh.split(' ')[-1]}", f"{en}, {cen.split(', ')[-1].split(' ', 3)[-1]}"
            return zh if lang == "zh" else en
    zh, en = tpl.describe(key)
    return zh if lang == "zh" else en
