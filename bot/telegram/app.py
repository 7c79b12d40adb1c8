"""The wiring of the Telegram application, in one place: settings, handlers, limiter, start and stop."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.telegram import handlers, watching
from bot.telegram.charting import Charts
from bot.telegram.commands import COMMANDS, menu
from bot.telegram.flood import PerChatFloodLimiter
from bot.telegram.links import LINKS_FILE, LinkStore
from bot.telegram.memory import ButtonMemory
from bot.telegram.service import Library

log = logging.getLogger(__name__)

COMMAND_HANDLERS = {
    "start": handlers.start,
    "help": handlers.help_command,
    "agencies": handlers.agencies,
    "lang": handlers.lang_command,
    "stats": handlers.stats,
    "audit": handlers.audit,
    "reindex": handlers.reindex,
    "watch": watching.watch_command,
}
assert set(COMMAND_HANDLERS) == {c.name for c in COMMANDS}, "every command in the menu has a handler"


# Asked once per answering thread at start-up: loads the segmenter, the catalog and the embedding model,
# so the first citizen's question is as fast as the rest.
WARM_UP_QUESTIONS = ("2020年收到多少政府信息公开申请？", "How did the agency make its work more transparent?")


class MissingToken(Exception):
    """TELEGRAM_BOT_TOKEN is not set."""


class BadSetting(Exception):
    """An environment variable holds a value the bot cannot use; the message says which and what is expected."""


@dataclass(frozen=True)
class Settings:
    token: str
    home: str | None = None
    admins: frozenset[int] = frozenset()
    api_base: str | None = None
    workers: int = 2  # answering threads, each with its own index connection
    max_rate: float = 30.0  # messages per second to all chats together (Telegram's broadcast guideline)
    max_retries: int = 5  # how often one request is retried after a 429 RetryAfter
    answer_timeout: float = 60.0  # seconds a chat waits for one answer before being told to rephrase
    chart_chat: int | None = None  # where charts are sent to get a file id for inline results (XXGK_CHART_CHAT)

    @classmethod
    def from_env(cls, *, home: str | None, api_base: str | None,
                 environ: Mapping[str, str] = os.environ) -> Settings:
        token = environ.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise MissingToken()
        admins = _parse(environ, "XXGK_ADMIN_IDS", "numeric Telegram user ids separated by commas",
                        lambda v: frozenset(int(x) for x in v.replace(" ", "").split(",") if x), frozenset())
        workers = _parse(environ, "XXGK_WORKERS", "a whole number ≥ 1", lambda v: max(1, int(v)), cls.workers)
        max_rate = _parse(environ, "XXGK_MAX_RATE", "messages per second, 0 for no cap", float, cls.max_rate)
        timeout = _parse(environ, "XXGK_ANSWER_TIMEOUT", "seconds, a number > 0", _positive, cls.answer_timeout)
        chart_chat = _parse(environ, "XXGK_CHART_CHAT", "a numeric chat id (a channel's starts with -100)", int, None)
        return cls(token=token, home=home, admins=admins, api_base=api_base.rstrip("/") if api_base else None,
                   workers=workers, max_rate=max_rate, answer_timeout=timeout, chart_chat=chart_chat)


def _positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise ValueError(value)
    return number


def _parse(environ: Mapping[str, str], name: str, expected: str, parse: Any, default: Any) -> Any:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        return parse(value)
    except ValueError:
        raise BadSetting(f"{name} must be {expected}, not {value!r}") from None


class ButtonHandler(CallbackQueryHandler):
    """A button press whose data matches `pattern`. (PTB's own handler passes a press without data to the
    first handler whatever its pattern, and a handler then split None.)"""

    def check_update(self, update: object) -> bool | object | None:
        if isinstance(update, Update) and update.callback_query and update.callback_query.data is None:
            return False
        return super().check_update(update)


class PerChatOrder(BaseUpdateProcessor):
    """Updates of different chats are handled concurrently; those of one chat one after another, so a
    chat gets its answers in the order it asked and its pending clarify question is never raced."""

    def __init__(self, max_concurrent_updates: int):
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock, users = self._chats.get(chat.id, (asyncio.Lock(), 0))
        self._chats[chat.id] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._chats[chat.id]
            if users == 1:
                del self._chats[chat.id]
            else:
                self._chats[chat.id] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


def default_library(settings: Settings) -> Library:
    """The Library over the real index and answering code (imported here: they load the model)."""
    from bot.answer import answer, answer_with_choice
    from bot.conversation import Conversations
    from index.build import ingest, reindex
    from index.reader import Index

    return Library(settings.home, workers=settings.workers, answer_timeout=settings.answer_timeout,
                   open_index=lambda home: Index.open(home, bootstrap=True),
                   answer_fn=lambda question, index: answer(question, index),
                   choice_fn=lambda question, option, index: answer_with_choice(question, option, index),
                   ingest_fn=ingest, reindex_fn=reindex,
                   is_current=lambda index: index.is_current(),
                   warm_up=lambda index: [answer(q, index) for q in WARM_UP_QUESTIONS],
                   conversation=Conversations())


def build_application(settings: Settings, library: Library | None = None) -> Application:
    # A question deleted before its answer still gets the answer; links in quotes open no preview cards.
    defaults = Defaults(allow_sending_without_reply=True, link_preview_options=LinkPreviewOptions(is_disabled=True))
    builder = (ApplicationBuilder().token(settings.token).defaults(defaults)
               .rate_limiter(PerChatFloodLimiter(overall_max_rate=settings.max_rate, max_retries=settings.max_retries))
               .concurrent_updates(PerChatOrder(256))
               .post_init(_post_init).post_shutdown(_post_shutdown))
    if settings.api_base:
        builder = builder.base_url(f"{settings.api_base}/bot").base_file_url(f"{settings.api_base}/file/bot")
    application = builder.build()
    application.bot_data.update(library=library or default_library(settings), admins=settings.admins,
                                buttons=ButtonMemory(), charts=Charts(), links=LinkStore(_links_file(settings)),
                                chart_chat=settings.chart_chat)
    for command in COMMANDS:
        application.add_handler(CommandHandler(command.name, COMMAND_HANDLERS[command.name]))
    application.add_handler(ButtonHandler(handlers.agencies_page, pattern=r"^a:\d{1,6}:(zh|en)$"))
    application.add_handler(ButtonHandler(handlers.choose, pattern=r"^c:[0-9a-f]{1,12}:\d{1,3}$"))
    application.add_handler(ButtonHandler(handlers.show_source, pattern=r"^s:[0-9a-f]{1,12}$"))
    application.add_handler(ButtonHandler(handlers.example, pattern=r"^x:\d{1,3}:(zh|en)$"))
    application.add_handler(ButtonHandler(handlers.audit_page, pattern=r"^u:[0-9a-f]{1,12}:\d{1,4}$"))
    application.add_handler(CallbackQueryHandler(handlers.stale_button))  # last: every other press, data or not
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    application.add_handler(MessageHandler(filters.TEXT, handlers.question))
    application.add_handler(MessageHandler(filters.Document.ALL, handlers.upload))
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL, handlers.not_text))
    application.add_error_handler(handlers.on_error)
    watching.schedule(application)
    return application


def _links_file(settings: Settings) -> Path:
    from index.home import resolve_home

    return resolve_home(settings.home) / LINKS_FILE


async def _post_init(application: Application) -> None:
    await application.bot_data["library"].start()
    await application.bot_data["charts"].start()
    bot = application.bot
    for lang in ("en", "zh"):
        await bot.set_my_commands(menu(lang), language_code=None if lang == "en" else lang)
    for admin in application.bot_data["admins"]:
        for lang in ("en", "zh"):
            try:  # fails until the admin has opened a chat with the bot; /help still lists the commands
                await bot.set_my_commands(menu(lang, admin=True), scope=BotCommandScopeChat(admin),
                                          language_code=None if lang == "en" else lang)
            except TelegramError as e:
                log.info("admin command menu for %s not set: %s", admin, e)
    log.info("bot @%s is up", bot.username)


async def _post_shutdown(application: Application) -> None:
    await application.bot_data["library"].close()
    application.bot_data["charts"].close()


def run(application: Application, *, webhook: str | None = None, port: int = 8443,
        stop_signals: Sequence[int] | None = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)) -> None:
    """Runs the bot until SIGINT/SIGTERM (or `stop_running()`): long polling, or a webhook at `webhook`
    served on `port`. Handlers still running finish, then the index workers stop."""
    allowed = ["message", "callback_query", "inline_query"]
    wait_for_api(application)
    if not webhook:
        application.run_polling(allowed_updates=allowed, timeout=10, stop_signals=stop_signals, close_loop=False)
        return
    application.run_webhook(listen="0.0.0.0", port=port, url_path=urlparse(webhook).path.lstrip("/"),
                            webhook_url=webhook, secret_token=secrets.token_urlsafe(32), allowed_updates=allowed,
                            stop_signals=stop_signals, close_loop=False)


def wait_for_api(application: Application, first_delay: float = 1.0, longest: float = 60.0) -> None:
    """Reach the Bot API (getMe) before starting, retrying with a growing delay and one log line per try:
    a network that is not up yet is waited for; a rejected token is said once (InvalidToken)."""
    try:  # the loop run_polling/run_webhook will use (as python-telegram-bot finds it)
        loop = asyncio.get_event_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
    delay = first_delay
    while True:
        try:
            loop.run_until_complete(application.bot.initialize())
            return
        except InvalidToken:
            raise
        except NetworkError as e:  # TimedOut is one
            log.warning("Telegram Bot API at %s not reachable (%s); retrying in %.0f s",
                        application.bot.base_url.rsplit("/bot", 1)[0], e, delay)
        time.sleep(delay)
        delay = min(delay * 2, longest)
