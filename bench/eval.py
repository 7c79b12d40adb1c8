"""Answer accuracy, wrong numbers, refusals and latency of `answer()` on question files with gold answers.

    python -m bench.eval                                   # shared/corpus/questions.jsonl + tests/data/questions_extra.jsonl
    python -m bench.eval tests/data/paraphrases.jsonl -v   # the paraphrase set, on the bundled sample index
    python -m bench.eval FILE.jsonl [FILE.jsonl ...] [--corpus DIR] [--home DIR] [-v] [--failures] [--dump FILE]

Builds an index in a temporary home, unless --home names one already built: a paraphrase set
(tests/data/paraphrases*.jsonl) is asked of the bundled sample index (index/samples, as a new user's
first question builds it); other files of the corpus's reports (the top-level report files of
--corpus, every form the parser reads) with the real `xxgk ingest`. Every question is answered in this one process; follow-up items
(those with a "context") are asked through `xxgk chat --json`, one process per conversation, and are
reported as not supported while the installed `xxgk chat` has no --json.

Question files of the older form (questions.jsonl: kind and answer) are scored as
shared/tools/answer_eval.py does, plus a clarify kind. Paraphrase items (with an "id") are scored on
their gold value, key and evidence (bench/README-eval.md: fields and rules); an answer that states a
number other than the gold is a WRONG NUMBER, counted apart from refusals: worse than saying nothing.
A question may carry "today" (YYYY-MM-DD) for relative years (去年, last year).

Targets (exit status 1 when one is missed): fact accuracy >= 95% with zero wrong numbers, English within
3 points of Chinese, p95 <= 100 ms; narrative >= 85% and unanswerable refused >= 90% on the older files,
>= 90% and >= 95% (and follow-ups >= 95%) on a paraphrase set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The shared folder beside the checkout (/work/shared for /work/main and for a worktree /work/wt/NAME).
SHARED = next((p / "shared" for p in ROOT.parents[:2] if (p / "shared").is_dir()), ROOT.parent / "shared")
DEFAULT_FILES = [SHARED / "corpus" / "questions.jsonl", ROOT / "tests" / "data" / "questions_extra.jsonl"]
DEFAULT_CORPUS = SHARED / "corpus"
SAMPLES = ROOT / "index" / "samples"
TARGETS = {"fact": 0.95, "narrative": 0.85, "unanswerable": 0.90, "compare/list/trend": 0.8, "clarify": 0.8}
PARAPHRASE_TARGETS = {"fact": 0.95, "narrative": 0.90, "unanswerable": 0.95, "follow-up": 0.95}
REFUSALS = ("not_found", "clarify")
WRONG = ("wrong number", "wrong row")  # wrong row: the gold number, but read from another row


def squash(s) -> str:
    return re.sub(r"[\s，,。.、:：;；“”\"'（）()《》%％]", "", str(s or "")).lower()


def numbers(s) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", str(s or ""))]


# ── Scoring of the older question files (as shared/tools/answer_eval.py) ─────────────────────────────


def score(q: dict, a: dict) -> str:
    """Verdict "ok", "refused" or "wrong", as the shared answer_eval.py scores (plus the clarify kind)."""
    kind = q.get("kind", "fact")
    if kind == "unanswerable":
        return "ok" if a["kind"] == "not_found" else "wrong"
    if kind == "clarify":
        return "ok" if a["kind"] == "clarify" else "wrong"
    if a["kind"] in REFUSALS:
        return "refused"
    gold = q.get("answer")
    if kind == "fact":
        want = numbers(gold)
        if not want:
            return "ok" if squash(gold) in squash(a["answer"]) else "wrong"
        got = a.get("value")
        if got is not None and abs(float(got) - want[0]) < 1e-6 * max(1, abs(want[0])):
            return "ok"
        return "ok" if want[0] in numbers(a["answer"]) else "wrong"
    hay = _haystack(a)
    needles = [squash(x) for x in (q.get("evidence"), gold) if x]
    if any(n and n in hay for n in needles):
        return "ok"
    want = numbers(gold)
    return "ok" if want and all(w in numbers(hay) for w in want) else "wrong"


def _haystack(a: dict) -> str:
    return squash(a["answer"]) + "|" + "|".join(squash(s.get("quote")) for s in a.get("sources", []))


# ── Scoring of paraphrase items: "ok", "refused", "wrong number", "wrong row", "miss", ... ──────────


def close(got, want: float, q: dict) -> bool:
    """Equal as the item's kind compares: money to 0.005 万元 (or the same sum in 元), a percentage to
    0.05 points (or as a fraction), a difference whichever its sign; counts exactly."""
    if got is None:
        return False
    got = float(got)
    if q.get("unit") == "万元":
        return abs(abs(got) - abs(want)) <= 0.005 or abs(abs(got) - abs(want) * 10000) <= 0.5
    if q.get("op") in ("share", "growth"):
        return abs(got - want) <= 0.05 or abs(got * 100 - want) <= 0.05
    candidates = (want, -want) if q.get("op") == "diff" else (want,)
    return any(abs(got - c) <= 1e-6 * max(1, abs(c)) for c in candidates)


def stated(a: dict):
    """The one figure an answer states: its value, else its only fact's value, else None."""
    if a.get("value") is not None:
        return a["value"]
    facts = a.get("facts") or []
    return facts[0]["value"] if len(facts) == 1 else None


