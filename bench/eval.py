"""Answer accuracy, refusals and latency of `answer()` on question files with gold answers.

    python -m bench.eval                                   # shared/corpus/questions.jsonl + tests/data/questions_extra.jsonl
    python -m bench.eval FILE.jsonl [FILE.jsonl ...] [--corpus DIR] [--home DIR] [-v]

Builds an index of the corpus's reports (the top-level .html/.htm/.txt files of --corpus) in a
temporary home with the real `xxgk ingest`, unless --home names an index already built, then answers
every question in this one process and scores it as shared/tools/answer_eval.py does: a fact by its
`value` (or a number in its text), a narrative/compare/list answer by the gold evidence or answer in
its text or quotes, an unanswerable question only by kind not_found; a clarify question by kind
clarify. A question may carry "today" (YYYY-MM-DD) for relative years (去年, last year).

Targets (exit status 1 when one is missed): fact accuracy >= 95% with zero wrong numbers, narrative
>= 85%, unanswerable refused >= 90%, English within 3 points of Chinese, p95 <= 100 ms.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILES = [ROOT.parent / "shared" / "corpus" / "questions.jsonl", ROOT / "tests" / "data" / "questions_extra.jsonl"]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TARGETS = {"fact": 0.95, "narrative": 0.85, "unanswerable": 0.90}


def squash(s) -> str:
    return re.sub(r"[\s，,。.、:：;；“”\"'（）()《》%％]", "", str(s or "")).lower()


def numbers(s) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", str(s or ""))]


def score(q: dict, a: dict) -> str:
    """"ok", "refused" or "wrong", as the shared answer_eval.py scores (plus the clarify kind)."""
    kind = q.get("kind", "fact")
    if kind == "unanswerable":
        return "ok" if a["kind"] == "not_found" else "wrong"
    if kind == "clarify":
        return "ok" if a["kind"] == "clarify" else "wrong"
    if a["kind"] in ("not_found", "clarify"):
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
    hay = squash(a["answer"]) + "|" + "|".join(squash(s.get("quote")) for s in a["sources"])
    needles = [squash(x) for x in (q.get("evidence"), gold) if x]
    if any(n and n in hay for n in needles):
        return "ok"
    want = numbers(gold)
    return "ok" if want and all(w in numbers(hay) for w in want) else "wrong"


def build_index(corpus: Path, home: Path) -> None:
    files = sorted(str(p) for p in corpus.iterdir() if p.is_file() and p.suffix in (".html", ".htm", ".txt"))
    xxgk = Path(sys.executable).with_name("xxgk")
    command = [str(xxgk)] if xxgk.exists() else [sys.executable, "-m", "bot.cli"]
    subprocess.run([*command, "ingest", *files, "--home", str(home)], check=True, capture_output=True, text=True)


def run(questions: list[dict], home: Path) -> list[tuple[dict, dict, float]]:
    from bot.answer import answer
    from index.reader import Index

    index = Index.open(home, bootstrap=False)
    answer("平潭2019年政府信息公开工作做了什么？", index)  # start-up (model, segmenter) is not a question's cost
    out = []
    for q in questions:
        today = dt.date.fromisoformat(q["today"]) if q.get("today") else None
        start = time.perf_counter()
        try:
            result = answer(q["q"], index, today=today).to_contract()
        except Exception as error:  # noqa: BLE001 - scored as a refusal, shown with -v
            result = {"kind": "not_found", "answer": f"{type(error).__name__}: {error}", "value": None, "sources": []}
        out.append((q, result, (time.perf_counter() - start) * 1000))
    return out


def report(results: list[tuple[dict, dict, float]], verbose: bool) -> bool:
    by_kind: dict[str, dict[str, int]] = {}
    by_lang: dict[str, list[int]] = {}
    wrong_numbers = 0
    for q, a, _ in results:
        verdict = score(q, a)
        by_kind.setdefault(q.get("kind", "fact"), {"ok": 0, "refused": 0, "wrong": 0})[verdict] += 1
        lang = "en" if q.get("lang") == "en" else "zh"
        by_lang.setdefault(lang, []).append(verdict == "ok")
        wrong_numbers += verdict == "wrong" and q.get("kind", "fact") == "fact"
        if verbose and verdict != "ok":
            print(f"  [{q.get('kind')}/{verdict}] {q['q']} -> {a['kind']}: {a['answer'][:140]!r} (gold {q.get('answer')!r})")
    latencies = sorted(ms for _, _, ms in results)
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    ok = wrong_numbers == 0 and p95 <= 100
    print(f"{'kind':<14}{'ok':>5}{'refused':>9}{'wrong':>7}{'accuracy':>10}")
    for kind, c in sorted(by_kind.items()):
        n = sum(c.values())
        acc = c["ok"] / n
        ok &= acc >= TARGETS.get(kind, 0.8)
        print(f"{kind:<14}{c['ok']:>5}{c['refused']:>9}{c['wrong']:>7}{acc:>10.1%}")
    accuracy = {lang: sum(v) / len(v) for lang, v in by_lang.items()}
    if "en" in accuracy and "zh" in accuracy:
        ok &= accuracy["zh"] - accuracy["en"] <= 0.03
    print("by language: " + ", ".join(f"{k} {sum(by_lang[k])}/{len(by_lang[k])} ({v:.1%})" for k, v in
                                      sorted(accuracy.items())))
    refusals = sum(c["refused"] for c in by_kind.values())
    print(f"wrong numbers {wrong_numbers}; refusals {refusals}; latency p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print("targets met" if ok else "TARGETS MISSED")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="questions JSONL (default: shared + extra questions)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of reports to index")
    parser.add_argument("--home", type=Path, help="an index home already built (skips ingesting)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every question not answered right")
    args = parser.parse_args(argv)
    files = args.files or [f for f in DEFAULT_FILES if f.exists()]
    questions = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home
        if home is None:
            home = Path(tmp)
            build_index(args.corpus, home)
        results = run(questions, home)
    print(f"{len(questions)} questions from {', '.join(f.name for f in files)}")
    return 0 if report(results, args.verbose) else 1


if __name__ == "__main__":
    sys.exit(main())
