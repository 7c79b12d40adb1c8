"""Telegram HTML: report text is always escaped, long text is split where Telegram accepts every piece."""

from __future__ import annotations

import pytest
from fakebotapi import ApiError, parsed_text, utf16_len

from bot.telegram import html, views
from bot.telegram.i18n import lang_of
from bot.types import Answer, Source


def test_report_text_is_escaped_in_answer_and_source():
    src = Source("报告<1>", "A&B局", 2023, "表<三>", 'row "x" <td>&nbsp;', "https://x.gov.cn/a?b=1&c=2")
    answer = Answer("q", "fact", "2081年 共 81 件 <b>&", value=81, sources=(src,), lang="zh")
    assert html.answer_html(answer) == "2081年 共 <b>81</b> 件 &lt;b&gt;&amp;"
    source = html.sources_html((src,), "zh")
    assert parsed_text(source) == '📄 报告<1>\nA&B局 · 2023年 · 表<三>\nrow "x" <td>&nbsp;\n原文'
    assert 'href="https://x.gov.cn/a?b=1&amp;c=2"' in source


@pytest.mark.parametrize("unit", ["字", "a", "😀", "&amp;", "<b>粗</b>"])
def test_split_pieces_fit_and_parse_and_lose_nothing(unit):
    text = "\n\n".join(f"<i>段落 {i}</i> " + unit * (i * 37 % 500) + "\n第二行 &lt;x&gt;" for i in range(60))
    parts = html.split_html(text, limit=1000)
    assert len(parts) > 3
    for part in parts:
        assert utf16_len(parsed_text(part)) <= 1000
    assert "".join(parsed_text(p) for p in parts).replace("\n", "").replace(" ", "") == \
        parsed_text(text).replace("\n", "").replace(" ", "")


def test_split_prefers_paragraphs_and_reopens_tags():
    text = "<b>" + "\n\n".join("x" * 300 for _ in range(10)) + "</b>"
    parts = html.split_html(text, limit=1000)
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
    assert all(len(parsed_text(p).split("\n\n")[-1]) == 300 for p in parts)


def test_split_never_cuts_an_entity_or_tag_without_break_points():
    text = "&amp;" * 3000
    parts = html.split_html(text, limit=4096)
    assert all(p.startswith("&amp;") and p.endswith("&amp;") for p in parts)
    assert sum(len(parsed_text(p)) for p in parts) == 3000


def test_short_text_is_one_piece():
    assert html.split_html("短") == ["短"]


def test_the_fake_server_rejects_what_telegram_rejects():
    for bad in ("a < b", "AT&T", "<b>open", "<div>x</div>"):
        with pytest.raises(ApiError):
            parsed_text(bad)


@pytest.mark.parametrize(("text", "code", "lang"), [
    ("平潭2023年收到多少申请？", "en", "zh"), ("how many requests?", "zh-hans", "zh"),
    ("how many requests?", "en", "en"), ("/start", None, "en"), ("Pingtan 平潭 2023", "de", "zh")])
def test_language_follows_the_message_then_the_users_setting(text, code, lang):
    assert lang_of(text, code) == lang


def test_why_a_report_was_not_added_is_said_in_chinese_to_a_chinese_admin(tmp_path):
    from index.build import IngestResult, ReportOutcome
    from ingest.errors import ReportError
    from ingest.parse import parse_report

    def failed(name: str, data: bytes) -> ReportOutcome:
        try:
            parse_report(name, data)
        except ReportError as e:
            return ReportOutcome(name, "failed", reason=str(e))
        raise AssertionError("parsed")

    outcomes = (failed("a.html", b""), failed("b.txt", "会议通知：明天开会。".encode()),
                failed("c.txt", b"\x00\x01\x02"))
    zh = views.ingest_html(IngestResult(outcomes, None, "m"), "upload.txt", "zh")
    assert "文件是空的" in zh and "看起来不是政府信息公开工作年度报告" in zh and "二进制文件" in zh
    en = views.ingest_html(IngestResult(outcomes, None, "m"), "upload.txt", "en")
    assert "is empty" in en and "does not look like" in en
