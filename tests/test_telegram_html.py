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


@pytest.mark.parametrize("value", [27, 39, 34, 38, 60, 62, 3, 4])  # 27: &#x27; 39: &#39; 34: &#34; 38: &#38; …
@pytest.mark.parametrize("name", ["Hebei Province People's Government", "A&B <局> “x” 'y'", "&#x27;&amp;&lt;"])
def test_the_value_is_bolded_in_the_text_never_inside_an_entity(value, name):
    text = f"{name}, 2022 — granted, total: {value} (row “予以公开”). Source: 《{name}2022年报告》."
    rendered = html.answer_html(Answer("q", "fact", text, value=value, lang="en"))
    assert parsed_text(rendered) == text  # Telegram accepts it and shows exactly the answer's text
    assert rendered.count("<b>") == 1 and rendered.count("</b>") == 1
    if not any(ch.isdigit() for ch in name):
        assert f"<b>{value}</b> (row" in rendered


@pytest.mark.slow
def test_a_real_answer_for_a_peoples_government_with_value_27_renders(tmp_path):
    from pathlib import Path

    from bot.answer import answer
    from index.build import ingest
    from index.reader import Index

    # The Hebei education department's 2022 report, its agency renamed to a people's government
    # (whose English gloss has an apostrophe); 予以公开 total is 27, the digits of &#x27;.
    report = Path(__file__).parent / "data" / "telegram" / "2022_hebei_szf_derived.txt"
    ingest(tmp_path, [report])
    index = Index.open(tmp_path, bootstrap=False)
    try:
        result = answer("How many requests did the Hebei People's Government grant in full in 2022?", index)
    finally:
        index.close()
    assert result.value == 27 and "People's Government" in result.text
    rendered = html.answer_html(result)
    assert parsed_text(rendered) == result.text and "<b>27</b>" in rendered


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


def test_long_answers_are_split_at_sentence_ends():
    sentences = [f"第{i}句：平潭综合实验区{i}年新收申请{'数' * (i % 40)}件。" for i in range(300)]
    parts = html.split_html("".join(sentences), limit=1000)
    assert len(parts) > 5 and all(p.endswith("。") for p in parts)
    english = " ".join(f"Sentence {i} says {'very ' * (i % 30)}much." for i in range(300))
    assert all(p.endswith(".") for p in html.split_html(english, limit=1000))


def test_a_caption_takes_the_first_sentences_and_the_rest_follows():
    text = "".join(f"第{i}句，有<b>粗体</b>与&amp;。" for i in range(200))
    caption, rest = html.split_first(text, html.CAPTION_LIMIT)
    assert utf16_len(caption) <= 1024 and caption.endswith("。") and parsed_text(caption)
    assert parsed_text(caption) + parsed_text(rest) == parsed_text(text)


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
