"""What each screen of the bot says, as Telegram HTML, with its inline keyboard. Report text is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from itertools import groupby
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram import i18n
from bot.telegram.commands import help_lines
from bot.telegram.i18n import t
from ingest.reading import SUFFIXES

AGENCIES_PER_PAGE = 12
UPLOAD_SUFFIXES = SUFFIXES  # every form the parser reads: pages, text, PDF, Word
UPLOAD_LIMIT = 20 * 2**20  # the Bot API's getFile limit

EXAMPLES = (  # (Chinese, English): each pair is answered from the bundled sample reports; a fact, a trend
    ("平潭2023年新收政府信息公开申请多少件？", "How many disclosure requests did Pingtan receive in 2023?"),
    ("平潭历年行政许可决定数量", "How did Pingtan's administrative licensing decisions change over the years?"),
    ("平潭2025年关停了几个政府网站？", "How many government websites did Pingtan shut down in 2025?"),
)


def start_text(about: dict, lang: str) -> str:
    """`about`: the index's stats with "years" the list of years it covers."""
    years = about.get("years") or ()
    years_text = f"{min(years)}–{max(years)}" if years else "—"
    return t("start", lang, reports=about.get("reports", 0), agencies=about.get("agencies", 0), years=years_text)


def example_buttons(lang: str) -> InlineKeyboardMarkup:
    """The example questions in the user's language, one button each: tapping one asks it."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(example_question(i, lang), callback_data=f"x:{i}:{lang}")]
                                 for i in range(len(EXAMPLES))])


def example_question(i: int, lang: str) -> str | None:
    if not 0 <= i < len(EXAMPLES):
        return None
    zh, en = EXAMPLES[i]
    return zh if lang == "zh" else en


def help_text(lang: str, *, admin: bool) -> str:
    text = t("help", lang, commands=help_lines(lang, admin=False))
    return text + (t("help_admin", lang, commands=help_lines(lang, admin=True)) if admin else "")


def agencies_page(agencies: Sequence[Any], page: int, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of the indexed agencies, grouped by region, with ◀ ▶ buttons."""
    if not agencies:
        return t("agencies_empty", lang), None
    ordered = sorted(agencies, key=lambda a: (a.region, a.department, a.name))
    pages = (len(ordered) + AGENCIES_PER_PAGE - 1) // AGENCIES_PER_PAGE
    page = max(0, min(page, pages - 1))
    shown = ordered[page * AGENCIES_PER_PAGE:(page + 1) * AGENCIES_PER_PAGE]
    lines = [f"<b>{t('agencies_title', lang, page=page + 1, pages=pages)}</b>"]
    for region, group in groupby(shown, key=lambda a: a.region):
        lines.append(f"\n<b>{escape(region or '—')}</b>")
        lines += [f"• {escape(a.name)}" + _aliases(a) for a in group]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(t("prev", lang), callback_data=f"a:{page - 1}:{lang}"))
    if page < pages - 1:
        nav.append(InlineKeyboardButton(t("next", lang), callback_data=f"a:{page + 1}:{lang}"))
    return "\n".join(lines), InlineKeyboardMarkup([nav]) if nav else None


def _aliases(agency: Any) -> str:
    aliases = [a for a in getattr(agency, "aliases", ()) if a != agency.name][:3]
    return f" <i>({escape('、'.join(aliases))})</i>" if aliases else ""


def upload_problem(name: str, size: int | None, lang: str) -> str | None:
    """Why an uploaded document cannot be ingested, or None."""
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return t("bad_extension", lang, name=escape(name), kinds="、".join(UPLOAD_SUFFIXES) if lang == "zh"
                 else ", ".join(UPLOAD_SUFFIXES))
    if size and size > UPLOAD_LIMIT:
        return t("too_big", lang, size=_mb(size), limit=_mb(UPLOAD_LIMIT))
    return None


def ingest_html(result: Any, name: str, lang: str) -> str:
    """The reply to an upload: per report its agency, year, facts, ambiguous cells and failed checks,
    or why it was not added (and then nothing in the index changed)."""
    return "\n\n".join(_outcome(o, name, lang) for o in result.outcomes) or t("ingest_failed", lang,
                                                                            name=escape(name), reason="?")