def judge(q: dict, a: dict) -> str:
    kind = q["kind"]
    if kind == "unanswerable":
        return _judge_unanswerable(a)
    if kind == "clarify":
        return _judge_clarify(q, a)
    if a["kind"] in REFUSALS:
        return "refused"
    return {
        "fact": _judge_figure,
        "derived": _judge_figure,
        "compare": _judge_compare,
        "narrative": _judge_narrative,
    }[kind](q, a)


def _judge_figure(q: dict, a: dict) -> str:
    got = stated(a)
    if got is None:
        in_text = q["value"] != 0 or a["kind"] != "narrative"  # a quoted passage holds zeros by chance
        return "ok" if in_text and any(close(n, q["value"], q) for n in numbers(a["answer"])) else "miss"
    if not close(got, q["value"], q):
        parts = [t["value"] for group in q.get("terms", []) for t in group]
        return "miss" if any(close(got, p, {}) for p in parts) else "wrong number"  # a part, said as such
    cells = {(f.get("key"), f.get("agency")) for f in a.get("facts") or [] if f.get("year") == q.get("year")}
    if q["kind"] == "fact" and cells and (q["key"], q["agency"]) not in cells:
        return "wrong row"  # the gold number, read from another cell (or another agency's)
    return "ok"


def _judge_compare(q: dict, a: dict) -> str:
    said = {(f.get("key"), f.get("agency"), f.get("year")): f.get("value") for f in a.get("facts") or []}
    hay = numbers(a["answer"])
    found = 0
    for v in q["values"]:
        mine = said.get((v["key"], v["agency"], v["year"]))
        if mine is not None and not close(mine, v["value"], q):
            return "wrong number"
        found += mine is not None or any(close(n, v["value"], q) for n in hay)
    return "ok" if found == len(q["values"]) else "miss"


def _judge_narrative(q: dict, a: dict) -> str:
    evidence = q["evidence"] if isinstance(q["evidence"], list) else [q["evidence"]]
    hay = _haystack(a)
    if all(squash(e) in hay for e in evidence):
        return "ok"
    return "wrong number" if a["kind"] == "fact" and stated(a) is not None else "miss"


def _judge_unanswerable(a: dict) -> str:
    if a["kind"] == "not_found":
        return "ok"
    if a["kind"] == "clarify":
        return "menu"  # a list of rows that do not answer the question steers the user to a wrong number
    return "wrong number" if stated(a) is not None else "answered"


def _judge_clarify(q: dict, a: dict) -> str:
    if a["kind"] == "clarify":
        return "ok"
    if a["kind"] == "not_found":
        return "refused"
    hay = numbers(a["answer"]) + [f.get("value") for f in a.get("facts") or []]
    named = [c["agency"] in a["answer"] and str(c["year"]) in a["answer"] for c in q["candidates"]]
    if all(named) and all(any(close(n, c["value"], q) for n in hay) for c in q["candidates"]):
        return "ok"  # every candidate answered, each named
    latest = max(q["candidates"], key=lambda c: c["year"])
    if q.get("latest") and close(stated(a), latest["value"], q) and str(latest["year"]) in a["answer"]:
        return "ok"  # no year asked: the latest year, said as such
    return "guessed"


def verdict(q: dict, a: dict) -> str:
    if "id" in q:
        return judge(q, a)
    old = score(q, a)
    return {"wrong": "wrong number" if q.get("kind", "fact") == "fact" else "miss"}.get(old, old)


def category(q: dict) -> str:
    if q.get("context"):
        return "follow-up"
    kind = q.get("kind", "fact")
    return {"compare": "compare/list/trend", "list": "compare/list/trend"}.get(kind, kind)


