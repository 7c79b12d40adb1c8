"""Every cell of a real report asked for by the template's own row and column labels, in Chinese and in
English: the answer states the report's number or no number at all — never a different one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.answer import answer
from ingest import template as tpl

GOLD = json.loads((Path(__file__).parent / "data" / "2025_pingtan_syq_page.facts.json").read_text(encoding="utf-8"))


def _questions(lang: str) -> list[tuple[str, str]]:
    template = tpl.TEMPLATES[GOLD["template"]]
    out = []
    for table in template.tables:
        for block in table.blocks:
            for row in block.rows:
                for column in block.columns:
                    key = table.cell_key(row, column)
                    if key in GOLD["facts"]:
                        out.append((key, _question(key, row, column, lang)))
    return out


def _question(key: str, row: tpl.Row, column: tpl.Column, lang: str) -> str:
    if lang == "en":
        return f"What was {row.en}, {column.en}, for Pingtan in 2025?"
    label = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）.、]\s*", "", row.zh)
    shown = "" if column.zh == "总计" and key.startswith("applications") else column.zh
    return f"平潭{GOLD['year']}年{label}{shown}是多少？"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_cell_asked_by_its_label_gets_a_wrong_number(answer_index, lang):
    wrong, answered = [], 0
    for key, question in _questions(lang):
        a = answer(question, answer_index)
        if a.value is None:
            continue
        answered += 1
        if abs(a.value - GOLD["facts"][key]) > 1e-6:
            wrong.append((question, a.value, GOLD["facts"][key]))
    assert wrong == []
    assert answered >= 0.85 * len(GOLD["facts"])
