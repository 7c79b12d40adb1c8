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
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.telegram import html, i18n, inline, views
from bot.telegram.caption import read_caption
from bot.telegram.charting import Chart, Charts
from bot.telegram.i18n import STRINGS, lang_of, t
from bot.telegram.links import HELLO, LinkStore, deep_link, inline_payload
from bot.telegram.memory import AuditAsked, ButtonMemory, PendingChoice, SourcesShown
from bot.telegram.service import Busy, Library, TooSlow
from bot.types import Answer
from ingest.errors import ReportError

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]


# -- for everyone ---------------------------------------------------------------------------------
async def start(update: Update, context: Context) -> None:
    """/start: a deep link's question answered, or the welcome with three example questions to tap."""
    message, lang = update.effective_message, _lang(update, context)
    payload = context.args[0] if context.args and context.args[0] != HELLO else None
    if payload:
        question_text = await asyncio.to_thread(_links(context).question, payload)
        if question_text:
            await _answer_question(message, context, question_text, lang)
            return
    about = await _library(context).about()
    text = views.start_text(about, lang)
    if payload:
        text = t("link_gone", lang) + "\n\n" + text
    await message.reply_html(text, reply_markup=views.example_buttons(lang))


async def help_command(update: Update, context: Context) -> None:
    lang = _lang(update, context)
    await update.effective_message.reply_html(views.help_text(lang, admin=_is_admin(update, context)))


async def lang_command(update: Update, context: Context) -> None:
    """/lang zh, /lang en; /lang alone switches to the other one."""
    current = _lang(update, context)
    wanted = (context.args or [""])[0].lower()[:2]
    lang = wanted if wanted in ("zh", "en") else ("en" if current == "zh" else "zh")
    context.user_data["lang"] = lang
    await update.effective_message.reply_text(t("lang_set", lang))


async def unknown_command(update: Update, context: Context) -> None:
    """A "/word" that is no command: a short hint (in a group, only when it is addressed to this bot)."""
    message = update.effective_message
    command = (message.text or "").split()[0][:40]
    name, _, bot = command.partition("@")
    addressed = bool(bot) and bot.lower() == (context.bot.username or "").lower()
    if (bot or message.chat.type != ChatType.PRIVATE) and not addressed:
        return
    await message.reply_text(t("unknown_command", _lang(update, context), command=name), do_quote=True)


async def agencies(update: Update, context: Context) -> None:
    text, markup = views.agencies_page(await _library(context).agencies(), 0, _lang(update, context))
    await update.effective_message.reply_html(text, reply_markup=markup)


async def agencies_page(update: Update, context: Context) -> None:
    query = update.callback_query
    _, page, lang = query.data.split(":")
    text, markup = views.agencies_page(await _library(context).agencies(), int(page), lang)
    await query.answer()
    await _show_page(query, text, markup)


async def question(update: Update, context: Context) -> None:
    message = update.effective_message
    if message.text.startswith("/"):  # "/平潭2023…": Telegram marks no command there, but it is none
        await unknown_command(update, context)
        return
    text = message.text.replace(f"@{context.bot.username}", " ").strip()  # "@bot question" in a group
    await _answer_question(message, context, text, _lang(update, context))


async def example(update: Update, context: Context) -> None:
    """An example question's button under /start: asked as if typed."""
    query = update.callback_query
    _, i, lang = query.data.split(":")
    asked = views.example_question(int(i), lang)
    if asked is None or query.message is None:
        await stale_button(update, context)
        return
    await query.answer()
    await _answer_question(query.message, context, asked, lang, quote=False)


async def choose(update: Update, context: Context) -> None:
    """A clarify option was pressed: answer the pending question with that choice. The buttons stay,
    so the other options can be pressed too."""
    query = update.callback_query
    _, pid, i = query.data.split(":")
    pending = _recall(update, context, pid, PendingChoice)
    if pending is None or int(i) >= len(pending.options):
        await query.answer(t("choice_gone", _lang(update, context)), show_alert=True)
        return
    option = pending.options[int(i)]
    await query.answer(t("chosen", pending.lang, option=option)[:200])
    try:
        async with typing(context, query.message.chat_id):
            answer = await _library(context).ask_with_choice(pending.question, option, query.message.chat_id)
    except TooSlow:
        await query.message.reply_text(t("too_slow", pending.lang))
        return
    await _reply_answer(query.message, context, answer)


