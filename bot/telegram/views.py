"""What each screen of the bot says, as Telegram HTML, with its inline keyboard. Report text is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import groupby
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram.commands import help_lines
from bot.telegram.i18n import t

AGENCIES_PER_PAGE = 12
UPLOAD_SUFFIXES = (".html", ".htm", ".txt", ".md")
UPLOAD_LIMIT = 20 * 2**20  # the Bot API's getFile limit

EXAMPLES = (
    "平潭2023年新收政府信息公开申请多少件？",
    "How many administrative licensing decisions did Pingtan report for 2022?",
    "盘锦市营商局2020年收到多少政府信息公开申请？",
)


def start_text(stats: dict, lang: str) -> str:
    years = stats.get("years") or ()
    years_text = f"{min(years)}–{max(years)}" if years else "—"
    examples = "\n".join(f"• <code>{escape(q)}</code>" for q in EXAMPLES)
    return t("start", lang, reports=_count(stats.get("reports")), agencies=_count(stats.get("agencies")),
             years=years_text, examples=examples)


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
        return t("bad_extension", lang, name=escape(name))
    if size and size > UPLOAD_LIMIT:
        return t("too_big", lang, size=_mb(size), limit=_mb(UPLOAD_LIMIT))
    return None


def ingest_html(result: Any, name: str, lang: str) -> str:
    """The reply to an upload: agency, year, facts, ambiguous cells and failed checks, or why it failed."""
    reports = list(getattr(result, "reports", ()) or ())
    errors = list(getattr(result, "errors", ()) or ())
    if not reports:
        reason = "; ".join(_reason(e) for e in errors) or "?"
        return t("ingest_failed", lang, name=escape(name), reason=escape(reason))
    return "\n\n".join(_ingested(r, lang) for r in reports)


def _ingested(r: Any, lang: str) -> str:
    ambiguous = _listing(getattr(r, "ambiguous", ()), lang)
    failed = _listing(getattr(r, "failed_checks", ()), lang)
    status = str(getattr(r, "status", "") or "")
    note = t("ingest_replaced", lang) if status == "replaced" else (
        t("ingest_unchanged", lang) if status == "unchanged" else "")
    return t("ingest_ok", lang, agency=escape(str(r.agency)), year=r.year if r.year is not None else "?",
             facts=_count(getattr(r, "facts", 0)), ambiguous=ambiguous, failed=failed, note=note)


def _listing(items: Any, lang: str) -> str:
    items = list(items or ())
    if not items:
        return t("none", lang)
    shown = "".join(f"\n  • {escape(str(i))}" for i in items[:10])
    return f"{len(items)}{shown}" + ("\n  • …" if len(items) > 10 else "")


def _reason(error: Any) -> str:
    return str(getattr(error, "reason", None) or (error[-1] if isinstance(error, tuple) else error))


def reindex_html(result: Any, seconds: float, lang: str) -> str:
    reports = getattr(result, "reports", None)
    summary = (f"{len(reports)} " + ("份报告" if lang == "zh" else "reports")) if reports is not None else str(result)
    return t("reindex_done", lang, summary=escape(summary), seconds=seconds)


def stats_html(stats: dict, lang: str) -> str:
    lines = "\n".join(f"{escape(str(k))}: <b>{escape(_value(v))}</b>" for k, v in stats.items())
    return t("stats", lang, lines=lines)


def audit_html(reports: Sequence[Any], lang: str) -> str:
    bad = [r for r in reports if r.failed_checks]
    if not bad:
        return t("audit_none", lang)
    blocks = [f"<b>{escape(r.agency)}</b> {r.year or ''}\n" + "\n".join(f"  • {escape(d)}" for d in r.failed_checks)
              for r in bad]
    return t("audit_title", lang) + "\n\n" + "\n\n".join(blocks)


def _count(v: Any) -> str:
    return str(len(v)) if isinstance(v, (list, tuple, set)) else str(v if v is not None else 0)


def _value(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"
