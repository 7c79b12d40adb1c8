"""A count the tables do not hold ("how many items did X proactively disclose") is answered from the sentence of
the text that states it, for every report of the bundled samples and both languages; a report whose text
states none says so before the closest passage, and a table's header cells left in the text are never quoted.
The oracle is the report's own text, read with a pattern here, never the answering code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answer import answer
from bot.compose.narrative import table_residue
from ingest.parse import parse_report

SAMPLES = Path(__file__).resolve().parents[1] / "index" / "samples"
REPORTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".pdf") or p.name.endswith("fgj.html"))
# A sentence stating how many items were proactively disclosed ("主动公开政府信息14571条", "主动公开…664件").
_STATED = re.compile(r"主动公开[^。；\n]*?\d+\s*(?:余|多)?\s*[条件个篇]")
_COUNTS = re.compile(r"\d+\s*(?:余|多)?\s*[条件个篇]")
ZH = ("{a}{y}年主动公开信息多少条？", "{a}{y}年主动公开了多少件政府信息？")
EN = ("How many pieces of information did {a} proactively disclose in {y}?",)


def _report(path: Path):
    parsed = parse_report(path)
    sentences = re.split(r"[。；\n]", "\n".join(s.text for s in parsed.sections))
    stated = any(_STATED.search(x) and not table_residue(x) for x in sentences)
    return parsed.meta.agency, parsed.meta.year, stated


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_only_the_text_holds_is_quoted_from_the_sentence_stating_it(samples, path, lang):
    agency, year, stated = _report(path)
    for phrasing in ZH if lang == "zh" else EN:
        a = answer(phrasing.format(a=agency, y=year), samples)
        quotes = [s.quote for s in a.sources]
        assert not any(table_residue(q) for q in quotes), (path.name, a.text)
        if stated:
            assert a.kind == "narrative" and _COUNTS.search(quotes[0]) and "公开" in quotes[0], a.text
        elif a.kind == "narrative" and not _COUNTS.search(quotes[0]):  # the closest passage, said as such
            assert a.text.startswith(("没有找到写明", "No sentence found states")), a.text


@pytest.mark.parametrize("sentence, residue", [
    ("第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数", True),
    ("第二十条第(一)项 信息内容 本年新 制作数量 本年新 公开数量 对外公开总数量", True),
    ("（一）主动公开方面 平潭综合实验区切实落实国务院办公厅要求，2022年全区共主动公开政府信息14571条。", False),
    ("全年通过门户网站主动公开政务信息664件。", False),
])
def test_table_header_cells_left_in_the_text_are_told_from_sentences(sentence, residue):
    assert table_residue(sentence) is residue


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_year_asked_of_the_text_quotes_the_latest_report_that_says_it(samples, lang):
    """"平潭政务新媒体有多少个", "Pingtan's phone number": with no year, the latest report that speaks of it is
    quoted, and the answer says the year was taken; never an older one when a newer says it too."""
    q = {"zh": "平潭综合实验区政务新媒体有多少个？", "en": "How many new media accounts does Pingtan operate?"}[lang]
    a = answer(q, samples)
    assert a.kind == "narrative" and a.sources[0].year == 2025, a.text
    assert "问题没有说明年份" in a.text if lang == "zh" else "No year was given" in a.text


def test_a_number_that_is_no_count_is_stated_by_its_digits(samples):
    """"电话是多少" asks for a telephone number: a sentence printing one states it (no "no such figure" note)."""
    a = answer("平潭综合实验区政府信息公开办公室的联系电话是多少？", samples)
    assert a.kind == "narrative" and re.search(r"\d{4}", a.sources[0].quote), a.text
    assert not a.text.startswith("没有找到写明"), a.text
