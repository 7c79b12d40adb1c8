"""Questions about every agency of the bundled samples, derived from their gold facts: each report × a few key
families × both languages × the agency's Chinese and English names. Used by tests/test_answer_agencies.py.

The phrasings are written from the template's labels and from how people ask (a journalist's "FOI requests",
"turned down", "sued"), one list per family and language; the agency names are the official name, the short
names citizens use, and English names built from the name's parts. The gold value of every question is the
report's hand-read facts file (tests/data), never the answering code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"

# The reports of the bundled samples beyond Pingtan and Panjin, with their gold facts.
GOLD = {
    ("河北省教育厅", 2019): DATA / "tables" / "2019_hebei_jyt.facts.json",
    ("河北省教育厅", 2021): DATA / "agencies" / "2021_hebei_jyt.facts.json",
    ("河北省教育厅", 2022): DATA / "agencies" / "2022_hebei_jyt.facts.json",
    ("河北省教育厅", 2023): DATA / "agencies" / "2023_hebei_jyt.facts.json",
    ("河北省科学技术厅", 2021): DATA / "agencies" / "2021_hebei_kjt.facts.json",
    ("河北省科学技术厅", 2023): DATA / "agencies" / "2023_hebei_kjt.facts.json",
    ("平潭综合实验区公安局", 2022): DATA / "agencies" / "2022_pingtan_gaj.facts.json",
    ("沭阳县发展和改革局", 2023): DATA / "agencies" / "2023_shuyang_fgj.facts.json",
    ("淮安市人民政府", 2024): DATA / "2024_huaian_szf.facts.json",
    ("上海市人民政府办公厅", 2025): DATA / "agencies" / "2025_shanghai_szfbgt.facts.json",
}

# How people name each agency: Chinese (official, short) and English (from the name's parts).
NAMES = {
    "河北省教育厅": (
        ("河北省教育厅", "河北教育厅"),
        ("Hebei Education Department", "the Hebei Provincial Department of Education"),
    ),
    "河北省科学技术厅": (
        ("河北省科学技术厅", "河北省科技厅"),
        (
            "Hebei Provincial Department of Science and Technology",
            "the Hebei science and technology department",
        ),
    ),
    "平潭综合实验区公安局": (
        ("平潭综合实验区公安局", "平潭公安局"),
        ("Pingtan Public Security Bureau", "the Pingtan police"),
    ),
    "沭阳县发展和改革局": (
        ("沭阳县发展和改革局", "沭阳发改局"),
        ("Shuyang Development and Reform Bureau", "the Shuyang County development and reform bureau"),
    ),
    "淮安市人民政府": (
        ("淮安市人民政府", "淮安市政府"),
        ("Huai'an government", "the Huai'an Municipal People's Government"),
    ),
    "上海市人民政府办公厅": (
        ("上海市人民政府办公厅", "上海市政府办公厅"),
        ("Shanghai General Office", "the General Office of the Shanghai Municipal Government"),
    ),
}

# key -> (Chinese phrasings, English phrasings); {a} the agency, {y} the year.
PHRASINGS = {
    "applications.new_received.total": (
        ("{a}{y}年新收了多少件政府信息公开申请？", "{y}年向{a}提出的信息公开申请一共有几件？"),
        (
            "How many FOI requests did {a} receive in {y}?",
            "How many new disclosure applications were filed with {a} in {y}?",
        ),
    ),
    "applications.carried_over.total": (
        ("{a}{y}年上年结转的申请有几件？",),
        ("How many requests did {a} carry over from the previous year into {y}?",),
    ),
    "applications.results.granted.total": (
        ("{a}{y}年予以公开的申请有多少件？", "{y}年{a}全部公开了几件申请？"),
        (
            "In {y}, how many requests did {a} grant in full?",
            "How many applications were fully disclosed by {a} in {y}?",
        ),
    ),
    "applications.results.partially_granted.total": (
        ("{a}{y}年部分公开了多少件？",),
        ("How many requests were partly released by {a} in {y}?",),
    ),
    "applications.results.unavailable.not_held.total": (
        ("{a}{y}年因本机关不掌握相关政府信息而无法提供的有几件？",),
        ("How many requests did {a} answer in {y} by saying it did not hold the information?",),
    ),
    "applications.results.not_processed.duplicate.total": (
        ("{a}{y}年重复申请不予处理的有几件？",),
        ("How many duplicate requests did {a} decline to process in {y}?",),
    ),
    "applications.results.total.total": (
        ("{a}{y}年办理结果总计多少件？",),
        ("How many requests did {a} close in {y} in total?",),
    ),
    "applications.carried_forward.total": (
        ("{a}{y}年结转下年度继续办理的申请有几件？",),
        ("How many requests were still pending at {a} at the end of {y}?",),
    ),
    "applications.new_received.natural_person": (
        ("{y}年{a}收到的申请中有多少件来自自然人？",),
        ("How many of {a}'s {y} requests came from individuals?",),
    ),
    "review.total": (
        ("{a}{y}年被申请行政复议多少件？",),
        ("How many administrative reconsideration cases did {a} face in {y}?",),
    ),
    "litigation": (
        ("{a}{y}年行政诉讼一共几件？",),
        ("How many times was {a} sued over disclosure in {y}?",),
    ),
    "proactive.fees.amount": (
        ("{a}{y}年行政事业性收费金额是多少？",),
        ("How much did {a} collect in administrative fees in {y}?", "What did {a} collect in administrative fees in {y}?"),
    ),
    "proactive.licensing.decisions": (
        ("{a}{y}年行政许可处理决定数量是多少？",),
        ("How many administrative licensing decisions did {a} make in {y}?",),
    ),
}


@dataclass(frozen=True)
class Question:
    q: str
    lang: str
    agency: str
    year: int
    key: str
    value: float


def report_facts(agency: str, year: int) -> dict[str, float]:
    """The hand-read facts of one sample report, as its facts file holds them."""
    data = json.loads(GOLD[(agency, year)].read_text(encoding="utf-8"))
    return data.get("facts", data)


def certain(index, agency: str, year: int, *keys: str) -> bool:
    """Whether the index stores every one of these cells of the report as certain (a copy may not place one)."""
    facts = {f.key: f for f in index.facts(agencies=[agency], years=[year])}
    return all(k in facts and facts[k].status == "certain" and facts[k].value is not None for k in keys)


def gold(agency: str, year: int) -> dict[str, float]:
    facts = json.loads(GOLD[(agency, year)].read_text(encoding="utf-8"))["facts"]
    facts = dict(facts)
    direct, after = facts.get("litigation.direct.total"), facts.get("litigation.after_review.total")
    if direct is not None and after is not None:
        facts["litigation"] = direct + after
    return facts


def questions() -> list[Question]:
    """Every report × family × language, the agency's names in rotation (both of each language are used)."""
    out = []
    for (agency, year), _ in sorted(GOLD.items()):
        facts = gold(agency, year)
        for n, (key, (zh, en)) in enumerate(PHRASINGS.items()):
            if facts.get(key) is None:
                continue  # a cell the report does not have (2019 layout) or that its copy cannot place
            for lang, phrasings, names in (("zh", zh, NAMES[agency][0]), ("en", en, NAMES[agency][1])):
                for i, phrasing in enumerate(phrasings):
                    name = names[(n + i) % len(names)]
                    out.append(Question(phrasing.format(a=name, y=year), lang, agency, year, key, facts[key]))
    return out
