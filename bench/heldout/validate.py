"""Checks heldout.jsonl: keys are template cells spelled as in facts-keys.md, values equal certain gold,
derived values follow from their terms, narrative evidence is in the report text, no question twice."""
import collections
import html
import json
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # the shared corpus beside the repo
def _derived(op: str, sums: list[float]) -> float:
    if op == "share":
        return 100 * sums[0] / sums[1]
    if op == "growth":
        return 100 * (sums[1] - sums[0]) / sums[0]
    if op == "diff":
        return sums[0] - sums[1]
    return sums[0]

DOC = (Path(__file__).resolve().parents[2] / "docs" / "facts-keys.md").read_text(encoding="utf-8")
ITEMS = [json.loads(line) for line in Path(__file__).with_name("heldout.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
GOLDS = {}
for f in CORPUS.glob("*.facts.json"):
    g = json.loads(f.read_text(encoding="utf-8"))
    if g["agency"] and not f.stem.endswith("_syq") or "page" in f.stem:
        pass
    GOLDS[f.name] = g
COLS3 = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
ROWS3 = ["new_received", "carried_over", "results.granted", "results.partially_granted",
         *[f"results.denied.{r}" for r in ("state_secret", "prohibited_by_law", "security_stability", "third_party", "internal_affairs", "process_info", "enforcement_file", "query_matter")],
         *[f"results.unavailable.{r}" for r in ("not_held", "needs_creation", "unclear")],
         *[f"results.not_processed.{r}" for r in ("petition", "duplicate", "publication", "excessive", "confirmation")],
         "results.total", "carried_forward"]
COLS4 = ["upheld", "corrected", "other", "pending", "total"]


def template_keys(t):
    keys = set()
    if t == "2019":
        for r in ("regulations", "normative_docs"):
            keys |= {f"proactive.{r}.{c}" for c in ("new_made", "new_published", "total_published")}
        for r in ("licensing", "other_services", "penalties", "enforcement"):
            keys |= {f"proactive.{r}.{c}" for c in ("prev_items", "change", "decisions")}
        keys |= {"proactive.fees.prev_items", "proactive.fees.change", "proactive.procurement.projects", "proactive.procurement.amount"}
        rows = ROWS3 + ["results.other"]
    else:
        for r in ("regulations", "normative_docs"):
            keys |= {f"proactive.{r}.{c}" for c in ("issued", "repealed", "in_force")}
        keys |= {f"proactive.{r}.decisions" for r in ("licensing", "penalties", "enforcement")} | {"proactive.fees.amount"}
        rows = ROWS3 + ["results.other.no_correction", "results.other.unpaid_fee", "results.other.other"]
        keys.add("applications.results.other.total")  # the 2021 layout's derived 三(六) total (facts-keys.md)
    keys |= {f"applications.{r}.{c}" for r in rows for c in COLS3}
    keys |= {f"{g}.{c}" for g in ("review", "litigation.direct", "litigation.after_review") for c in COLS4}
    return keys


def spelled_in_doc(key):
    """Every dotted segment of the key appears in facts-keys.md as a code span part."""
    return all(f"`{seg}`" in DOC or f".{seg}" in DOC or f"{seg}." in DOC or seg in DOC for seg in key.split("."))


def gold_for(agency, year):
    cands = [(n, g) for n, g in GOLDS.items() if g["agency"] == agency and g["year"] == year]
    page = [c for c in cands if "_page" in c[0]]
    return (page or cands)[0]


def squash(s):
    return re.sub(r"[\s，,。.、:：;；“”\"'（）()《》%％]", "", str(s or "")).lower()


def report_text(name):
    p = CORPUS / name
    if p.suffix == ".pdf":
        return Path(__file__).with_name("huaian.txt").read_text(encoding="utf-8")
    s = p.read_text(encoding="utf-8", errors="replace")
    if p.suffix == ".html":
        s = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", "", s)
        s = html.unescape(re.sub(r"<[^>]+>", " ", s))
    return s


errors = []


def check_cell(it, c):
    name, g = gold_for(c["agency"], c["year"])
    if c["key"] not in template_keys(g["template"]):
        errors.append((it["id"], "not a cell of the template", c["key"], g["template"]))
    if not spelled_in_doc(c["key"]):
        errors.append((it["id"], "key segment not in facts-keys.md", c["key"]))
    if c["key"] in g.get("ambiguous", []):
        errors.append((it["id"], "ambiguous in gold", c["key"]))
    if g["facts"].get(c["key"]) != c["value"]:
        errors.append((it["id"], "value != gold", c["key"], c["value"], g["facts"].get(c["key"]), name))


seen = collections.Counter((it["q"].strip(), tuple(it.get("context", []))) for it in ITEMS)
for (q, ctx), n in seen.items():
    if n > 1:
        errors.append(("dup", q, ctx))
ids = collections.Counter(it["id"] for it in ITEMS)
errors += [("dup id", i) for i, n in ids.items() if n > 1]

for it in ITEMS:
    assert it["id"].startswith("heldout-")
    k = it["kind"]
    if k == "fact":
        check_cell(it, it)
    elif k == "compare":
        for c in it["values"]:
            check_cell(it, c)
    elif k == "derived":
        sums = []
        for grp in it["terms"]:
            for c in grp:
                check_cell(it, c)
            sums.append(sum(c["value"] for c in grp))
        op = it["op"]
        want = _derived(op, sums)
        if abs(want - it["value"]) > 1e-3:
            errors.append((it["id"], "derived value", want, it["value"]))
        if "printed" in it and abs(it["printed"] - it["value"]) > 0.05:
            errors.append((it["id"], "printed disagrees", it["printed"], it["value"]))
    elif k == "narrative":
        text = squash(report_text(it["source"]))
        ev = it["evidence"] if isinstance(it["evidence"], list) else [it["evidence"]]
        for e in ev:
            if squash(e) not in text:
                errors.append((it["id"], "evidence not in report", e))
    elif k == "unanswerable":
        assert it["why"] in ("not_counted", "agency_not_indexed", "year_not_indexed")

cat = collections.Counter("follow-up" if it.get("context") else it["kind"] for it in ITEMS)
lang = collections.Counter((("follow-up" if it.get("context") else it["kind"]), it["lang"]) for it in ITEMS)
agencies = collections.Counter(it.get("agency") for it in ITEMS if it["kind"] == "fact" and not it.get("context"))
print(len(ITEMS), "items;", dict(cat))
print({f"{a}/{b}": n for (a, b), n in sorted(lang.items())})
print("facts by agency:", dict(agencies))
fam = collections.Counter(it["family"].split(".")[0] + "." + it["family"].split(".")[1] if it["family"].count(".") else it["family"] for it in ITEMS if it["kind"] == "fact")
print("fact families (table):", collections.Counter(it["key"].split(".")[0] for it in ITEMS if it["kind"] == "fact"))
for e in errors:
    print("ERROR", e)
sys.exit(1 if errors else 0)

