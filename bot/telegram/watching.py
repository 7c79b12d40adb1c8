"""Watching agencies' report pages from Telegram: /watch for admins, and a scheduled run inside
`xxgk serve` that tells the admins what it added ("新增：X 2025年度报告，新收申请154件，1项检查未通过").

    /watch              the watched pages (and links waiting for a retry)
    /watch add URL      watch a list page
    /watch remove URL   stop watching it
    /watch run          check every page now

The scheduled run uses python-telegram-bot's JobQueue, every XXGK_WATCH_HOURS hours (default 6; 0 turns
it off), first a minute after start. A run that finds another run (or an ingest) busy waits for the
next turn. XXGK_ALLOW_PRIVATE=1 lets it reach pages on private addresses (an intranet site; the tests).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.telegram.handlers import admin_only
from bot.telegram.i18n import lang_of
from bot.watch_text import announcement, result_lines, watch_list_lines

log = logging.getLogger(__name__)
HOURS = 6.0
FIRST_RUN = 60.0  # seconds after start
MAX_MESSAGE = 4000  # characters per message (Telegram's limit is 4096)
USAGE = {
    "zh": "用法：/watch（列表）、/watch add 网址、/watch remove 网址、/watch run（立即检查）",
    "en": "Usage: /watch (the list), /watch add URL, /watch remove URL, /watch run (check now)",
}
RUNNING = {"zh": "正在检查关注的年报栏目……", "en": "Checking the watched report pages…"}


@admin_only
async def watch_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, args = update.effective_message, context.args or []
    lang = lang_of(None, update.effective_user.language_code if update.effective_user else None)
    home = context.bot_data["library"].home
    action = args[0].lower() if args else "list"
    if action == "run" and len(args) == 1:
        await message.reply_text(RUNNING[lang])
        lines = await _checked(lambda: result_lines(run_watch(home, os.environ), lang))
    elif action in ("add", "remove") and len(args) == 2:
        lines = await _checked(lambda: [_change(home, action, args[1], lang)])
    elif action == "list" and len(args) <= 1:
        lines = await _checked(lambda: watch_list_lines(*_overview(home), lang))
    else:
        lines = [USAGE[lang]]
    for text in chunks(lines):
        await message.reply_text(text, do_quote=True)


async def scheduled_run(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue's run: check every page; tell each admin what was added."""
    from index.errors import IndexProblem

    try:
        result = await asyncio.to_thread(run_watch, context.bot_data["library"].home, os.environ)
    except IndexProblem as e:  # another run or ingest is busy, a damaged home: the next turn tries again
        log.warning("scheduled watch run skipped: %s", e)
        return
    lines = announcement(result)
    log.info("scheduled watch run: %d new reports, %d problems", len(result.new), len(result.problems))
    for admin in context.bot_data["admins"]:
        for text in chunks(lines):
            try:
                await context.bot.send_message(admin, text)
            except TelegramError as e:  # an admin who never opened a chat with the bot
                log.info("could not tell admin %s: %s", admin, e)


def schedule(application: Application, environ: Mapping[str, str] = os.environ) -> None:
    """Start the scheduled run, unless XXGK_WATCH_HOURS is 0."""
    hours = float(environ.get("XXGK_WATCH_HOURS", "").strip() or HOURS)
    if hours <= 0:
        return
    if application.job_queue is None:
        log.warning("scheduled watching needs python-telegram-bot[job-queue]; /watch run still works")
        return
    first = float(environ.get("XXGK_WATCH_FIRST", "").strip() or FIRST_RUN)
    # The first run is a one-off job: a date trigger whose time has passed when the scheduler starts (a slow
    # start-up) still fires, once. An interval trigger would silently skip to the next interval instead.
    late_ok = {"misfire_grace_time": None, "coalesce": True}
    application.job_queue.run_once(scheduled_run, when=first, name="watch-first", job_kwargs=late_ok)
    application.job_queue.run_repeating(
        scheduled_run, interval=hours * 3600, first=first + hours * 3600, name="watch", job_kwargs=late_ok
    )


def run_watch(home, environ: Mapping[str, str]):
    from index.download import Policy
    from index.watch import run

    return run(home, policy=Policy(allow_private=environ.get("XXGK_ALLOW_PRIVATE", "") == "1"))


def chunks(lines: list[str]) -> list[str]:
    """Lines joined into messages under Telegram's length limit (a line longer than that is cut)."""
    out, current = [], ""
    for line in (x[:MAX_MESSAGE] for x in lines):
        if current and len(current) + 1 + len(line) > MAX_MESSAGE:
            out.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    return [*out, current] if current else out


async def _checked(fn) -> list[str]:
    """fn's lines, run off the event loop; a problem the admin can act on is its one line."""
    from index.download import DownloadRefused
    from index.errors import IndexProblem

    try:
        return await asyncio.to_thread(fn)
    except (IndexProblem, DownloadRefused) as e:
        return [str(e)]


def _change(home, action: str, url: str, lang: str) -> str:
    from index.watch import add_page, remove_page

    if action == "add":
        done = add_page(home, url)
        return (
            (f"已关注 {url}；/watch run 立即检查" if done else f"已在关注 {url}")
            if lang == "zh"
            else (f"watching {url}; /watch run checks it now" if done else f"already watching {url}")
        )
    done = remove_page(home, url)
    return (
        (f"已取消关注 {url}（已收录的报告保留）" if done else f"未关注 {url}")
        if lang == "zh"
        else (f"no longer watching {url} (its reports stay in the index)" if done else f"not watched: {url}")
    )


def _overview(home):
    from index.watch import overview

    return overview(home)
