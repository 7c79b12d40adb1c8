"""`xxgk ask`, `xxgk ask --batch FILE --json` and `xxgk chat`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace

import pytest

from bot import cmd_ask
from bot.types import Answer

XXGK = [sys.executable, "-m", "bot.cli"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*XXGK, *args], input=stdin, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_batch_json_prints_one_contract_line_per_question_in_order(answer_home, tmp_path):
    questions = ["营商局2020年收到多少政府信息公开申请？", "辽事通注册了多少人？", "平潭县人民政府2021年收到了多少件申请？",
                 "how many disclosure requests did the 营商局 get in 2020"]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    p = run("ask", "--batch", str(batch), "--json", "--home", str(answer_home))
    assert p.returncode == 0, p.stderr
    lines = [json.loads(line) for line in p.stdout.splitlines()]
    assert [line["question"] for line in lines] == questions
    assert [line["kind"] for line in lines] == ["fact", "narrative", "not_found", "fact"]
    assert lines[0]["value"] == 0 and lines[3]["value"] == 0
    assert all(isinstance(line["elapsed_ms"], (int, float)) for line in lines)
    assert set(lines[0]) == {"question", "kind", "answer", "value", "facts", "sources", "options", "elapsed_ms"}


@pytest.mark.slow
def test_ask_prints_a_readable_answer_with_its_source(answer_home):
    p = run("ask", "平潭2025年新收政府信息公开申请多少件？", "--home", str(answer_home))
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("[事实] 154件\n平潭综合实验区2025年 本年新收政府信息公开申请数量（总计）")
    assert "《平潭综合实验区2025年度政府信息公开工作年度报告》" in p.stdout


@pytest.mark.slow
def test_chat_lets_the_user_pick_a_clarify_option_by_number(answer_home):
    p = run("chat", "--home", str(answer_home), stdin="2020年收到多少政府信息公开申请？\n2\n")
    assert p.returncode == 0, p.stderr
    assert "1. 平潭综合实验区" in p.stdout and "2. 盘锦市营商环境建设局" in p.stdout
    assert "0件\n盘锦市营商环境建设局2020年 本年新收政府信息公开申请数量（总计）" in p.stdout


def test_a_question_that_raises_still_gets_its_line(monkeypatch, capsys, tmp_path):
    def flaky(question, index):
        if "boom" in question:
            raise RuntimeError("index went away")
        return Answer(question, "fact", "1", 1)

    class Sound:  # an index with no damage to warn of
        def problems(self) -> list[str]:
            return []

    monkeypatch.setattr(cmd_ask, "_open", lambda args: Sound())
    monkeypatch.setattr("bot.answer.answer", flaky)
    batch = tmp_path / "q.txt"
    batch.write_text("one\nboom\nthree\n", encoding="utf-8")
    args = SimpleNamespace(batch=str(batch), json=True, question=None, home=None)
    assert cmd_ask.run_ask(args) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["question"], line["kind"]) for line in lines] == [
        ("one", "fact"), ("boom", "not_found"), ("three", "fact")]
    assert "RuntimeError: index went away" in lines[1]["answer"]


def test_ask_without_a_question_says_how_to_use_it(capsys):
    assert cmd_ask.run_ask(SimpleNamespace(batch=None, question=None, json=False, home=None)) == 2
    assert "give a QUESTION" in capsys.readouterr().err
