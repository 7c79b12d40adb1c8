"""Follow-up questions: a chat's last understood question lends the follow-up what it does not say, the
answer says what it took, the state expires and never crosses chats — in the domain, in `xxgk chat --json`
and in the Telegram bot (real index, real answering code; tests/conftest.py: answer_index)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.conversation import Conversations


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def chat(answer_index):
    conversation = Conversations()

    def ask(question: str, chat_id: int = 1):
        return conversation.ask(chat_id, question, answer_index)
    return ask


@pytest.mark.parametrize("first, follow, value, note", [
    ("平潭2025年行政复议一共多少件？", "那2020年呢？", 0, "（接上一问：平潭综合实验区，2020年，行政复议）"),
    ("How many reconsideration cases did Pingtan have in 2025?", "and in 2020?", 0,
     "(Following on: 平潭综合实验区 (Pingtan Comprehensive Experimental Zone), 2020, administrative reconsideration)"),
    ("盘锦营商局2020年行政诉讼有几件？", "那平潭呢？", 0, "（接上一问：平潭综合实验区，2020年，行政诉讼（合计））"),
    ("平潭2025年行政复议一共多少件？", "what about lawsuits?", 9, "(Following on: 平潭综合实验区"),
    ("平潭2025年行政复议一共多少件？", "那行政诉讼呢？", 9, "（接上一问：平潭综合实验区，2025年，行政诉讼（合计））"),
    ("平潭2025年新收政府信息公开申请多少件？", "企业的呢？", 3, "（接上一问：平潭综合实验区，2025年，本年新收政府信息公开申请数量 商业企业）"),
])
def test_a_follow_up_changes_one_slot_and_inherits_the_rest(chat, first, follow, value, note):
    chat(first)
    a = chat(follow)
    assert (a.kind, a.value) == ("fact", value)
    assert a.text.startswith(note)
    assert a.question == follow


def test_a_narrative_follow_up_asks_the_previous_question_of_another_year(chat):
    chat("平潭2025年工作有哪些不足？")
    a = chat("那2020年呢？")
    assert a.kind == "narrative" and a.sources[0].year == 2020


def test_a_question_with_words_of_its_own_takes_no_metric_from_the_previous_one(chat):
    chat("平潭2025年行政复议一共多少件？")
    a = chat("平潭2025年工作有哪些不足？")
    assert a.kind == "narrative" and "接上一问" not in a.text


def test_a_complete_question_is_not_a_follow_up(chat):
    chat("平潭2025年行政复议一共多少件？")
    a = chat("盘锦营商局2020年收到多少政府信息公开申请？")
    assert (a.kind, a.value) == ("fact", 0) and "接上一问" not in a.text


def test_state_never_crosses_chats(chat):
    chat("平潭2025年行政复议一共多少件？", chat_id=1)
    other = chat("那2020年呢？", chat_id=2)
    assert other.kind != "fact" and "接上一问" not in other.text


def test_state_expires(answer_index):
    clock = Clock()
    conversation = Conversations(ttl=60, clock=clock)
    conversation.ask(1, "平潭2025年行政复议一共多少件？", answer_index)
    clock.now = 59
    assert conversation.ask(1, "那2020年呢？", answer_index).kind == "fact"
    clock.now = 59 + 61
    assert conversation.ask(1, "那2025年呢？", answer_index).kind != "fact"


def test_a_chosen_clarify_option_becomes_the_previous_question(answer_index):
    conversation = Conversations()
    asked = conversation.ask(1, "平潭2025年有多少申请被打回了？", answer_index)
    assert asked.kind == "clarify"
    picked = conversation.choose(1, asked.question, asked.options[0], answer_index)
    assert picked.kind == "fact"
    assert conversation.ask(1, "那2020年呢？", answer_index).kind == "fact"


@pytest.mark.slow
def test_chat_json_answers_follow_ups_one_contract_line_each(answer_home):
    questions = "平潭2025年行政复议一共多少件？\n那2020年呢？\nwhat about lawsuits?\n"
    p = subprocess.run([sys.executable, "-m", "bot.cli", "chat", "--json", "--home", str(answer_home)],
                       input=questions, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    lines = [json.loads(line) for line in p.stdout.splitlines()]
    assert [(x["kind"], x["value"]) for x in lines] == [("fact", 36), ("fact", 0), ("fact", 0)]
    assert [x["question"] for x in lines] == questions.splitlines()
    assert "Building prefix dict" not in p.stderr  # jieba's loading messages stay quiet


@pytest.mark.slow
def test_the_telegram_bot_answers_follow_ups_per_chat(answer_home):
    """The real application and answering code over HTTP to the fake Bot API: each chat has its own context."""
    from fakebotapi import FakeBotApi
    from telegram_harness import InProcessBot

    from bot.telegram.app import Settings, default_library

    with FakeBotApi() as fake:
        settings = Settings(token=fake.token, api_base=fake.base_url, home=str(answer_home), workers=1)
        running = InProcessBot(settings, default_library(settings)).start(fake)
        try:
            first = fake.reply_to(fake.send_text(501, "平潭2025年行政复议一共多少件？"), 60)
            assert "<b>36</b>" in first.text or "36件" in first.text
            follow = fake.reply_to(fake.send_text(501, "那2020年呢？"), 60)
            assert "接上一问" in follow.text and "2020" in follow.text
            other_chat = fake.reply_to(fake.send_text(502, "那2020年呢？"), 60)
            assert "接上一问" not in other_chat.text
        finally:
            running.stop(fake)
