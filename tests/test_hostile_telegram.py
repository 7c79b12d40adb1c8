"""The Telegram bot under a hostile or careless user: forged and repeated button presses of every kind,
deep-link payloads that are malformed, too long, not text or point at a link that is gone, inline queries
that are empty or longer than Telegram sends, /lang and /audit with junk, odd uploads. Each gets a polite
answer (or none), never "something went wrong", and the bot keeps answering.

The real application over real HTTP, against the loopback fake Bot API (tests/fakebotapi.py), with the
stand-in index of test_telegram_bot.py (the real index has its own tests)."""

from __future__ import annotations

import base64
import time

import pytest
from fakebotapi import FakeBotApi
from telegram_harness import InProcessBot
from test_telegram_bot import ADMIN, StandInIndex, stand_in_library

from bot.telegram.app import Settings
from bot.telegram.links import LINKS_FILE
from index.types import ReportRecord

WENT_WRONG = ("went wrong", "出错了")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile-bot-home")


@pytest.fixture(scope="module")
def bot(fake, home):
    reports = [ReportRecord(1, "平潭综合实验区", 2023, "t", None, None, "2021", "a.txt", "x")]
    settings = Settings(token=fake.token, home=str(home), admins=frozenset({ADMIN}), api_base=fake.base_url)
    running = InProcessBot(settings, stand_in_library(StandInIndex(reports))).start(fake)
    yield running
    running.stop(fake)


def _no_error_since(fake: FakeBotApi, mark: int, chat: int) -> None:
    """The chat still gets answers, and nothing since `mark` told it that something went wrong."""
    assert fake.reply_to(fake.send_text(chat, "/help"), 10).text
    said = [c.text for c in fake.calls[mark:] if c.chat_id == chat and c.method == "sendMessage"]
    assert not [s for s in said if any(w in s for w in WENT_WRONG)], said


def _answered(fake: FakeBotApi, query: dict, mark: int):
    return fake.wait_for(
        lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query["id"],
        10,
        since=mark,
    )


# -- buttons ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["a:0:en", "a:999999:en"])
def test_a_page_button_pressed_twice_answers_both_presses(fake, bot, data):
    """A double tap (or a forged page past the end) asks for the page already shown: Telegram refuses an
    edit that changes nothing, and that must not reach the user as an error."""
    chat = 600 + len(data)
    first = fake.reply_to(fake.send_text(chat, "/agencies"), 10)
    mark = fake.mark()
    presses = [fake.press(first, data, user_id=chat, forged=True) for _ in range(2)]
    for query in presses:
        _answered(fake, query, mark)
    _no_error_since(fake, mark, chat)


def test_an_audit_page_pressed_twice_answers_both_presses(fake, bot):
    listing = fake.reply_to(fake.send_text(610, "/audit"), 10)
    data = next(b["callback_data"] for b in listing.buttons if b["callback_data"].startswith("u:"))
    mark = fake.mark()
    presses = [fake.press(listing, data, user_id=610) for _ in range(2)]
    for query in presses:
        _answered(fake, query, mark)
    _no_error_since(fake, mark, 610)


@pytest.mark.parametrize(
    "forged",
    [
        "u:abcdef:0",
        "u:1:9999",
        "x:999:en",
        "c:ffff:0",
        "s:0",
        "a:-1:en",
        "u::0",
        "x:0:zh:extra",
        "\u202e\u0000",
        "s:" + "9" * 12,
    ],
)
def test_every_forged_button_of_the_new_kinds_gets_a_polite_answer(fake, bot, forged):
    chat = 620
    start = fake.reply_to(fake.send_text(chat, "/start"), 10)
    mark = fake.mark()
    answered = _answered(fake, fake.press(start, forged, user_id=chat, forged=True), mark)
    assert answered.params.get("show_alert") or answered.params.get("text") is None
    _no_error_since(fake, mark, chat)


def test_an_audit_page_of_another_chat_is_not_shown(fake, bot):
    listing = fake.reply_to(fake.send_text(630, "/audit"), 10)
    data = next(b["callback_data"] for b in listing.buttons if b["callback_data"].startswith("u:"))
    other = fake.reply_to(fake.send_text(631, "/start"), 10)
    mark = fake.mark()
    answered = _answered(fake, fake.press(other, data, user_id=631, forged=True), mark)
    assert answered.params.get("show_alert")
    assert not [c for c in fake.calls[mark:] if c.method == "editMessageText" and c.chat_id == 631]


def _press_raw(fake: FakeBotApi, query: dict) -> dict:
    fake._push({"callback_query": query})
    return query


