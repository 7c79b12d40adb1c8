"""The handlers: each reads the update, calls one function of the Library, renders, replies."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from html import escape
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.telegram import html, views
from bot.telegram.i18n import STRINGS, lang_of, t
from bot.telegram.memory import ButtonMemory
from bot.telegram.service import Busy, Library, TooSlow
from bot.types import Answer

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]


# -- for everyone ---------------------------------------------------------------------------------
async def start(update: Update, context: Context) -> None:
    about = await _library(context).about()
    await update.effective_message.reply_html(views.start_text(about, _lang(update)))


async def help_command(update: Update, context: Context) -> None:
    await update.effective_message.reply_html(views.help_text(_lang(update), admin=_is_admin(update, context)))


async def agencies(update: Update, context: Context) -> None:
    text, markup = views.agencies_page(await _library(context).agencies(), 0, _lang(update))
    await update.effective_message.reply_html(text, reply_markup=markup)


async def agencies_page(update: Update, context: Context) -> None:
    query = update.callback_query
    _, page, lang = query.data.split(":")
    text, markup = views.agencies_page(await _library(context).agencies(), int(page), lang)
    await query.answer()
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def question(update: Update, context: Context) -> None:
    message = update.effective_message
    text = message.text.replace(f"@{context.bot.username}", " ").strip()  # "@bot question" in a group
    try:
        async with typing(context, message.chat_id):
            answer = await _library(context).ask(text)
    except TooSlow:
        await message.reply_text(t("too_slow", _lang(update)), do_quote=True)
        return
    await _reply_answer(message, context, answer)


async def choose(update: Update, context: Context) -> None:
    """A clarify option was pressed: answer the pending question with that choice. The buttons stay,
    so the other options can be pressed too."""
    query = update.callback_query
    _, pid, i = query.data.split(":")
    pending = _memory(context).recall(query.message.chat_id, pid)
    if pending is None:
        await query.answer(t("choice_gone", lang_of(None, query.from_user.language_code)), show_alert=True)
        return
    original, options, lang = pending
    await query.answer(t("chosen", lang, option=options[int(i)])[:200])
    try:
        async with typing(context, query.message.chat_id):
            answer = await _library(context).ask_with_choice(original, options[int(i)])
    except TooSlow:
        await query.message.reply_text(t("too_slow", lang))
        return
    await _reply_answer(query.message, context, answer)


async def show_source(update: Update, context: Context) -> None:
    query = update.callback_query
    entry = _memory(context).recall(query.message.chat_id, query.data.split(":")[1])
    if entry is None:
        await query.answer(t("source_gone", lang_of(None, query.from_user.language_code)), show_alert=True)
        return
    sources, lang = entry
    await query.answer()
    for part in html.split_html(html.sources_html(sources, lang)):
        await query.message.reply_html(part, do_quote=True)


async def not_text(update: Update, context: Context) -> None:
    await update.effective_message.reply_text(t("not_text", _lang(update)))


# -- for admins -----------------------------------------------------------------------------------
def admin_only(handler: Handler) -> Handler:
    """Runs `handler` for the admins in XXGK_ADMIN_IDS; everyone else gets a polite refusal."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        if _is_admin(update, context):
            await handler(update, context)
        else:
            await update.effective_message.reply_text(t("admin_only", _lang(update)))

    return guarded


@admin_only
async def upload(update: Update, context: Context) -> None:
    message, lang = update.effective_message, _lang(update)
    name = message.document.file_name or "report"
    problem = views.upload_problem(name, message.document.file_size, lang)
    if problem:
        await message.reply_html(problem, do_quote=True)
        return
    title = t("ingesting", lang, name=escape(name))
    status = await message.reply_html(title, do_quote=True)
    with tempfile.TemporaryDirectory(prefix="xxgk-upload-") as tmp:
        path = Path(tmp) / _safe_name(name)
        await (await message.document.get_file()).download_to_drive(path)
        async with ProgressMessage(status, title, lang) as progress:
            text = await _admin_job(lambda: _library(context).ingest(path, progress.update),
                                    lambda result: views.ingest_html(result, name, lang),
                                    lambda reason: t("ingest_failed", lang, name=escape(name), reason=reason), lang)
    await status.edit_text(text, parse_mode=ParseMode.HTML)


@admin_only
async def reindex(update: Update, context: Context) -> None:
    lang = _lang(update)
    status = await update.effective_message.reply_html(t("reindex_start", lang))
    started = time.monotonic()
    async with ProgressMessage(status, t("reindex_start", lang), lang) as progress:
        text = await _admin_job(lambda: _library(context).reindex(progress.update),
                                lambda result: views.reindex_html(result, time.monotonic() - started, lang),
                                lambda reason: t("reindex_failed", lang, reason=reason), lang)
    await status.edit_text(text, parse_mode=ParseMode.HTML)