# ── Answering ──────────────────────────────────────────────────────────────────────────────────────────


def build_index(corpus: Path, home: Path) -> None:
    if corpus.resolve() == SAMPLES.resolve():
        from index.reader import Index

        # An empty home indexes the bundled samples, as on a new user's first question.
        Index.open(home).close()
        return
    from ingest.reading import SUFFIXES  # every form the parser reads (a PDF or Markdown report too)

    files = sorted(str(p) for p in corpus.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    subprocess.run(
        [*xxgk(), "ingest", *files, "--home", str(home)], check=True, capture_output=True, text=True
    )


def xxgk() -> list[str]:
    exe = Path(sys.executable).with_name("xxgk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]


def run(questions: list[dict], home: Path) -> list[tuple[dict, dict, float]]:
    from bot.answer import answer
    from index.reader import Index

    index = Index.open(home, bootstrap=False)
    # Start-up (model, segmenter) is not a question's cost.
    answer("平潭2019年政府信息公开工作做了什么？", index)
    out = []
    for q in questions:
        today = dt.date.fromisoformat(q["today"]) if q.get("today") else None
        start = time.perf_counter()
        try:
            result = answer(q["q"], index, today=today).to_contract()
        except Exception as error:  # noqa: BLE001 - scored as a refusal, shown with -v
            result = failed(f"{type(error).__name__}: {error}")
        out.append((q, result, (time.perf_counter() - start) * 1000))
    return out


def failed(why: str) -> dict:
    return {"kind": "not_found", "answer": why, "value": None, "facts": [], "sources": []}


def chat_supported() -> bool:
    done = subprocess.run([*xxgk(), "chat", "--help"], capture_output=True, text=True)
    return done.returncode == 0 and "--json" in done.stdout


def run_conversations(items: list[dict], home: Path) -> list[tuple[dict, dict, float]]:
    """Each follow-up item is one `xxgk chat --json` session: its context, then its question."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda q: _converse(q, home), items))


def _converse(q: dict, home: Path) -> tuple[dict, dict, float]:
    turns = [*q["context"], q["q"]]
    try:
        done = subprocess.run(
            [*xxgk(), "chat", "--json", "--home", str(home)],
            input="\n".join(turns) + "\n",
            capture_output=True,
            text=True,
            timeout=300,
        )
        answers = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        return q, failed(f"xxgk chat failed: {error}"), 0.0
    if len(answers) != len(turns):
        return q, failed(f"xxgk chat gave {len(answers)} answers to {len(turns)} questions"), 0.0
    return q, answers[-1], float(answers[-1].get("elapsed_ms") or 0.0)


# ── Report ─────────────────────────────────────────────────────────────────────────────────────────────


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values) or [0.0]
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def tally(results) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for q, a, _ in results:
        row = table.setdefault(category(q), {})
        v = verdict(q, a)
        row[v] = row.get(v, 0) + 1
    return table


def report(results, targets: dict[str, float], unsupported: list[dict], verbose: bool) -> bool:
    table = tally(results)
    print(f"{'category':<20}{'n':>5}{'ok':>6}{'refused':>9}{'wrong#':>8}{'other':>7}{'accuracy':>10}  target")
    ok = True
    for cat, c in sorted(table.items()):
        n, good = sum(c.values()), c.get("ok", 0)
        wrong = sum(c.get(w, 0) for w in WRONG)
        target = targets.get(cat)
        ok &= target is None or good / n >= target
        other = n - good - c.get("refused", 0) - wrong
        mark = f"≥ {target:.0%}" if target else "—"
        print(
            f"{cat:<20}{n:>5}{good:>6}{c.get('refused', 0):>9}{wrong:>8}{other:>7}{good / n:>10.1%}  {mark}"
        )
    if unsupported:
        print(f"{'follow-up':<20}{len(unsupported):>5}   not supported (xxgk chat has no --json yet)")
    ok &= print_languages(results)
    ok &= print_wrong_numbers(results)
    ms = [t for _, _, t in results]
    p50, p95 = percentile(ms, 0.5), percentile(ms, 0.95)
    ok &= p95 <= 100
    print(f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms (shared machine: noisy)")
    if verbose:
        print_variants(results)
    print("targets met" if ok else "TARGETS MISSED")
    return ok


def print_languages(results) -> bool:
    by_lang: dict[str, list[bool]] = {}
    for q, a, _ in results:
        by_lang.setdefault("en" if q.get("lang") == "en" else "zh", []).append(verdict(q, a) == "ok")
    rate = {lang: sum(v) / len(v) for lang, v in by_lang.items()}
    print(
        "by language: "
        + ", ".join(f"{k} {sum(by_lang[k])}/{len(by_lang[k])} ({v:.1%})" for k, v in sorted(rate.items()))
    )
    return not ("en" in rate and "zh" in rate) or rate["zh"] - rate["en"] <= 0.03


def print_wrong_numbers(results) -> bool:
    counts: dict[str, int] = {}
    for q, a, _ in results:
        v = verdict(q, a)
        if v in WRONG:
            counts[f"{category(q)} ({v})"] = counts.get(f"{category(q)} ({v})", 0) + 1
    refused = sum(verdict(q, a) == "refused" for q, a, _ in results)
    detail = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
    print(
        f"wrong numbers {sum(counts.values())}" + (f" ({detail})" if detail else "") + f"; refusals {refused}"
    )
    return not counts


def print_variants(results) -> None:
    tags: dict[str, list[bool]] = {}
    for q, a, _ in results:
        for tag in q.get("tags", []):
            tags.setdefault(tag, []).append(verdict(q, a) == "ok")
    if tags:
        print("by form: " + ", ".join(f"{t} {sum(v)}/{len(v)}" for t, v in sorted(tags.items())))


def print_failures(results) -> None:
    """Failing items grouped by category and family, with the row the answer used: causes, not phrases."""
    groups: dict[tuple[str, str], list[str]] = {}
    for q, a, _ in results:
        v = verdict(q, a)
        if v == "ok":
            continue
        used = ",".join(sorted({f.get("key", "") for f in a.get("facts") or []})) or a["kind"]
        line = f"    [{v}] {q['q']}  (gold {q.get('key') or q.get('answer') or q.get('why')}; answered {used}: {a['answer'][:90]!r})"
        groups.setdefault((category(q), q.get("family", q.get("kind", "fact"))), []).append(line)
    for (cat, family), lines in sorted(groups.items()):
        print(f"{cat} / {family}: {len(lines)} failing")
        print("\n".join(lines))


def dump(results, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for q, a, ms in results:
            f.write(
                json.dumps(
                    {"item": q, "verdict": verdict(q, a), "answer": a, "ms": round(ms, 1)}, ensure_ascii=False
                )
                + "\n"
            )


# ── Main ───────────────────────────────────────────────────────────────────────────────────────────────


def corpus_for(path: Path, given: Path | None) -> Path:
    return given or (SAMPLES if path.name.startswith("paraphrases") else DEFAULT_CORPUS)


def evaluate(files: list[Path], args) -> tuple[list, list[dict], dict[str, float]]:
    results, unsupported, targets = [], [], dict(TARGETS)
    by_corpus: dict[Path, list[dict]] = {}
    for f in files:
        items = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_corpus.setdefault(corpus_for(f, args.corpus), []).extend(items)
        if f.name.startswith("paraphrases"):
            targets = dict(PARAPHRASE_TARGETS)
    chat = None
    for corpus, items in by_corpus.items():
        with tempfile.TemporaryDirectory() as tmp:
            home = args.home or Path(tmp)
            if args.home is None:
                build_index(corpus, home)
            results += run([q for q in items if not q.get("context")], home)
            conversations = [q for q in items if q.get("context")]
            if conversations:
                chat = chat_supported() if chat is None else chat
                if chat:
                    results += run_conversations(conversations, home)
                else:
                    unsupported += conversations
    return results, unsupported, targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="questions JSONL (default: shared + extra questions)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="folder of reports to index (default: the samples for a paraphrase set, else shared/corpus)",
    )
    parser.add_argument("--home", type=Path, help="an index home already built (skips indexing)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="accuracy by form (name, year, script, ...)"
    )
    parser.add_argument("--failures", action="store_true", help="list failing items by category and family")
    parser.add_argument("--dump", type=Path, help="write every item, its answer and verdict as JSON lines")
    args = parser.parse_args(argv)
    files = args.files or [f for f in DEFAULT_FILES if f.exists()]
    results, unsupported, targets = evaluate(files, args)
    print(f"{len(results) + len(unsupported)} questions from {', '.join(f.name for f in files)}")
    ok = report(results, targets, unsupported, args.verbose)
    if args.failures:
        print_failures(results)
    if args.dump:
        dump(results, args.dump)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
