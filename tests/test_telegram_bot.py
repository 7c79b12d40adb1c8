"""The Telegram layer over real HTTP with a stand-in index: commands, buttons, admin rights, languages,
escaping and splitting as Telegram checks them. (tests/test_telegram_e2e.py runs the real index.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakebotapi import FakeBotApi
from telegram_harness import InProcessBot

from bot.telegram.app import Settings
from bot.telegram.service import Library
from bot.types import Answer, Source
from index.build import IngestResult, Progress, ReportOutcome
from index.types import AgencyRecord, ReportRecord

ADMIN = 999
SOURCE = Source(title="平潭综合实验区2023年度政府信息公开工作年度报告", agency="平潭综合实验区", year=2023,
                section="三、收到和处理政府信息公开申请情况", quote="一、本年新收政府信息公开申请数量 81 <总计> & 合计")


class StandInIndex:
    def __init__(self, reports: list[ReportRecord]):
        self._reports = reports

    def agencies(self) -> list[AgencyRecord]:
        return [AgencyRecord(f"测试市第{i}局", f"测试{i % 3}市", f"第{i}局", (f"{i}局",)) for i in range(30)]

    def reports(self) -> list[ReportRecord]:
        return list(self._reports)

    def stats(self) -> dict:
        return {"reports": len(self._reports), "agencies": 30, "years": 2, "index_bytes": 2**20, "model": "stand-in"}

    def years(self) -> list[int]:
        return [2020, 2023]

    def close(self) -> None:
        pass


def stand_in_answer(question: str, index: StandInIndex) -> Answer:
    lang = "en" if question.isascii() else "zh"
    if "营商局" in question and "市营商" not in question:
        return Answer(question, "clarify", "哪个营商局？", options=("盘锦市营商环境建设局", "大连市营商环境建设局"),
                      lang=lang)
    if "long" in question:
        return Answer(question, "narrative", "\n\n".join(f"第{i}段 <b>不是标签</b> & {'字' * 300}" for i in range(40)),
                      sources=(SOURCE,), lang=lang)
    if "boom" in question:
        raise RuntimeError("boom")
    return Answer(question, "fact", f"81 件 ({question})", value=81, sources=(SOURCE,), lang=lang)


def stand_in_choice(question: str, option: str, index: StandInIndex) -> Answer:
    return stand_in_answer(f"{question} {option}", index)


def stand_in_ingest(home: str, paths: list[Path], progress) -> IngestResult:
    text = Path(paths[0]).read_text(errors="replace")
    if "年度报告" not in text:
        return IngestResult((ReportOutcome(str(paths[0]), "failed", reason="not an annual report"),), None, "m")
    progress(Progress("embed", 1, 2))
    return IngestResult((ReportOutcome(str(paths[0]), "added", "盘锦市营商环境建设局", 2020, facts=180, ambiguous=1,
                                       chunks=12, failed_checks=1),), "g2", "m")


def stand_in_reindex(home: str, progress) -> IngestResult:
    import time

    progress(Progress("read", 1, 1, "a.txt"))
    time.sleep(1.3)  # long enough for one progress edit
    return IngestResult((ReportOutcome("a.txt", "added", "平潭综合实验区", 2020, chunks=7),), "g3", "m")


def stand_in_library(index: StandInIndex, answer_fn=stand_in_answer, workers: int = 2,
                     answer_timeout: float = 60.0) -> Library:
    return Library(None, workers=workers, open_index=lambda home: index, answer_fn=answer_fn,
                   choice_fn=stand_in_choice, ingest_fn=stand_in_ingest, reindex_fn=stand_in_reindex,
                   answer_timeout=answer_timeout)


@pytest.fixture(scope="module")
def fake():
    with FakeBotApi() as server:
        yield server
    assert server.unknown_methods == []


@pytest.fixture(scope="module")
def bot(fake):
    reports = [ReportRecord(1, "平潭综合实验区", 2020, "t", None, None, "2019", "a.txt", "x",
                            failed_checks=("三(七) 总计 21 ≠ 27",)),
               ReportRecord(2, "平潭综合实验区", 2023, "t", None, None, "2021", "b.txt", "y")]
    library = stand_in_library(StandInIndex(reports))
    settings = Settings(token=fake.token, admins=frozenset({ADMIN}), api_base=fake.base_url)
    running = InProcessBot(settings, library).start(fake)
    yield running
    running.stop(fake)


def test_command_menu_and_help_come_from_one_list(fake, bot):
    names = [c["command"] for c in fake.commands()]
    assert names == ["start", "help", "agencies"]
    assert [c["command"] for c in fake.commands("zh")] == names
    help_reply = fake.reply_to(fake.send_text(10, "/help"), 10)
    assert all(f"/{n}" in help_reply.text for n in names)
    assert "/reindex" not in help_reply.text


@pytest.mark.parametrize("command", ["/reindex", "/stats", "/audit"])
def test_admin_commands_are_refused_to_others(fake, bot, command):
    reply = fake.reply_to(fake.send_text(19, command), 10)
    assert reply.text == "Sorry, only the bot's admins can do that. To add a report, please contact an admin."


def test_admin_help_lists_admin_commands(fake, bot):
    reply = fake.reply_to(fake.send_text(ADMIN, "/help"), 10)
    assert "/reindex" in reply.text and "/audit" in reply.text


def test_question_gets_html_answer_with_escaped_source(fake, bot):
    msg = fake.send_text(11, "平潭2023年新收多少件？", language_code="en")
    reply = fake.reply_to(msg, 10)
    assert "81" in reply.text and reply.params["parse_mode"] == "HTML"
    assert reply.params["reply_parameters"] == {"message_id": msg["message_id"], "allow_sending_without_reply": True}
    assert reply.params["link_preview_options"] == {"is_disabled": True}
    assert fake.sent("sendChatAction", 11)
    source_button = [b for b in reply.buttons if b["text"] == "📄 来源 / Source"]
    mark = fake.mark()
    fake.press(reply, source_button[0]["callback_data"], user_id=11)
    quote = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 11, 10, since=mark)
    assert "&lt;总计&gt; &amp; 合计" in quote.text and "<blockquote>" in quote.text


def test_long_answer_is_split_within_telegram_limit(fake, bot):
    msg = fake.send_text(12, "a long one")
    first = fake.reply_to(msg, 10)
    parts = [c for c in fake.sent("sendMessage", 12) if c.at >= first.at]
    fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 12 and c.buttons, 10)
    parts = fake.sent("sendMessage", 12)
    assert len(parts) >= 3
    assert all(len(p.text) <= 4096 for p in parts)
    assert parts[-1].buttons and not parts[0].buttons


def test_clarify_options_are_buttons_and_choice_answers_original_question(fake, bot):
    reply = fake.reply_to(fake.send_text(13, "营商局2020年收到多少申请？"), 10)
    assert [b["text"] for b in reply.buttons] == ["盘锦市营商环境建设局", "大连市营商环境建设局"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in reply.buttons)
    mark = fake.mark()
    fake.press(reply, reply.buttons[0]["callback_data"], user_id=13)
    answer = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 13, 10, since=mark)
    assert "营商局2020年收到多少申请？ 盘锦市营商环境建设局" in answer.text
    mark = fake.mark()
    fake.press(reply, reply.buttons[1]["callback_data"], user_id=13)
    other = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 13, 10, since=mark)
    assert "大连市营商环境建设局" in other.text


def test_question_addressed_to_the_bot_in_a_group_is_answered_without_the_mention(fake, bot):
    reply = fake.reply_to(fake.send_text(18, "@xxgk_test_bot 平潭2023年新收多少件？"), 10)
    assert "(平潭2023年新收多少件？)" in reply.text


def test_agencies_are_paginated_with_buttons(fake, bot):
    first = fake.reply_to(fake.send_text(14, "/agencies"), 10)
    assert "测试0市" in first.text and [b["text"] for b in first.buttons] == ["Next ▶"]
    mark = fake.mark()
    fake.press(first, first.buttons[0]["callback_data"], user_id=14)
    edit = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == 14, 10, since=mark)
    assert "page 2/3" in edit.text


def test_non_admin_upload_is_refused_politely_in_their_language(fake, bot):
    reply = fake.reply_to(fake.send_document(15, "年度报告".encode(), "r.txt", language_code="zh-hans"), 10)
    assert "只有管理员" in reply.text


def test_admin_upload_is_ingested_and_reported(fake, bot):
    mark = fake.mark()
    fake.send_document(ADMIN, "盘锦市营商环境建设局2020年度政府信息公开工作年度报告".encode(), "report.txt")
    done = fake.wait_for(lambda c: c.method == "editMessageText" and "Added" in c.text, 10, since=mark)
    assert "2020" in done.text and "Facts found: 180" in done.text and "Failed checks: 1 (details: /audit)" in done.text


def test_admin_reindex_edits_one_message_to_a_summary(fake, bot):
    status = fake.reply_to(fake.send_text(ADMIN, "/reindex"), 10)
    done = fake.wait_for(lambda c: c.method == "editMessageText" and c.params["message_id"] ==
                         status.result["message_id"] and "done" in c.text, 10)
    edits = [c.text for c in fake.sent("editMessageText", ADMIN) if c.params["message_id"] == status.result["message_id"]]
    assert edits == ["🔄 Re-indexing…\nreading reports: 1/1 a.txt", done.text]
    assert "1 reports, 7 passages" in done.text


def test_start_says_what_is_indexed_with_examples(fake, bot):
    reply = fake.reply_to(fake.send_text(17, "/start", language_code="zh-hans"), 10)
    assert "2 份报告" in reply.text and "2020–2023" in reply.text
    assert reply.text.count("<code>") == 6 and "平潭2023年新收" in reply.text and "Pingtan receive" in reply.text


def test_malformed_upload_gets_a_clear_reply(fake, bot):
    mark = fake.mark()
    fake.send_document(ADMIN, b"\x00\x01 not a report", "junk.html")
    done = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == ADMIN, 10, since=mark)
    assert "Could not add junk.html: not an annual report" in done.text


def test_wrong_file_type_is_refused(fake, bot):
    reply = fake.reply_to(fake.send_document(ADMIN, b"%PDF", "r.pdf", mime_type="application/pdf"), 10)
    assert ".html" in reply.text


def test_audit_lists_reports_whose_totals_disagree(fake, bot):
    reply = fake.reply_to(fake.send_text(ADMIN, "/audit"), 10)
    assert "三(七) 总计 21 ≠ 27" in reply.text and "2023" not in reply.text


def test_error_is_reported_in_the_users_language_and_bot_keeps_running(fake, bot):
    mark = fake.mark()
    fake.send_text(16, "boom 爆炸")
    error = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 16, 10, since=mark)
    assert "出了问题" in error.text
    assert "81" in fake.reply_to(fake.send_text(16, "still there?"), 10).text


def test_webhook_mode_receives_updates_posted_to_it():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with FakeBotApi() as server:
        library = stand_in_library(StandInIndex([]), workers=1)
        running = InProcessBot(Settings(token=server.token, api_base=server.base_url), library,
                               webhook=f"http://127.0.0.1:{port}/telegram", port=port).start(server)
        try:
            assert server.webhook[0] == f"http://127.0.0.1:{port}/telegram" and server.webhook[1]
            assert "81" in server.reply_to(server.send_text(5, "平潭2023年新收多少件？"), 10).text
        finally:
            running.stop(server)


def slow_answer(question: str, index: StandInIndex) -> Answer:
    if "slow" in question:
        import time

        time.sleep(1.5)
    return stand_in_answer(question, index)


@pytest.fixture
def slow_bot():
    with FakeBotApi() as server:
        library = stand_in_library(StandInIndex([]), slow_answer)
        running = InProcessBot(Settings(token=server.token, api_base=server.base_url), library).start(server)
        yield server, running
        running.stop(server)


def test_a_slow_question_does_not_stall_other_chats(slow_bot):
    fake, _ = slow_bot
    slow = fake.send_text(1, "a slow question")
    quick = fake.reply_to(fake.send_text(2, "a quick one"), 10)
    assert quick.at - fake.pushed_at(slow["message_id"]) < 0.5
    assert fake.reply_to(slow, 10).at > quick.at


def test_stopping_finishes_the_question_being_answered(slow_bot):
    fake, running = slow_bot
    msg = fake.send_text(3, "a slow question before shutdown")
    fake.wait_for(lambda c: c.method == "sendChatAction" and c.chat_id == 3, 5)
    running.stop(fake)
    assert "81" in fake.reply_to(msg, 1).text


def test_every_progress_stage_of_the_index_has_a_label_in_both_languages():
    import inspect
    import re

    import index.build
    from bot.telegram.i18n import STRINGS

    stages = set(re.findall(r'Progress\("(\w+)"', inspect.getsource(index.build)))
    assert stages and all(f"stage_{s}" in STRINGS for s in stages)


def test_a_question_past_the_answer_timeout_is_told_to_rephrase_and_the_chat_goes_on():
    with FakeBotApi() as server:
        library = stand_in_library(StandInIndex([]), slow_answer, answer_timeout=0.5)
        running = InProcessBot(Settings(token=server.token, api_base=server.base_url), library).start(server)
        try:
            reply = server.reply_to(server.send_text(4, "a slow question", language_code="en"), 10)
            assert "took too long" in reply.text
            assert "81" in server.reply_to(server.send_text(4, "a quick one"), 10).text
        finally:
            running.stop(server)
