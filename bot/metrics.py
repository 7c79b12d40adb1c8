"""The metric dictionary: how citizens name the cells of the standard tables, in Chinese and English.

Its base is the template itself (ingest/template.py): every row and column label and its English
label are terms. On top come the words people use ("申请" for new requests, "企业" for 商业企业,
"lawsuits" for 行政诉讼). A term points at a row (or a family of rows, such as all eight reasons of
不予公开), an applicant column, a table-2 column, or an outcome of table 4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest import template as tpl

from .metric_words import COLUMN_WORDS, NOT_COUNTED, OUTCOME_WORDS, ROW_WORDS, TABLE_WORDS, WEAK

ROW, COLUMN, OUTCOME, TABLE, UNCOUNTED = "row", "column", "outcome", "table", "uncounted"

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
    kind: str  # ROW | COLUMN | OUTCOME | TABLE | UNCOUNTED
    target: str  # row key ("applications.new_received", "review"), column, outcome or table key, or a concept
    weak: bool = False  # a generic word: it names its row only when nothing more specific is named


@cache
def terms() -> tuple[Term, ...]:
    """Every term of the dictionary: the template's labels first, then everyday wording."""
    out: list[Term] = []
    template_rows = [Term(w, ROW, key) for key, words in _template_rows().items() for w in words]
    for key, words in _template_columns().items():
        out += [Term(w, COLUMN, key) for w in words]
    for kind, table in ((ROW, ROW_WORDS), (COLUMN, COLUMN_WORDS), (OUTCOME, OUTCOME_WORDS), (TABLE, TABLE_WORDS),
                        (UNCOUNTED, NOT_COUNTED)):
        out += [Term(w, kind, key) for key, words in table.items() for w in words]
    weak = {_norm(w) for w in WEAK}
    normed = [Term(_norm(t.text), t.kind, t.target, _norm(t.text) in weak) for t in out if t.text]
    # A printed row label that is also a column word ("总计") is read as the column: the row has longer labels.
    columnish = {t.text for t in normed if t.kind in (COLUMN, OUTCOME)}
    labels = [Term(_norm(t.text), ROW, t.target, _norm(t.text) in weak) for t in template_rows
              if _norm(t.text) not in columnish]
    return tuple(dict.fromkeys([*labels, *normed]))


def template_rows():
    """(table, block, row, key) of every row of tables 2 and 3, in both layouts (table 4 has no row keys)."""
    for template in (tpl.TEMPLATE_2019, tpl.TEMPLATE_2021):
        for table in template.tables:
            if table.key != "appeals":
                for block, row in table.rows:
                    yield table, block, row, f"{table.prefix}.{row.key}"


def _template_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for _, _, row, key in template_rows():
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
    """Chinese squashed; English lowercased without hyphens and articles, as questions are read."""
    if _is_chinese(text):
        return tpl.squash(text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<![a-z])'|'(?![a-z])", " ", text.lower())
    return " ".join(w for w in text.split() if w not in ("a", "an", "the"))


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# Plain names of the columns, as a clarify option or an answer's second line names them.
_COLUMN_NAMES = {
    "natural_person": ("自然人", "individuals"), "commercial": ("商业企业", "commercial enterprises"),
    "research": ("科研机构", "research institutions"), "social_welfare": ("社会公益组织", "social welfare organisations"),
    "legal_service": ("法律服务机构", "legal service institutions"), "other_org": ("其他组织", "other organisations"),
    "org": ("法人或其他组织", "legal persons and other organisations"), "total": ("总计", "total"),
    "upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"), "other": ("其他结果", "other outcome"),
    "pending": ("尚未审结", "still pending"),
}


# Rows whose printed label is too short, or names its parts, to stand alone in a clarify option.
_PLAIN_ROWS = {
    "litigation": ("行政诉讼（合计）", "lawsuits (all)"),
    "applications.results.total": ("办理结果总计", "total handled"),
    "applications.results.other.other": ("其他处理（其他情形）", "other handling (other cases)"),
    "applications.results.other.no_correction": ("逾期不补正、不再处理", "applicant did not supplement in time"),
    "applications.results.other.unpaid_fee": ("逾期未缴纳费用、不再处理", "applicant did not pay the fee"),
}


def row_name(row: str, lang: str) -> str:
    """A row as a reader names it: the printed label without its numbering, or the family's name."""
    if row in _PLAIN_ROWS:
        zh, en = _PLAIN_ROWS[row]
        return zh if lang == "zh" else en
    if row in FAMILIES:
        return FAMILIES[row] if lang == "zh" else FAMILIES_EN[row]
    if row in tpl.APPEAL_GROUP_LABELS:
        zh, en = tpl.APPEAL_GROUP_LABELS[row]
        return zh if lang == "zh" else en
    for template in (tpl.TEMPLATE_2021, tpl.TEMPLATE_2019):
        for table in template.tables:
            for _, r in table.rows:
                if f"{table.prefix}.{r.key}" == row:
                    return _unnumbered(r.zh) if lang == "zh" else r.en
    return row


def column_name(row: str, column: str | None, lang: str) -> str:
    """A column as a reader names it; table 2's columns as the block that holds the row prints them."""
    if column is None:
        return ""
    if column in _COLUMN_NAMES and not row.startswith("proactive"):
        zh, en = _COLUMN_NAMES[column]
        return zh if lang == "zh" else en
    for template in (tpl.TEMPLATE_2021, tpl.TEMPLATE_2019):
        for block in template.table("proactive").blocks:
            if any(f"proactive.{r.key}" == row for r in block.rows):
                for c in block.columns:
                    if c.key == column:
                        return c.zh if lang == "zh" else c.en
    return column


def key_label(row: str, column: str | None, lang: str) -> str:
    """"行政复议 尚未审结", "reconsideration, still pending": what a clarify offers; the metric dictionary reads it
    back as the same key."""
    col = column_name(row, column, lang)
    name = row_name(row, lang)
    if not col:
        return name
    return f"{name} {col}" if lang == "zh" else f"{name}, {col}"


def _unnumbered(label: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])\s*", "", label)


def candidates(phrase: str, n: int = 5) -> list[tuple[str, float]]:
    """The fact keys a phrase names, best first, with their scores (for the audit of narrative numbers:
    "予以公开71件" → [("applications.results.granted.total", 4.0), …]). A key ends in its column; a row
    asked without one ends in the row's default column ("total" for tables 3 and 4)."""
    from .understand.metric_hits import find_hits
    from .understand.metric_keys import score_keys

    out = []
    for k in score_keys(find_hits(phrase)):
        key = f"{k.row}.{k.column or _default_column(k.row)}"
        if key not in (c for c, _ in out):
            out.append((key, round(k.score, 3)))
    return out[:n]


def _default_column(row: str) -> str:
    return "total" if not row.startswith("proactive") else {
        "proactive.procurement": "projects", "proactive.fees": "amount"}.get(row, "decisions")


def chinese_label_words(row: str) -> tuple[str, ...]:
    """The dictionary's Chinese words for a row, longest first (a passage that mentions the row uses one)."""
    words = {t.text for t in terms() if t.kind == ROW and t.target == row and not t.text.isascii() and not t.weak}
    return tuple(sorted(words, key=len, reverse=True))