async def show_source(update: Update, context: Context) -> None:
    query = update.callback_query
    entry = _recall(update, context, query.data.split(":")[1], SourcesShown)
    if entry is None:
        await query.answer(t("source_gone", _lang(update, context)), show_alert=True)
        return
    await query.answer()
    for part in html.split_html(html.sources_html(entry.sources, entry.lang)):
        await query.message.reply_html(part, do_quote=True)


async def stale_button(update: Update, context: Context) -> None:
    """Any button press no other handler took: no data, an old or another bot's layout, forged data."""
    await update.callback_query.answer(t("button_gone", _lang(update, context)), show_alert=True)


async def inline_query(update: Update, context: Context) -> None:
    """"@bot 平潭2023年新收申请" in any chat: the answer offered as a result (with the chart of a trend)."""
    query, lang = update.inline_query, _lang(update, context)
    text = " ".join(query.query.split())
    if len(text) < inline.MIN_QUESTION:
        await query.answer([], cache_time=inline.CACHE_TIME, is_personal=True, button=inline.start_button(lang))
        return
    try:
        answer = await _library(context).ask(text)
    except TooSlow:
        await query.answer([], cache_time=5, is_personal=True, button=inline.start_button(lang))
        return
    link = deep_link(context.bot.username, await _payload(context, answer.question) or HELLO)
    file_id = await _stored_chart(context, answer)
    await query.answer(inline.results(answer, link, file_id), cache_time=inline.CACHE_TIME, is_personal=False)


async def not_text(update: Update, context: Context) -> None:
    await update.effective_message.reply_text(t("not_text", _lang(update, context)))


# -- for admins -----------------------------------------------------------------------------------
def admin_only(handler: Handler) -> Handler:
    """Runs `handler` for the admins in XXGK_ADMIN_IDS; everyone else gets a polite refusal."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        if _is_admin(update, context):
            await handler(update, context)
        else:
            await update.effective_message.reply_text(t("admin_only", _lang(update, context)))

    return guarded


@admin_only
async def upload(update: Update, context: Context) -> None:
    message, lang = update.effective_message, _lang(update, context)
    name = message.document.file_name or "report"
    problem = views.upload_problem(name, message.document.file_size, lang)
    try:
        hints = read_caption(message.caption)  # the agency and year of a copy that states neither
    except (ReportError, ValueError) as e:
        problem = t("ingest_failed", lang, name=escape(name), reason=escape(i18n.reason(str(e), lang)))
    if problem:
        await message.reply_html(problem, do_quote=True)
        return
    title = t("ingesting", lang, name=escape(name))
    status = await message.reply_html(title, do_quote=True)
    with tempfile.TemporaryDirectory(prefix="xxgk-upload-") as tmp:
        path = Path(tmp) / _safe_name(name)
        try:
            await (await message.document.get_file()).download_to_drive(path)
        except TelegramError as e:  # too big for the Bot API, gone, or the network: said in place
            reason = escape(i18n.reason(f"could not download the file from Telegram ({e})", lang))
            failed = t("ingest_failed", lang, name=escape(name), reason=reason)
            await status.edit_text(failed, parse_mode=ParseMode.HTML)
            return
        async with ProgressMessage(status, title, lang) as progress:
            text = await _admin_job(lambda: _library(context).ingest(path, progress.update, **hints.as_kwargs()),
                                    lambda result: views.ingest_html(result, name, lang),
                                    lambda reason: t("ingest_failed", lang, name=escape(name), reason=reason), lang)
    await status.edit_text(text, parse_mode=ParseMode.HTML)


@admin_only
async def reindex(update: Update, context: Context) -> None:
    lang = _lang(update, context)
    status = await update.effective_message.reply_html(t("reindex_start", lang))
    started = time.monotonic()
    async with ProgressMessage(status, t("reindex_start", lang), lang) as progress:
        text = await _admin_job(lambda: _library(context).reindex(progress.update),
                                lambda result: views.reindex_html(result, time.monotonic() - started, lang),
                                lambda reason: t("reindex_failed", lang, reason=reason), lang)
    await status.edit_text(text, parse_mode=ParseMode.HTML)


@admin_only
async def stats(update: Update, context: Context) -> None:
    await update.effective_message.reply_html(views.stats_html(await _library(context).stats(), _lang(update, context)))


async def audit(update: Update, context: Context) -> None:
    """/audit [agency] [year]: the audit's findings, a page at a time, each with a source button."""
    args = context.args or []
    year = int(args[-1]) if args and re.fullmatch(r"(19|20)\d\d", args[-1]) else None
    asked = AuditAsked(" ".join(args[:-1] if year else args) or None, year, _lang(update, context))
    qid = _memory(context).remember(update.effective_message.chat_id, asked)
    text, markup = await _audit_view(context, update.effective_message.chat_id, qid, asked, 0)
    await update.effective_message.reply_html(text, reply_markup=markup)


