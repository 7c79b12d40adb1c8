"""Write tests/data/paraphrases.jsonl: the phrasings of bench/paraphrase_phrasings.py with their gold answers.

    python bench/make_paraphrases.py           # (re)write the file
    python bench/make_paraphrases.py --check   # exit 1 when the file is not what this script writes

Every gold number is read from the gold `*.facts.json` of the report copy the bundled sample index holds
(index/samples: the full HTML page where there is one, else the scraped text); a cell is asked only when
that gold has it as certain. The phrasings are written by hand; this script only fills in agency name
forms and year forms in rotation, so every key family is asked in both languages with every form.
The fields are documented in bench/README-eval.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import paraphrase_phrasings as P  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
OUT = DATA / "paraphrases.jsonl"

AGENCIES = {"PT": "平潭综合实验区", "PJ": "盘锦市营商环境建设局", "PX": "平潭县人民政府"}
# The gold of the copy the sample index keeps for each report (the HTML page replaces the scraped text).
GOLD = {
    ("PT", 2019): "2019_pingtan_syq_page",
    ("PT", 2020): "2020_pingtan_syq_page",
    ("PT", 2022): "2022_pingtan_syq_page",
    ("PT", 2023): "2023_pingtan_syq_page",
    ("PT", 2025): "2025_pingtan_syq_page",
    ("PJ", 2020): "2020_panjin_yingshangju",
}
# Cells never asked as plain facts, and why.
EXCLUDED = {
    ("PJ", 2020, "proactive.procurement.amount"): "printed as 148 with no unit",
    ("PT", 2023, "proactive.normative_docs.in_force"): "table prints 470, the report's own text says 393",
}
# Cells the report prints but contradicts elsewhere: asked, and stated as printed (with a note).
ROWS_DISAGREE = "printed; the report's own result rows add up to 27 (自然人 26)"
NOTES = {("PT", 2020, "applications.results.total"): ROWS_DISAGREE}
NAME_FORMS = {
    "PT": {
        "zh": [
            ("平潭综合实验区", "full"),
            ("平潭", "short"),
            ("平潭实验区", "short"),
            ("平潭综合实验区管委会", "full"),
        ],
        "en": [
            ("Pingtan", "short"),
            ("the Pingtan Comprehensive Experimental Zone", "english"),
            ("the Pingtan Comprehensive Pilot Zone", "english"),
            ("the Pingtan zone", "short"),
            ("平潭综合实验区", "chinese_in_english"),
        ],
    },
    "PJ": {
        "zh": [("盘锦市营商环境建设局", "full"), ("盘锦营商局", "short"), ("盘锦市营商局", "short")],
        "en": [
            ("the Panjin business environment bureau", "english"),
            ("the Panjin Municipal Bureau of Business Environment Construction", "english"),
            ("盘锦营商局", "chinese_in_english"),
        ],
    },
}
ZH_DIGITS = dict(zip("0123456789", "〇一二三四五六七八九"))
MONEY_KEYS = ("proactive.fees.amount", "proactive.procurement.amount")


@cache
def gold(report: tuple[str, int]) -> dict:
    return json.loads((DATA / f"{GOLD[report]}.facts.json").read_text(encoding="utf-8"))


def value(ref: tuple[str, int, str]):
    agency, year, key = ref
    facts = gold((agency, year))
    if key not in facts["facts"] or key in facts.get("ambiguous", []):
        raise KeyError(f"{ref} is not a certain cell of {GOLD[(agency, year)]}.facts.json")
    return facts["facts"][key]


def cell(ref: tuple[str, int, str]) -> dict:
    agency, year, key = ref
    return {"key": key, "agency": AGENCIES[agency], "year": year, "value": value(ref)}


def pick_report(key: str, lang: str, j: int) -> tuple[str, int]:
    """Rotate over the reports holding the cell (non-zero ones first); every fourth template asks Panjin."""
    holders = [r for r in GOLD if key in gold(r)["facts"] and (*r, key) not in EXCLUDED]
    holders = [r for r in holders if key not in gold(r).get("ambiguous", [])]
    if not holders:
        raise KeyError(f"no bundled report holds {key} as certain")
    if ("PJ", 2020) in holders and (j + (lang == "en")) % 4 == 3:
        return ("PJ", 2020)
    pingtan = [r for r in holders if r[0] == "PT"] or holders
    pool = [r for r in pingtan if value((*r, key)) != 0] or pingtan
    return pool[(j + (lang == "en")) % len(pool)]


class Forms:
    """Agency name forms and year forms, each taken in turn so every form is asked across the set."""

    def __init__(self) -> None:
        self.names = {(a, lang): count() for a in NAME_FORMS for lang in ("zh", "en")}
        self.years = count()

    def name(self, agency: str, lang: str) -> tuple[str, str]:
        forms = NAME_FORMS[agency][lang]
        return forms[next(self.names[(agency, lang)]) % len(forms)]

    def year(self, year: int, lang: str) -> tuple[str, str]:
        if lang == "en":
            return str(year), ""
        turn = next(self.years) % 10
        if turn == 3:
            return "".join(ZH_DIGITS[d] for d in str(year)), "year:numerals"
        if turn == 7:
            return "".join(ZH_DIGITS[d] for d in str(year)).replace("〇", "零"), "year:numerals"
        return str(year), ""


def fact_items() -> list[dict]:
    forms, out = Forms(), []
    for family, templates in P.FACT_TEMPLATES.items():
        seen = {"zh": 0, "en": 0}
        for lang, column, text in templates:
            j = seen[lang]
            seen[lang] += 1
            key = f"{family}.{column}"
            agency, year = pick_report(key, lang, j)
            name, name_tag = forms.name(agency, lang)
            year_text, year_tag = forms.year(year, lang)
            q = text.format(a=name, y=year_text)
            item = {
                "id": f"fact/{family}/{lang}{j + 1}",
                "q": q[0].upper() + q[1:],
                "lang": lang,
                "kind": "fact",
                "family": family,
                **cell((agency, year, key)),
                "source": f"{GOLD[(agency, year)]}.facts.json",
                "tags": [f"name:{name_tag}"] + ([year_tag] if year_tag else []),
            }
            out.append(_with_unit_and_note(item, agency))
    return out


def _with_unit_and_note(item: dict, agency: str) -> dict:
    if item["key"] in MONEY_KEYS:
        item["unit"] = "万元"
    note = NOTES.get((agency, item["year"], item["key"].rsplit(".", 1)[0]))
    if note:
        item["note"] = note
    item["answer"] = _plain(item["value"])
    return item


def _plain(number) -> str:
    return str(round(number, 6))


def resolve(spec: dict, number: int) -> dict:
    """A hand-written spec (paraphrase_phrasings) with its gold read from the facts files."""
    kind = spec["kind"]
    item = {"id": f"{kind}/{spec['lang']}{number}", "q": spec["q"], "lang": spec["lang"], "kind": kind}
    item.update(RESOLVERS[kind](spec))
    item["tags"] = spec["tags"]
    for extra in ("today", "context"):
        if spec.get(extra):
            item[extra] = spec[extra]
    return item


def _fact(spec: dict) -> dict:
    agency = spec["ref"][0]
    item = {
        "family": spec["ref"][2].rsplit(".", 1)[0],
        **cell(spec["ref"]),
        "source": f"{GOLD[spec['ref'][:2]]}.facts.json",
    }
    return _with_unit_and_note(item, agency)


def _derived(spec: dict) -> dict:
    op, *groups = spec["op"]
    sums = [sum(value(r) for r in refs) for refs in groups]
    result, formula = OPS[op](sums, groups)
    item = {
        "family": f"derived.{op}",
        "op": op,
        "value": round(result, 6),
        "answer": _plain(round(result, 2)),
        "formula": formula,
        "terms": [[cell(r) for r in refs] for refs in groups],
    }
    if spec.get("printed"):
        item["printed"] = spec["printed"]
    if any(r[2] in MONEY_KEYS for refs in groups for r in refs):
        item["unit"] = "万元"
    return item


def _label(refs) -> str:
    return "+".join(f"{AGENCIES[a]}{y}:{k}" for a, y, k in refs)


OPS = {
    "share": lambda s, g: (
        100 * s[0] / s[1],
        f"100 × ({_label(g[0])}) / ({_label(g[1])}) = 100 × {s[0]} / {s[1]}",
    ),
    "sum": lambda s, g: (s[0], f"{_label(g[0])} = {s[0]}"),
    "diff": lambda s, g: (s[0] - s[1], f"({_label(g[0])}) − ({_label(g[1])}) = {s[0]} − {s[1]}"),
    "growth": lambda s, g: (
        100 * (s[0] - s[1]) / s[1],
        f"100 × (({_label(g[0])}) − ({_label(g[1])})) / ({_label(g[1])}) = 100 × ({s[0]} − {s[1]}) / {s[1]}",
    ),
}


def _narrative(spec: dict) -> dict:
    stem = spec["report"]
    agency, year = stem.split("_")[1], int(stem.split("_")[0])
    code = {"pingtan": "PX" if "xian" in stem else "PT", "panjin": "PJ"}[agency]
    return {
        "family": "narrative",
        "agency": AGENCIES[code],
        "year": year,
        "evidence": spec["evidence"],
        "source": f"{stem}.txt",
    }


def _compare(spec: dict) -> dict:
    values = [cell(r) for r in spec["refs"]]
    item = {"family": "compare", "values": values, "answer": " / ".join(_plain(v["value"]) for v in values)}
    if any(r[2] in MONEY_KEYS for r in spec["refs"]):
        item["unit"] = "万元"
    return item


def _unanswerable(spec: dict) -> dict:
    return {"family": f"unanswerable.{spec['why']}", "why": spec["why"]}


def _clarify(spec: dict) -> dict:
    return {"family": "clarify", "candidates": [cell(r) for r in spec["refs"]], "latest": spec["latest"]}


RESOLVERS = {
    "fact": _fact,
    "derived": _derived,
    "narrative": _narrative,
    "compare": _compare,
    "unanswerable": _unanswerable,
    "clarify": _clarify,
}


def build() -> list[dict]:
    items = fact_items()
    hand = P.VARIANTS + P.DERIVED + P.COMPARE + P.NARRATIVE + P.UNANSWERABLE + P.CLARIFY + P.FOLLOWUPS
    numbers: dict[str, count] = {}
    for spec in hand:
        group = "followup" if spec.get("context") else spec["kind"]
        n = next(numbers.setdefault(f"{group}/{spec['lang']}", count(1)))
        item = resolve(spec, n)
        if spec.get("context"):
            item["id"] = f"followup/{item['id']}"
        items.append(item)
    return items


def render(items: list[dict]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(
            f"{OUT.name} is {'up to date' if same else 'OUT OF DATE: rerun python bench/make_paraphrases.py'}"
        )
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} items to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
