"""Load benchmark of the Telegram bot: K chats ask at once; answered questions per second, p50/p95 time
from update to reply, and how many were lost.

The bot is the real `xxgk serve` (real index, real answering, python-telegram-bot over real HTTP) in its
own process, pointed at the fake Bot API server on loopback (tests/fakebotapi.py). Each chat asks its next
question as soon as the previous one is answered (a closed loop, like people waiting for replies); the
time of a question is from the moment its update is queued for getUpdates to the moment the quoted reply
reaches the server.

    python bench/bot_load.py --chats 20 --per-chat 20            # on a fresh temporary home
    python bench/bot_load.py --home ~/xxgk-home --flood 0.05       # 5% of send calls answered 429
    python bench/bot_load.py --charts 0.2                          # every fifth question a trend or ranking
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakebotapi import FakeBotApi  # noqa: E402
from telegram_harness import ServeProcess  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
# Questions answered with a chart from the bundled samples (trends of one agency, a ranking of agencies).
CHART_QUESTIONS = ("平潭历年新收政府信息公开申请数量有什么变化？", "平潭历年行政许可决定数量", "平潭历年行政诉讼",
                   "平潭2019年到2023年不予公开的申请", "2020年哪个单位收到的申请最多？",
                   "How did Pingtan's new disclosure requests change from 2019 to 2025?",
                   "How did Pingtan's administrative licensing decisions change over the years?")


def mixed(questions: list[str], chart_share: float) -> list[str]:
    """`questions` with every k-th one replaced by a chart question, so `chart_share` of them draw a chart."""
    if chart_share <= 0:
        return questions
    step = max(1, round(1 / chart_share))
    return [CHART_QUESTIONS[i // step % len(CHART_QUESTIONS)] if i % step == step - 1 else q
            for i, q in enumerate(questions)]


def load_questions(path: Path) -> list[str]:
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def chat_loop(fake: FakeBotApi, chat_id: int, questions: list[str], timeout: float,
              latencies: list[float], lost: list[str]) -> None:
    for q in questions:
        msg = fake.send_text(chat_id, q, language_code="zh" if not q.isascii() else "en")
        try:
            reply = fake.reply_to(msg, timeout)  # a text, or a chart with the text as its caption
        except TimeoutError:
            lost.append(q)
            continue
        latencies.append(reply.at - fake.pushed_at(msg["message_id"]))


def run_round(fake: FakeBotApi, chats: int, per_chat: int, questions: list[str], first_chat: int,
              timeout: float) -> tuple[float, list[float], list[str]]:
    latencies: list[float] = []
    lost: list[str] = []
    threads = []
    for k in range(chats):
        mine = [questions[(k * per_chat + i) % len(questions)] for i in range(per_chat)]
        threads.append(threading.Thread(target=chat_loop, args=(fake, first_chat + k, mine, timeout, latencies, lost)))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - started, latencies, lost


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return f"{os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--chats", type=int, default=20, help="concurrent chats (K)")
    p.add_argument("--per-chat", type=int, default=20, help="questions each chat asks, one after another")
    p.add_argument("--home", help="data home (default: a fresh temporary home, filled with the samples)")
    p.add_argument("--questions", type=Path, default=QUESTIONS, help="JSON lines with a \"q\" field")
    p.add_argument("--flood", type=float, default=0.0, help="fraction of send calls the server answers 429")
    p.add_argument("--max-rate", default="0", help="XXGK_MAX_RATE for the bot: overall messages/s, 0 = no cap "
                   "(the bot's default is 30, Telegram's broadcast guideline)")
    p.add_argument("--workers", default=os.environ.get("XXGK_WORKERS", "2"), help="XXGK_WORKERS for the bot")
    p.add_argument("--timeout", type=float, default=60, help="seconds to wait for one reply before it counts as lost")
    p.add_argument("--charts", type=float, nargs="?", const=0.2, default=0.0, metavar="SHARE",
                   help="put trend and ranking questions (answered with a chart) in the mix: this share of "
                   "the questions (default 0.2 when given without a value)")
    args = p.parse_args(argv)

    questions = mixed(load_questions(args.questions), args.charts)
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp, FakeBotApi(flood_ratio=args.flood) as fake:
        home = Path(args.home) if args.home else Path(tmp) / "home"
        bot = ServeProcess(fake, home, extra_env={"XXGK_MAX_RATE": args.max_rate, "XXGK_WORKERS": args.workers},
                           log_dir=Path(tempfile.mkdtemp(prefix="xxgk-bench-log-")))
        try:
            t0 = time.monotonic()
            bot.wait_ready()
            print(f"bot ready in {time.monotonic() - t0:.1f}s; warming up", file=sys.stderr)
            run_round(fake, min(args.chats, 4), 2, questions, 1_000_000, args.timeout)
            wall, lat, lost = run_round(fake, args.chats, args.per_chat, questions, 1, args.timeout)
        finally:
            code = bot.stop()
    answered = len(lat)
    print(f"machine: {machine()}")
    if not lat:
        print(f"nothing answered; see the bot's log: {bot.log}")
        return 1
    charts = len(fake.sent("sendPhoto"))
    print(f"chats={args.chats} per_chat={args.per_chat} workers={args.workers} max_rate={args.max_rate} "
          f"flood={args.flood} (429s sent: {fake.floods}) charts={args.charts} (photos sent: {charts}, "
          f"uploaded: {len(fake.photos)})")
    print(f"answered {answered}/{answered + len(lost)} in {wall:.2f}s: {answered / wall:.1f} questions/s; "
          f"p50 {percentile(lat, 50) * 1000:.0f} ms, p95 {percentile(lat, 95) * 1000:.0f} ms, "
          f"max {max(lat) * 1000:.0f} ms; lost {len(lost)}; bot exit code {code}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