@pytest.mark.parametrize("where", ["inaccessible", "inline"])
def test_a_button_under_a_message_the_bot_cannot_reach_gets_a_polite_answer(fake, bot, where):
    """Telegram sends an InaccessibleMessage (date 0) for a deleted or too old message, and no message at
    all for a button under a message sent inline."""
    chat = 640 if where == "inaccessible" else 641
    reply = fake.reply_to(fake.send_text(chat, "平潭2023年新收多少件？"), 10)
    sid = next(b["callback_data"] for b in reply.buttons if b.get("callback_data", "").startswith("s:"))
    query = {
        "id": f"q{chat}{time.monotonic_ns()}",
        "from": {"id": chat, "is_bot": False, "first_name": "u"},
        "chat_instance": str(chat),
        "data": sid,
    }
    if where == "inaccessible":
        query["message"] = {
            "message_id": reply.result["message_id"],
            "date": 0,
            "chat": {"id": chat, "type": "private"},
        }
    else:
        query["inline_message_id"] = "AAAAinline"
    mark = fake.mark()
    _answered(fake, _press_raw(fake, query), mark)
    _no_error_since(fake, mark, chat)


# -- deep links -----------------------------------------------------------------------------------------


def _gb_payload(raw: bytes) -> str:
    return "g" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "payload",
    [
        "!!!",
        "g",
        "k",
        "k" + "A" * 12,
        "g" + "A" * 200,
        "x" * 64,
        _gb_payload(b"\xff\xfe\xfd"),
        _gb_payload("\x07\x08平潭".encode("gb18030")),
        _gb_payload(b"   "),
        "abc def",
        "g@@@@",
        "%00%ff",
    ],
)
def test_a_broken_deep_link_payload_says_the_link_is_gone_and_greets(fake, bot, payload):
    chat = 650 + len(payload) % 40
    mark = fake.mark()
    reply = fake.reply_to(fake.send_text(chat, f"/start {payload}"), 10)
    assert reply.text.startswith("This link is not valid") and len(reply.buttons) == 3
    _no_error_since(fake, mark, chat)


def test_a_deep_link_payload_is_only_ever_a_question_never_a_command(fake, bot):
    reply = fake.reply_to(fake.send_text(700, f"/start {_gb_payload('/reindex'.encode('gb18030'))}"), 10)
    assert "(/reindex)" in reply.text  # the stand-in answers with the question it was asked
    assert not [c for c in fake.calls if c.chat_id == 700 and "re-index" in c.text.lower()]


def test_a_stored_link_whose_file_was_deleted_or_damaged_says_the_link_is_gone(fake, bot, home):
    question = "平潭综合实验区2023年度政府信息公开工作年度报告中本年新收政府信息公开申请一共多少件？"
    payload = fake.reply_to(fake.send_text(701, question), 10).buttons[-1]["url"].split("start=")[1]
    (home / LINKS_FILE).unlink()
    mark = fake.mark()
    assert fake.reply_to(fake.send_text(702, f"/start {payload}"), 10).text.startswith(
        "This link is not valid"
    )
    (home / LINKS_FILE).write_bytes(b"this is not a database" * 100)
    assert fake.reply_to(fake.send_text(703, f"/start {payload}"), 10).text.startswith(
        "This link is not valid"
    )
    reply = fake.reply_to(fake.send_text(704, question), 10)  # a new long question still gets an answer
    assert f"({question})" in reply.text
    _no_error_since(fake, mark, 704)


# -- inline queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "平",
        "平潭" * 128,
        "平潭2023年新收多少件？" + "啊" * 300,
        "\u0000\u202e平潭2023",
        "<b>&amp;</b>" * 30,
    ],
)
def test_every_inline_query_is_answered(fake, bot, text):
    mark = fake.mark()
    query = fake.send_inline(710, text)
    answered = fake.wait_for(
        lambda c: c.method == "answerInlineQuery" and c.params["inline_query_id"] == query["id"],
        10,
        since=mark,
    )
    for result in answered.params["results"]:
        assert len(result["title"]) <= 64 and result["id"].isascii() and len(result["id"]) <= 64


# -- commands with junk ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "/lang klingon",
        "/lang " + "x" * 3000,
        "/lang zh en fr",
        "/lang 🇨🇳",
        "/audit " + "营" * 3000,
        "/audit 2023 2023 2023",
        "/audit <b>&</b>",
        "/audit 99999",
        "/start a b c",
        "/agencies 9",
        "/help me",
    ],
)
def test_commands_with_junk_arguments_answer_politely(fake, bot, text):
    chat = 720 + len(text) % 50
    mark = fake.mark()
    assert fake.reply_to(fake.send_text(chat, text), 10).text
    _no_error_since(fake, mark, chat)


# -- uploads ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.txt",
        "<b>报告</b>&.html",
        "a" * 300 + ".txt",
        ".html",
        "报告.HTML",
        "report.txt\u202egpj.exe",
    ],
)
def test_an_admin_upload_with_an_odd_name_is_handled_in_place(fake, bot, name):
    mark = fake.mark()
    msg = fake.send_document(
        ADMIN, "平潭综合实验区2023年政府信息公开工作年度报告".encode(), name, user_id=ADMIN
    )
    fake.reply_to(msg, 20)
    fake.wait_for(
        lambda c: (
            c.method in ("editMessageText", "sendMessage")
            and c.chat_id == ADMIN
            and not c.text.startswith(("正在", "Adding", "Reading"))
        ),
        20,
        since=mark,
    )
    _no_error_since(fake, mark, ADMIN)
