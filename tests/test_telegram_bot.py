"""The Telegram layer over real HTTP with a stand-in index: commands, buttons, admin rights, languages,
escaping and splitting as Telegram checks them. (tests/test_telegram_e2e.py runs the real index.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakebotapi import FakeBotApi
from telegram_harness import InProcessBot

from bot.audit import Finding
from bot.telegram.app import Settings
from bot.telegram.service import Library
from bot.types import Answer, FactRef, Query, Source
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
    if "trend" in question or "历年" in question:
        return trend_answer(question, lang)
    if "营商局" in question and "市营商" not in question:
        return Answer(question, "clarify", "哪个营商局？", options=("盘锦市营商环境建设局", "大连市营商环境建设局"),
                      lang=lang)
    if "long" in question:
        return Answer(question, "narrative", "\n\n".join(f"第{i}段 <b>不是标签</b> & {'字' * 300}" for i in range(40)),
                      sources=(SOURCE,), lang=lang)
    if "boom" in question:
        raise RuntimeError("boom")
    return Answer(question, "fact", f"81 件 ({question})", value=81, sources=(SOURCE,), lang=lang)


TREND = {2019: 23, 2020: 21, 2022: 74, 2023: 81, 2025: 154}  # no report for 2021 and 2024


def trend_answer(question: str, lang: str) -> Answer:
    facts = tuple(FactRef("applications.new_received.total", v, "平潭综合实验区", y) for y, v in TREND.items())
    text = "平潭综合实验区 本年新收政府信息公开申请数量：" + " → ".join(f"{y}年 {v}件" for y, v in TREND.items()) + "。"
    query = Query(question, lang, ("平潭综合实验区",), tuple(TREND), keys=("applications.new_received",),
                  intent="compare")
    return Answer(question, "compare", text * (30 if "long" in question else 1), facts=facts,
                  sources=(SOURCE,), lang=lang, query=query)


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


def stand_in_audit(index: StandInIndex, agency: str | None, year: int | None) -> list[Finding]:
    found = [Finding("平潭综合实验区", 2020 + i % 4, "table.identity", "contradiction", f"Row {i}: 21 ≠ 27",
                     f"第{i}行：21 ≠ 27 <总计>", sources=(SOURCE,)) for i in range(7)]
    return [f for f in found if year is None or f.year == year]


def stand_in_library(index: StandInIndex, answer_fn=stand_in_answer, workers: int = 2,
                     answer_timeout: float = 60.0) -> Library:
    return Library(None, workers=workers, open_index=lambda home: index, answer_fn=answer_fn,
                   choice_fn=stand_in_choice, ingest_fn=stand_in_ingest, reindex_fn=stand_in_reindex,
                   answer_timeout=answer_timeout, audit_fn=stand_in_audit)


@pytest.fixture(scope="module")
def bot(fake, tmp_path_factory):
    reports = [ReportRecord(1, "平潭综合实验区", 2020, "t", None, None, "2019", "a.txt", "x",
                            failed_checks=("三(七) 总计 21 ≠ 27",)),
               ReportRecord(2, "平潭综合实验区", 2023, "t", None, None, "2021", "b.txt", "y")]
    library = stand_in_library(StandInIndex(reports))
    settings = Settings(token=fake.token, home=str(tmp_path_factory.mktemp("bot-home")), admins=frozenset({ADMIN}),
                        api_base=fake.base_url)
    running = InProcessBot(settings, library).start(fake)
    yield running
    running.stop(fake)


def test_command_menu_and_help_come_from_one_list(fake, bot):
    names = [c["command"] for c in fake.commands()]
    assert names == ["start", "help", "agencies", "lang", "audit"]
    assert [c["command"] for c in fake.commands("zh")] == names
    help_reply = fake.reply_to(fake.send_text(10, "/help"), 10)
    assert all(f"/{n}" in help_reply.text for n in names)
    assert "/reindex" not in help_reply.text


@pytest.mark.parametrize("command", ["/reindex", "/stats", "/watch"])
def test_admin_commands_are_refused_to_others(fake, bot, command):
    reply = fake.reply_to(fake.send_text(19, command), 10)
    assert reply.text == "Sorry, only the bot's admins can do that. To add a report, please contact an admin."


def test_admin_help_lists_admin_commands(fake, bot):
    reply = fake.reply_to(fake.send_text(ADMIN, "/help"), 10)
    assert "/reindex" in reply.text and "/stats" in reply.text


def test_anyone_may_audit_the_reports(fake, bot):
    reply = fake.reply_to(fake.send_text(31, "/audit"), 10)
    assert "page 1/2, 7 in all" in reply.text


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


@pytest.mark.parametrize(("code", "said", "first_example"), [
    ("zh-hans", "2 份报告", "平潭2023年新收政府信息公开申请多少件？"),
    ("en", "2 reports", "How many disclosure requests did Pingtan receive in 2023?")])
def test_start_greets_in_the_users_language_with_three_example_buttons(fake, bot, code, said, first_example):
    reply = fake.reply_to(fake.send_text(17, "/start", language_code=code), 10)
    assert said in reply.text and "2020–2023" in reply.text
    assert len(reply.buttons) == 3 and reply.buttons[0]["text"] == first_example


def test_an_example_button_asks_its_question(fake, bot):
    start = fake.reply_to(fake.send_text(27, "/start", language_code="en"), 10)
    mark = fake.mark()
    fake.press(start, start.buttons[2]["callback_data"], user_id=27)
    answer = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 27, 10, since=mark)
    assert "(How many government websites did Pingtan shut down in 2025?)" in answer.text
    assert any(c.method == "answerCallbackQuery" for c in fake.calls[mark:])


def test_malformed_upload_gets_a_clear_reply(fake, bot):
    mark = fake.mark()
    fake.send_document(ADMIN, b"\x00\x01 not a report", "junk.html")
    done = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == ADMIN, 10, since=mark)
    assert "Could not add junk.html: not an annual report" in done.text


def test_wrong_file_type_is_refused(fake, bot):
    reply = fake.reply_to(fake.send_document(ADMIN, b"PK\x03\x04", "r.xlsx", mime_type="application/zip"), 10)
    assert ".html" in reply.text and ".pdf" in reply.text and ".docx" in reply.text


def test_audit_shows_findings_a_page_at_a_time_each_with_a_source_button(fake, bot):
    reply = fake.reply_to(fake.send_text(ADMIN, "/audit"), 10)
    assert "page 1/2, 7 in all" in reply.text and "Row 4: 21 ≠ 27" in reply.text and "Row 5" not in reply.text
    sources, nav = reply.buttons[:5], reply.buttons[5:]
    assert [b["text"] for b in sources] == [f"📄 {n} Source" for n in range(1, 6)]
    assert [b["text"] for b in nav] == ["Next ▶"]
    mark = fake.mark()
    fake.press(reply, nav[0]["callback_data"])
    page = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == ADMIN, 10, since=mark)
    assert "page 2/2" in page.text and "7. <b>平潭综合实验区</b> 2022" in page.text and "Row 4:" not in page.text
    mark = fake.mark()
    fake.press(reply, sources[0]["callback_data"])
    quote = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == ADMIN, 10, since=mark)
    assert "&lt;总计&gt;" in quote.text


def test_audit_of_one_year_in_chinese(fake, bot):
    reply = fake.reply_to(fake.send_text(ADMIN, "/audit 平潭 2023", language_code="zh"), 10)
    assert "共1处" in reply.text and "第3行：21 ≠ 27 &lt;总计&gt;" in reply.text


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


def test_a_trend_comes_as_a_chart_with_the_answer_as_caption_and_the_buttons_kept(fake, bot):
    reply = fake.reply_to(fake.send_text(30, "平潭历年新收申请"), 30)
    assert reply.method == "sendPhoto" and "2019年 23件" in reply.text and "2025年 154件" in reply.text
    png = fake.photo_bytes(reply)
    assert png.startswith(b"\x89PNG") and 10_000 < len(png) < 300_000
    assert [b["text"] for b in reply.buttons] == ["📄 来源 / Source", "🔗 分享 / Share"]
    again = fake.reply_to(fake.send_text(31, "平潭历年新收申请"), 30)
    assert again.params["photo"] == reply.result["photo"][-1]["file_id"]  # sent again by id, not uploaded


def test_a_caption_too_long_continues_as_text_split_at_sentences(fake, bot):
    photo = fake.reply_to(fake.send_text(32, "a long trend"), 30)
    rest = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 32 and c.buttons, 10)
    assert photo.method == "sendPhoto" and not photo.buttons
    assert photo.text.endswith("。") and rest.text.startswith("平潭综合实验区")


def test_every_answer_has_a_share_link_that_asks_it_again(fake, bot):
    from bot.telegram.links import LinkStore

    reply = fake.reply_to(fake.send_text(33, "平潭2023年新收多少件？"), 10)
    url = reply.buttons[-1]["url"]
    assert url.startswith("https://t.me/xxgk_test_bot?start=")
    payload = url.split("start=")[1]
    assert len(payload) <= 64 and LinkStore(Path("/nonexistent")).question(payload) == "平潭2023年新收多少件？"
    again = fake.reply_to(fake.send_text(34, f"/start {payload}"), 10)
    assert "81" in again.text and "(平潭2023年新收多少件？)" in again.text


def test_a_question_too_long_for_the_link_is_kept_and_its_link_still_works(fake, bot):
    question = "平潭综合实验区2023年度政府信息公开工作年度报告中本年新收政府信息公开申请一共多少件？"
    reply = fake.reply_to(fake.send_text(35, question), 10)
    payload = reply.buttons[-1]["url"].split("start=")[1]
    assert payload.startswith("k") and len(payload) <= 64
    assert f"({question})" in fake.reply_to(fake.send_text(36, f"/start {payload}"), 10).text


def test_a_broken_deep_link_says_so_and_greets(fake, bot):
    reply = fake.reply_to(fake.send_text(37, "/start gAAAAAAA"), 10)
    assert reply.text.startswith("This link is not valid") and len(reply.buttons) == 3


@pytest.mark.parametrize(("text", "code", "said"), [
    ("/lang zh", "en", "好的，我会用中文回复"), ("/lang en", "zh-hans", "OK, I will reply in English"),
    ("/lang", "en", "好的，我会用中文回复")])
def test_lang_switches_the_bots_own_words(fake, bot, text, code, said):
    user = 400 + len(text) * 10 + len(code)
    assert said in fake.reply_to(fake.send_text(user, text, language_code=code), 10).text
    help_reply = fake.reply_to(fake.send_text(user, "/help", language_code=code), 10)
    assert ("直接用中文或英文提问" in help_reply.text) == ("中文" in said)


@pytest.mark.parametrize(("command", "said"), [
    ("/foo", "There is no /foo command. Just ask"), ("/平潭2023", "没有 /平潭2023 这个命令。直接用文字提问"),
    ("/foo@xxgk_test_bot", "There is no /foo command")])
def test_an_unknown_command_gets_a_short_hint(fake, bot, command, said):
    reply = fake.reply_to(fake.send_text(50, command), 10)
    assert reply.text.startswith(said) and "/help" in reply.text


def test_a_command_for_another_bot_in_a_group_is_left_alone(fake, bot):
    mark = fake.mark()
    fake.send_text(51, "/foo@other_bot")
    assert fake.reply_to(fake.send_text(51, "/help"), 10).text.startswith("Ask a question")
    assert [c.text[:10] for c in fake.sent("sendMessage", 51) if c in fake.calls[mark:]][:1] == ["Ask a ques"]


def _button_answers(fake: FakeBotApi, query: dict) -> list:
    return [c for c in fake.sent("answerCallbackQuery") if c.params["callback_query_id"] == query["id"]]


@pytest.mark.parametrize("data", [None, "zzz", "c:zz:0", "c:1:999", "s:ffffff", "x:9:zh", "a:1:fr", "s:" + "f" * 60])
def test_every_callback_shape_gets_a_polite_answer_and_no_error(fake, bot, data):
    start = fake.reply_to(fake.send_text(52, "/start"), 10)
    mark = fake.mark()
    query = fake.press(start, data, user_id=52, forged=True)
    answered = fake.wait_for(lambda c: c.method == "answerCallbackQuery" and
                             c.params["callback_query_id"] == query["id"], 10, since=mark)
    assert answered.params.get("show_alert") and "ask again" in answered.params["text"]
    fake.reply_to(fake.send_text(52, "/help"), 10)
    assert not [c for c in fake.calls[mark:] if c.method == "sendMessage" and "went wrong" in c.text]


def test_a_button_of_another_kind_is_refused_politely(fake, bot):
    clarify = fake.reply_to(fake.send_text(53, "营商局2020年收到多少申请？"), 10)
    pid = clarify.buttons[0]["callback_data"].split(":")[1]
    mark = fake.mark()
    query = fake.press(clarify, f"s:{pid}", user_id=53, forged=True)  # the clarify's id, as a Source button
    answered = fake.wait_for(lambda c: c.method == "answerCallbackQuery" and
                             c.params["callback_query_id"] == query["id"], 10, since=mark)
    assert answered.params["text"] == "This source has expired; please ask again."
    fake.reply_to(fake.send_text(53, "/help"), 10)
    assert not [c for c in fake.calls[mark:] if c.method == "sendMessage" and "went wrong" in c.text]


def test_an_inline_query_is_answered_with_the_text_answer_and_a_link_back(fake, bot):
    from fakebotapi import parsed_text

    mark = fake.mark()
    query = fake.send_inline(60, "平潭2023年新收多少件？")
    answered = fake.wait_for(lambda c: c.method == "answerInlineQuery" and
                             c.params["inline_query_id"] == query["id"], 10, since=mark)
    [article] = answered.params["results"]
    assert article["type"] == "article" and article["title"] == "平潭2023年新收多少件？"
    assert parsed_text(article["input_message_content"]["message_text"]) == "81 件 (平潭2023年新收多少件？)"
    assert article["reply_markup"]["inline_keyboard"][0][0]["url"].startswith("https://t.me/xxgk_test_bot?start=g")
    assert answered.params["is_personal"] is False and answered.params["cache_time"] == 300


def test_an_inline_trend_offers_its_chart_once_the_chart_is_stored(fake, bot):
    fake.reply_to(fake.send_text(61, "平潭历年新收申请"), 30)  # sent once in a chat: Telegram has its file id
    mark = fake.mark()
    query = fake.send_inline(62, "平潭历年新收申请")
    answered = fake.wait_for(lambda c: c.method == "answerInlineQuery" and
                             c.params["inline_query_id"] == query["id"], 30, since=mark)
    photo, article = answered.params["results"]
    assert photo["type"] == "photo" and photo["photo_file_id"] in fake.photos
    assert "2025年 154件" in photo["caption"] and article["type"] == "article"


def test_an_inline_query_too_short_offers_the_bot_and_is_personal(fake, bot):
    mark = fake.mark()
    query = fake.send_inline(63, "平", language_code="zh-hans")
    answered = fake.wait_for(lambda c: c.method == "answerInlineQuery" and
                             c.params["inline_query_id"] == query["id"], 10, since=mark)
    assert answered.params["results"] == [] and answered.params["is_personal"] is True
    assert answered.params["button"] == {"text": "输入问题，例如：平潭2023年新收申请", "start_parameter": "hello"}


def test_one_chats_429_does_not_delay_another_chats_answer(fake, bot):
    import time

    fake.flood_chat(70, retry_after=4)  # Telegram: "retry after 4" for chat 70 alone
    slowed = fake.send_text(70, "平潭2023年新收多少件？")
    deadline = time.monotonic() + 10
    while not [c for c in fake.calls if c.chat_id == 70 and c.status == 429] and time.monotonic() < deadline:
        time.sleep(0.02)
    asked = fake.send_text(71, "平潭2023年新收多少件？")
    prompt = fake.reply_to(asked, 10)
    assert prompt.at - fake.pushed_at(asked["message_id"]) < 1.0
    late = fake.reply_to(slowed, 15)
    assert late.at - fake.pushed_at(slowed["message_id"]) >= 4


def test_with_a_chart_chat_an_inline_trend_gets_its_chart_at_once(tmp_path):
    with FakeBotApi() as server:
        library = stand_in_library(StandInIndex([]), workers=1)
        settings = Settings(token=server.token, home=str(tmp_path), api_base=server.base_url, chart_chat=-100123)
        running = InProcessBot(settings, library).start(server)
        try:
            query = server.send_inline(64, "平潭历年新收申请")
            answered = server.wait_for(lambda c: c.method == "answerInlineQuery", 30)
            stored = server.sent("sendPhoto", -100123)
            assert len(stored) == 1 and stored[0].params.get("disable_notification") is True
            photo = answered.params["results"][0]
            assert answered.params["inline_query_id"] == query["id"]
            assert photo["type"] == "photo" and photo["photo_file_id"] == stored[0].result["photo"][-1]["file_id"]
        finally:
            running.stop(server)