@admin_only
async def stats(update: Update, context: Context) -> None:
    await update.effective_message.reply_html(views.stats_html(await _library(context).stats(), _lang(update)))


@admin_only
async def audit(update: Update, context: Context) -> None:
    text = views.audit_html(await _library(context).reports(), _lang(update))
    for part in html.split_html(text):
        await update.effective_message.reply_html(part)


async def on_error(update: object, context: Context) -> None:
    """The one error handler: log, tell the user in their language, keep running."""
    log.error("error while handling %s", update, exc_info=context.error)
    if not isinstance(update, Update) or not update.effective_chat:
        return
    with contextlib.suppress(TelegramError):
        if update.callback_query:  # stops the button's spinner
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, t("error", _lang(update)))


# -- helpers --------------------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def typing(context: Context, chat_id: int) -> AsyncIterator[None]:
    """Shows "typing…" while the block runs (repeated: Telegram clears it after 5 s). On exit it waits for
    a chat action still on its way, so "typing…" never arrives after the answer."""
    done = asyncio.Event()

    async def keep_typing() -> None:
        while not done.is_set():
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(done.wait(), 4.5)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        done.set()
        await task


class ProgressMessage:
    """One message edited as a long job advances: at most once a second, and only when it changed. On exit
    it lets an edit on its way finish, so a late progress edit never overwrites the summary."""

    def __init__(self, message: Message, title: str, lang: str, interval: float = 1.0):
        self.message, self.title, self.lang, self.interval = message, title, lang, interval
        self._latest: Any = None
        self._done = asyncio.Event()
        self._task: asyncio.Task | None = None

    def update(self, progress: Any) -> None:
        """Called from the job's thread with an index.build.Progress; only records it (atomic swap)."""
        self._latest = progress

    async def _tick(self) -> None:
        shown = None
        while not self._done.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._done.wait(), self.interval)
            p = self._latest
            if p is not None and p != shown and not self._done.is_set():
                shown = p
                text = t("progress", self.lang, title=self.title, stage=stage_label(p.stage, self.lang),
                         done=p.done, total=p.total, item=escape(p.item))
                with contextlib.suppress(TelegramError):
                    await self.message.edit_text(text, parse_mode=ParseMode.HTML)

    async def __aenter__(self) -> ProgressMessage:
        self._task = asyncio.create_task(self._tick())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._done.set()
        if self._task:
            await self._task


async def _admin_job(job: Callable[[], Awaitable[Any]], render: Callable[[Any], str],
                     failed: Callable[[str], str], lang: str) -> str:
    """Runs an ingest or re-index; a job that fails is reported in place, with nothing changed."""
    try:
        return render(await job())
    except Busy:
        return t("busy", lang)
    except Exception as e:
        log.exception("admin job failed")
        return failed(escape(str(e) or type(e).__name__))


async def _reply_answer(message: Message, context: Context, answer: Answer) -> None:
    parts = html.split_html(html.answer_html(answer))
    markup = _answer_keyboard(context, message.chat_id, answer)
    for i, part in enumerate(parts):
        await message.reply_html(part, do_quote=i == 0, reply_markup=markup if i == len(parts) - 1 else None)


def _answer_keyboard(context: Context, chat_id: int, answer: Answer) -> InlineKeyboardMarkup | None:
    rows = []
    if answer.kind == "clarify" and answer.options:
        pid = _memory(context).remember(chat_id, (answer.question, answer.options, answer.lang))
        rows += [[InlineKeyboardButton(o, callback_data=f"c:{pid}:{i}")] for i, o in enumerate(answer.options[:20])]
    if answer.sources:
        sid = _memory(context).remember(chat_id, (answer.sources, answer.lang))
        rows.append([InlineKeyboardButton(t("source_button", answer.lang), callback_data=f"s:{sid}")])
    return InlineKeyboardMarkup(rows) if rows else None


def _memory(context: Context) -> ButtonMemory:
    return context.bot_data["buttons"]


def _library(context: Context) -> Library:
    return context.bot_data["library"]


def _is_admin(update: Update, context: Context) -> bool:
    return bool(update.effective_user) and update.effective_user.id in context.bot_data["admins"]


def _lang(update: Update) -> str:
    message, user = update.effective_message, update.effective_user
    if update.callback_query:  # the message is the bot's own; only the user's setting tells
        message = None
    text = (message.text or message.caption) if message else None
    return lang_of(text, user.language_code if user else None)


def _safe_name(name: str) -> str:
    """The sender's file name, reduced to a safe one (the suffix tells the reader the format)."""
    stem, dot, suffix = Path(name).name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    return (re.sub(r"[^\w\-]+", "_", stem).strip("_") or "report") + (f".{suffix.lower()}" if dot else "")


def stage_label(stage: str, lang: str) -> str:
    """The progress stage in the user's language; a stage the index adds later still shows, by name."""
    return t(f"stage_{stage}", lang) if f"stage_{stage}" in STRINGS else stage