async def audit_page(update: Update, context: Context) -> None:
    query = update.callback_query
    _, qid, page = query.data.split(":")
    asked = _recall(update, context, qid, AuditAsked)
    if asked is None:
        await query.answer(t("audit_gone", _lang(update, context)), show_alert=True)
        return
    await query.answer()
    text, markup = await _audit_view(context, query.message.chat_id, qid, asked, int(page))
    await _show_page(query, text, markup)


async def _show_page(query, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit a paged message to the page asked for. A double tap (or a page past the end) asks for the page
    already shown, and Telegram refuses an edit that changes nothing: then there is nothing to do."""
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as e:
        if "not modified" not in str(e).lower():
            raise


async def _audit_view(context: Context, chat_id: int, qid: str, asked: AuditAsked, page: int):
    from bot.audit import UnknownAgency

    try:
        findings = await _library(context).audit(asked.agency, asked.year)
    except UnknownAgency as e:
        return escape(str(e)), None
    text, shown, page = views.audit_page(findings, page, asked.lang)
    sids = [_memory(context).remember(chat_id, SourcesShown(f.sources, asked.lang)) for f in shown]
    return text, views.audit_keyboard(sids, qid, page, len(findings), asked.lang) if shown else None


async def on_error(update: object, context: Context) -> None:
    """The one error handler: log, tell the user in their language, keep running."""
    log.error("error while handling %s", update, exc_info=context.error)
    if not isinstance(update, Update) or not update.effective_chat:
        return
    with contextlib.suppress(TelegramError):
        if update.callback_query:  # stops the button's spinner
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, t("error", _lang(update, context)))


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


async def _answer_question(message: Message, context: Context, text: str, lang: str, *, quote: bool = True) -> None:
    try:
        async with typing(context, message.chat_id):
            answer = await _library(context).ask(text, message.chat_id)
    except TooSlow:
        await message.reply_text(t("too_slow", lang), do_quote=quote)
        return
    await _reply_answer(message, context, answer, quote=quote)


async def _reply_answer(message: Message, context: Context, answer: Answer, *, quote: bool = True) -> None:
    """The answer as text, or as its chart with the text as caption (what does not fit follows as text);
    the buttons go under the last message."""
    body = html.answer_html(answer)
    markup = await _answer_keyboard(context, message.chat_id, answer)
    chart = await _charts(context).chart(answer)
    if chart is not None:
        caption, body = html.split_first(body, html.CAPTION_LIMIT)
        await _send_chart(message, context, chart, caption, None if body else markup, quote)
        quote = False
    parts = html.split_html(body)
    for i, part in enumerate(parts):
        await message.reply_html(part, do_quote=quote and i == 0, reply_markup=markup if i == len(parts) - 1 else None)


async def _send_chart(message: Message, context: Context, chart: Chart, caption: str,
                      markup: InlineKeyboardMarkup | None, quote: bool) -> None:
    charts, file_id = _charts(context), _charts(context).file_id(chart.spec)
    try:
        sent = await message.reply_photo(file_id or chart.png, caption=caption, parse_mode=ParseMode.HTML,
                                         reply_markup=markup, do_quote=quote)
    except BadRequest:
        if not file_id:
            raise
        charts.forget(chart.spec)  # the id is no longer valid: upload the picture again
        sent = await message.reply_photo(chart.png, caption=caption, parse_mode=ParseMode.HTML,
                                         reply_markup=markup, do_quote=quote)
    if sent.photo:
        charts.sent(chart.spec, sent.photo[-1].file_id)


async def _stored_chart(context: Context, answer: Answer) -> str | None:
    """The Telegram file id of the answer's chart, for an inline result: known from an earlier send, or got
    by sending it to the chat in XXGK_CHART_CHAT. None without either (the result then links to the chart
    in the bot), or when the answer has no chart."""
    charts, chat = _charts(context), context.bot_data.get("chart_chat")
    known = charts.file_id(charts.spec(answer))
    if known or not chat:
        return known
    chart = await charts.chart(answer)
    if chart is None:
        return None
    try:
        sent = await context.bot.send_photo(chat, chart.png, caption=chart.spec.title[:1000], disable_notification=True)
    except TelegramError as e:
        log.warning("could not store a chart in XXGK_CHART_CHAT %s: %s", chat, e)
        return None
    charts.sent(chart.spec, sent.photo[-1].file_id)
    return sent.photo[-1].file_id


async def _answer_keyboard(context: Context, chat_id: int, answer: Answer) -> InlineKeyboardMarkup | None:
    rows = []
    if answer.kind == "clarify" and answer.options:
        pid = _memory(context).remember(chat_id, PendingChoice(answer.question, answer.options, answer.lang))
        rows += [[InlineKeyboardButton(o, callback_data=f"c:{pid}:{i}")] for i, o in enumerate(answer.options[:20])]
    row = []
    if answer.sources:
        sid = _memory(context).remember(chat_id, SourcesShown(answer.sources, answer.lang))
        row.append(InlineKeyboardButton(t("source_button", answer.lang), callback_data=f"s:{sid}"))
    shared = answer.kind not in ("not_found", "clarify") and answer.question and context.bot.username
    payload = shared and await _payload(context, answer.question)
    if payload:
        row.append(InlineKeyboardButton(t("share_button", answer.lang), url=deep_link(context.bot.username, payload)))
    return InlineKeyboardMarkup(rows + [row]) if rows or row else None


def _recall(update: Update, context: Context, key: str, kind: type):
    message = update.callback_query.message
    return _memory(context).recall(message.chat.id, key, kind) if message else None


async def _payload(context: Context, question_text: str) -> str | None:
    """The deep-link payload of a question: computed here when it fits the link, else stored (a file write,
    off the event loop); None when it can be neither."""
    return inline_payload(question_text) or await asyncio.to_thread(_links(context).payload, question_text)


def _charts(context: Context) -> Charts:
    return context.bot_data["charts"]


def _links(context: Context) -> LinkStore:
    return context.bot_data["links"]


def _memory(context: Context) -> ButtonMemory:
    return context.bot_data["buttons"]


def _library(context: Context) -> Library:
    return context.bot_data["library"]


def _is_admin(update: Update, context: Context) -> bool:
    return bool(update.effective_user) and update.effective_user.id in context.bot_data["admins"]


def _lang(update: Update, context: Context | None = None) -> str:
    """The language of the bot's own words: the user's /lang choice, else their message's, else their
    Telegram setting."""
    chosen = context.user_data.get("lang") if context is not None and context.user_data is not None else None
    if chosen:
        return chosen
    message, user = update.effective_message, update.effective_user
    if update.callback_query:  # the message is the bot's own; only the user's setting tells
        message = None
    text = (message.text or message.caption) if message else None
    return lang_of(text, user.language_code if user else None)


_NAME_BYTES = 120


def _safe_name(name: str) -> str:
    """The sender's file name, reduced to a safe one (the suffix tells the reader the format)."""
    stem, dot, suffix = Path(name).name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = re.sub(r"[^\w\-]+", "_", stem).strip("_")
    stem = stem.encode()[:_NAME_BYTES].decode("utf-8", "ignore")  # 255 bytes a name; 中文 takes 3 each
    return (stem or "report") + (f".{suffix.lower()[:10]}" if dot else "")


def stage_label(stage: str, lang: str) -> str:
    """The progress stage in the user's language; a stage the index adds later still shows, by name."""
    return t(f"stage_{stage}", lang) if f"stage_{stage}" in STRINGS else stage
