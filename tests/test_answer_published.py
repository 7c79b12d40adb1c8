"""When a report was published is answered from the date its copy prints (a page's date line, the signature),
for every report of the bundled samples and both languages; a copy that prints no date says so and gives none.
The expected date is the gold facts file's (hand-read from the source), never the index's."""

from __future__ import annotations

import json

import pytest
from agency_questions import GOLD, NAMES

from bot.answer import answer

ASKED = {"zh": ("{a}{y}年度报告的发布日期是什么时候？", "{a}{y}年的年报什么时候发布的？"),
         "en": ("When was the {y} report of {a} published?", "What is the publication date of {a}'s {y} report?")}


def printed_date(agency: str, year: int) -> str | None:
    gold = json.loads(GOLD[(agency, year)].read_text(encoding="utf-8"))
    if "not printed" in gold.get("published_note", ""):
        return None  # the date of the web page, not printed in the copy
    return gold.get("published")


@pytest.mark.parametrize("agency, year", sorted(GOLD))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_publication_date_is_the_one_the_copy_prints(samples, agency, year, lang):
    date = printed_date(agency, year)
    for question in ASKED[lang]:
        a = answer(question.format(a=NAMES[agency][0 if lang == "zh" else 1][0], y=year), samples)
        if date:
            assert a.kind == "list" and date in a.text, (question, a.text)
        else:
            assert a.kind == "not_found" and ("没有印出发布日期" in a.text or "prints no publication date" in a.text), a.text
        assert a.value is None