def _outcome(o: Any, name: str, lang: str) -> str:
    # Not the upload's temporary path; in the admin's language where the reason is a known one.
    reason = escape(i18n.reason(_unpathed(o.reason.replace(o.source, name)), lang)) if o.reason else "?"
    if o.status == "failed":
        return t("ingest_failed", lang, name=escape(name), reason=reason)
    year = o.year if o.year is not None else "?"
    if o.status in ("unchanged", "skipped", "kept"):
        return t("ingest_unchanged", lang, agency=escape(o.agency or "?"), year=year, reason=reason)
    why = f"; {reason}" if o.reason else ""  # which copy serves and why (index.copies)
    note = t("ingest_replaced", lang, old=escape(_unpathed(o.replaced)) + why) if o.status == "replaced" else ""
    audit = t("see_audit", lang) if o.failed_checks else ""
    return t("ingest_ok", lang, agency=escape(o.agency or "?"), year=year, facts=o.facts, ambiguous=o.ambiguous,
             failed=f"{o.failed_checks}{audit}", chunks=o.chunks, note=note)


def _unpathed(text: str) -> str:
    """Another upload's file as the admin named it, without the temporary folder it was read from."""
    return re.sub(r"\S*/xxgk-upload-[^/\s]*/", "", text)


def reindex_html(result: Any, seconds: float, lang: str) -> str:
    failed = [o for o in result.outcomes if o.status in ("failed", "kept")]
    text = t("reindex_done", lang, reports=len(result.outcomes) - len(failed), chunks=result.chunks,
             model=escape(result.model), seconds=seconds)
    return text + "".join(f"\n⚠️ {escape(o.source)}: {escape(i18n.reason(o.reason, lang))}" for o in failed)


STAT_LABELS = {  # key of Index.stats() -> (zh, en); other keys are shown as they are named
    "reports": ("报告", "reports"), "agencies": ("机关", "agencies"), "years": ("年份数", "years"),
    "facts": ("确定的数据", "facts"), "ambiguous": ("无法确定的单元格", "ambiguous cells"),
    "chunks": ("段落", "passages"), "index_bytes": ("索引大小", "index size"), "model": ("嵌入模型", "model"),
}


def stats_html(stats: dict, lang: str) -> str:
    def line(key: str, value: Any) -> str:
        label = STAT_LABELS.get(key, (key, key))[0 if lang == "zh" else 1]
        shown = _mb(value) if key == "index_bytes" else _value(value)
        return f"{escape(label)}: <b>{escape(shown)}</b>"

    first = [k for k in STAT_LABELS if k in stats]
    return t("stats", lang, lines="\n".join(line(k, stats[k]) for k in first + [k for k in stats if k not in first]))


AUDIT_PER_PAGE = 5


def audit_page(findings: Sequence[Any], page: int, lang: str) -> tuple[str, list[Any], int]:
    """One page of the audit's findings (bot.audit.Finding): each numbered, with its report, severity and
    what is wrong; the findings shown (for their source buttons) and the page shown."""
    if not findings:
        return t("audit_none", lang), [], 0
    pages = (len(findings) + AUDIT_PER_PAGE - 1) // AUDIT_PER_PAGE
    page = max(0, min(page, pages - 1))
    shown = list(findings[page * AUDIT_PER_PAGE:(page + 1) * AUDIT_PER_PAGE])
    blocks = [f"{page * AUDIT_PER_PAGE + i}. <b>{escape(f.agency)}</b> {f.year or ''} · "
              f"{'⚠️' if f.severity == 'contradiction' else '❔'} <i>{escape(_rule_title(f.rule, lang))}</i>\n"
              f"{escape(f.text(lang))}" for i, f in enumerate(shown, 1)]
    head = t("audit_title", lang, page=page + 1, pages=pages, n=len(findings))
    return head + "\n\n" + "\n\n".join(blocks), shown, page


def audit_keyboard(source_ids: list[str], query_id: str, page: int, total: int, lang: str) -> InlineKeyboardMarkup:
    """A source button per finding shown (numbered as in the text), then ◀ ▶ between pages."""
    first = page * AUDIT_PER_PAGE + 1
    rows = [[InlineKeyboardButton(t("audit_source", lang, n=first + i), callback_data=f"s:{sid}")
             for i, sid in enumerate(source_ids)]]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(t("prev", lang), callback_data=f"u:{query_id}:{page - 1}"))
    if first + len(source_ids) <= total:
        nav.append(InlineKeyboardButton(t("next", lang), callback_data=f"u:{query_id}:{page + 1}"))
    return InlineKeyboardMarkup(rows + ([nav] if nav else []))


def _rule_title(rule: str, lang: str) -> str:
    from bot.audit import RULES

    return RULES[rule].title(lang) if rule in RULES else rule


def _value(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"
