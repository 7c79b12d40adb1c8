"""The paraphrase set (tests/data/paraphrases.jsonl) is a sound yardstick: its keys are the template's, its
gold is the gold facts files', its evidence is in the reports, and no question is asked twice.

These tests check the set itself, not how well it is answered: that is `python -m bench.eval
tests/data/paraphrases.jsonl` (bench/README-eval.md), so the suite stays green while answering improves.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from ingest.template import DERIVED_2021, TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SET = DATA / "paraphrases.jsonl"
FACTS_KEYS_DOC = ROOT / "docs" / "facts-keys.md"  # a copy of the shared contract of fact keys
KINDS = {"fact", "derived", "compare", "narrative", "unanswerable", "clarify"}
FIELDS = {
    "fact": {"key", "agency", "year", "value", "source", "family"},
    "derived": {"op", "value", "terms", "formula"},
    "compare": {"values"},
    "narrative": {"evidence", "source", "agency", "year"},
    "unanswerable": {"why"},
    "clarify": {"candidates"},
}
ITEMS = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def cells(item: dict) -> list[dict]:
    """Every gold cell an item rests on: its own, its compared values, its candidates, its terms."""
    own = [item] if item["kind"] == "fact" else []
    terms = [t for group in item.get("terms", []) for t in group]
    return own + item.get("values", []) + item.get("candidates", []) + terms


@cache
def template_keys(template: str) -> frozenset[str]:
    keys = {
        table.cell_key(row, col)
        for table in TEMPLATES[template].tables
        for block in table.blocks
        for row in block.rows
        for col in block.columns
    }
    return frozenset(keys | (set(DERIVED_2021) if template == "2021" else set()))


@cache
def indexed_gold() -> dict[tuple[str, int], dict]:
    """The gold of the copy the sample index keeps for each report: the full HTML page where there is one."""
    chosen: dict[tuple[str, int], tuple[str, dict]] = {}
    for path in sorted(DATA.glob("*.facts.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        slot = (gold["agency"], gold["year"])
        if slot not in chosen or path.name.endswith("_page.facts.json"):
            chosen[slot] = (path.name, gold)
    return {slot: {**gold, "file": name} for slot, (name, gold) in chosen.items()}


def gold_of(c: dict) -> dict:
    return indexed_gold()[(c["agency"], c["year"])]


def test_the_set_is_a_few_hundred_items_over_every_kind_in_both_languages():
    assert len(ITEMS) >= 300
    for kind in KINDS:
        langs = Counter(i["lang"] for i in ITEMS if i["kind"] == kind)
        assert langs["zh"] >= 4 and langs["en"] >= 4, f"{kind}: {langs}"
    followups = Counter(i["lang"] for i in ITEMS if i.get("context"))
    assert followups["zh"] >= 20 and followups["en"] >= 20


def test_every_item_has_the_fields_of_its_kind():
    for item in ITEMS:
        assert item["kind"] in KINDS, item["id"]
        assert item["lang"] in ("zh", "en") and item["q"] and item["q"].strip() == item["q"], item["id"]
        assert FIELDS[item["kind"]] <= set(item), f"{item['id']}: missing {FIELDS[item['kind']] - set(item)}"
        assert isinstance(item["tags"], list), item["id"]
        if "context" in item:
            assert item["context"] and all(isinstance(t, str) and t for t in item["context"]), item["id"]


def test_every_key_family_is_asked_five_times_in_each_language():
    asked = Counter(
        (i["family"], i["lang"]) for i in ITEMS if i["kind"] == "fact" and i["id"].startswith("fact/")
    )
    families = {family for family, _ in asked}
    rows = {k.rsplit(".", 1)[0] for t in TEMPLATES for k in template_keys(t)} - {""}
    assert rows <= families | {"applications.results.other"}, f"never asked: {sorted(rows - families)}"
    for family in families:
        assert asked[(family, "zh")] >= 5 and asked[(family, "en")] >= 5, family


def test_every_key_is_a_cell_of_the_template_its_report_uses():
    for item in ITEMS:
        for c in cells(item):
            template = gold_of(c)["template"]
            assert c["key"] in template_keys(template), f"{item['id']}: {c['key']} is not a {template} cell"


def test_every_key_is_spelled_as_in_facts_keys_md():
    named = set(re.findall(r"`([^`]+)`", FACTS_KEYS_DOC.read_text(encoding="utf-8")))
    for item in ITEMS:
        for c in cells(item):
            row, column = c["key"].rsplit(".", 1)
            table, _, rest = row.partition(".")
            parts = [row, f".{column}"] if table == "proactive" else [rest or table, column]
            if table == "litigation":
                parts = [row, column]
            assert all(p in named for p in parts), f"{item['id']}: {c['key']} ({parts})"


def test_every_gold_value_is_a_certain_cell_of_the_indexed_copys_gold():
    for item in ITEMS:
        for c in cells(item):
            gold = gold_of(c)
            assert c["key"] not in gold.get("ambiguous", []), (
                f"{item['id']}: {c['key']} is ambiguous in {gold['file']}"
            )
            assert gold["facts"].get(c["key"]) == c["value"], f"{item['id']}: {c['key']} in {gold['file']}"
        if item["kind"] == "fact":
            assert item["source"] == gold_of(item)["file"]


def test_where_a_scraped_copy_of_the_report_places_a_cell_it_agrees_with_the_page():
    for path in DATA.glob("*_page.facts.json"):
        page = json.loads(path.read_text(encoding="utf-8"))["facts"]
        text = json.loads(path.with_name(path.name.replace("_page", "")).read_text(encoding="utf-8"))["facts"]
        assert {k: v for k, v in text.items() if page.get(k) != v} == {}, path.name


def test_derived_values_follow_from_their_terms():
    for item in (i for i in ITEMS if i["kind"] == "derived"):
        sums = [sum(t["value"] for t in group) for group in item["terms"]]
        expected = {
            "share": lambda s: 100 * s[0] / s[1],
            "sum": lambda s: s[0],
            "diff": lambda s: s[0] - s[1],
            "growth": lambda s: 100 * (s[0] - s[1]) / s[1],
        }[item["op"]](sums)
        assert item["value"] == pytest.approx(expected, abs=1e-6), item["id"]


def test_narrative_evidence_is_in_the_report_text():
    for item in (i for i in ITEMS if i["kind"] == "narrative"):
        text = re.sub(r"\s+", "", (DATA / item["source"]).read_text(encoding="utf-8"))
        evidence = item["evidence"] if isinstance(item["evidence"], list) else [item["evidence"]]
        for e in evidence:
            assert re.sub(r"\s+", "", e) in text, f"{item['id']}: {e!r} not in {item['source']}"


def test_no_question_is_asked_twice_nor_copied_from_the_development_questions():
    asked = Counter((tuple(i.get("context", [])), i["q"]) for i in ITEMS)
    assert [q for q, n in asked.items() if n > 1] == []
    assert len({i["id"] for i in ITEMS}) == len(ITEMS)
    development = {
        json.loads(line)["q"]
        for name in ("questions.jsonl", "questions_extra.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert [i["q"] for i in ITEMS if i["q"] in development and not i.get("context")] == []


def test_the_file_is_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location("make_paraphrases", ROOT / "bench" / "make_paraphrases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render(module.build()) == SET.read_text(encoding="utf-8"), (
        "rerun python bench/make_paraphrases.py"
    )


def test_the_benchmark_counts_a_stated_number_other_than_the_gold_as_wrong_not_as_a_refusal():
    spec = importlib.util.spec_from_file_location("bench_eval", ROOT / "bench" / "eval.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    item = next(i for i in ITEMS if i["kind"] == "fact" and i["value"] not in (0, 1))
    cell = {"key": item["key"], "agency": item["agency"], "year": item["year"]}

    def answer(kind, value, key=item["key"]):
        return {
            "kind": kind,
            "answer": "",
            "value": value,
            "facts": [{**cell, "key": key, "value": value}],
            "sources": [],
        }

    assert scorer.judge(item, answer("fact", item["value"])) == "ok"
    assert scorer.judge(item, answer("fact", item["value"] + 1)) == "wrong number"
    assert scorer.judge(item, answer("fact", item["value"], key="review.total")) == "wrong row"
    assert scorer.judge(item, {"kind": "not_found", "answer": "", "value": None, "sources": []}) == "refused"
