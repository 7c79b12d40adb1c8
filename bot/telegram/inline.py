"""Inline mode results: "@bot question" in any chat offers the answer (and the chart of a trend) to send.

A message sent through inline mode belongs to the chat it is sent in, not to the bot's chat, so its
buttons cannot be callback buttons that the bot answers there: the one button links back to the bot, where
the same question is asked again with its sources and chart (a deep link).
"""

from __future__ import annotations

import hashlib

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultCachedPhoto,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from bot.telegram import html
from bot.telegram.i18n import t
from bot.telegram.links import HELLO
from bot.types import Answer

MIN_QUESTION = 3  # characters typed before a question is answered (each keystroke is a new query)
CACHE_TIME = 300  # seconds Telegram may serve a result again without asking: answers change only on ingest
TITLE_LIMIT = 64


def results(answer: Answer, link: str, chart_file_id: str | None) -> list:
    """The answer as a text result; with its chart first when the chart is stored at Telegram. The
    answers depend on the question alone (not on who asks or where), so they are not personal."""
    body = html.answer_html(answer)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(t("open_in_bot", answer.lang), url=link)]])
    key = hashlib.sha256(f"{answer.question}\n{answer.text}".encode()).hexdigest()[:32]
    title, description = _title(answer)
    text = InlineQueryResultArticle(
        f"t{key}",
        title,
        InputTextMessageContent(html.split_html(body)[0], ParseMode.HTML),
        reply_markup=markup,
        description=description,
    )
    if not chart_file_id:
        return [text]
    caption = html.split_first(body, html.CAPTION_LIMIT)[0]
    photo = InlineQueryResultCachedPhoto(
        f"c{key}",
        chart_file_id,
        title=title,
        description=description,
        caption=caption,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
    )
    return [photo, text]


def _title(answer: Answer) -> tuple[str, str]:
    """The question as the result's title, the first words of the answer under it."""
    title = (
        answer.question if len(answer.question) <= TITLE_LIMIT else answer.question[: TITLE_LIMIT - 1] + "…"
    )
    description = " ".join(answer.text.split())
    return title, description[:200]


def start_button(lang: str) -> InlineQueryResultsButton:
    """Shown above the results while the question is still too short: opens the bot's chat."""
    return InlineQueryResultsButton(t("inline_hint", lang), start_parameter=HELLO)
