"""`xxgk extract` as users and the scoring scripts run it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def xxgk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def xxgk_bin(tmp_path_factory) -> str:
    """An `xxgk` executable for the scoring scripts, running this checkout's code."""
    path = tmp_path_factory.mktemp("bin") / "xxgk"
    root = Path(__file__).resolve().parents[1]
    path.write_text(f'#!/bin/sh\ncd "{root}" && exec "{sys.executable}" -m bot.cli "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_extract_json_follows_the_contract():
    out = xxgk("extract", str(DATA / "2020_panjin_yingshangju.txt"), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert {k: report[k] for k in ("agency", "year", "published", "template")} == {
        "agency": "盘锦市营商环境建设局",
        "year": 2020,
        "published": "2021-02-03",
        "template": "2019",
    }
    assert report["facts"]["applications.new_received.total"] == 0
    assert report["ambiguous"] == []
    assert all(set(c) >= {"rule", "ok", "detail"} for c in report["checks"])


def test_extract_summary_shows_tables_ambiguous_cells_and_failed_checks():
    out = xxgk("extract", str(DATA / "2020_pingtan_syq.txt"))
    assert out.returncode == 0
    assert "平潭综合实验区" in out.stdout and "一、本年新收政府信息公开申请数量" in out.stdout
    assert "ambiguous cells:" in out.stdout
    assert "FAIL 总计 column: 三(一)…(六) = 27 but 三(七) = 21" in out.stdout


def test_extract_refuses_a_binary_file_with_a_reason(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF\x00\x01" * 100)
    out = xxgk("extract", str(f))
    assert out.returncode == 1
    assert "binary" in out.stderr and "Traceback" not in out.stderr


def test_extract_of_a_truncated_report_exits_nonzero_but_prints_what_it_read(tmp_path):
    html = (DATA / "2023_pingtan_syq_page.html").read_text(encoding="utf-8")
    f = tmp_path / "cut.html"
    f.write_text(html[: html.index("结果维持")], encoding="utf-8")
    out = xxgk("extract", str(f), "--json")
    assert out.returncode == 3
    assert json.loads(out.stdout)["facts"]["applications.new_received.total"] == 81
    assert "truncated" in out.stderr


def test_the_scoring_script_finds_no_wrong_number_in_the_corpus(xxgk_bin):
    out = subprocess.run(
        [sys.executable, str(DATA / "extract_eval.py"), xxgk_bin, str(DATA)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout[-2000:]
    assert "wrong 0" in out.stdout.splitlines()[-1]


def test_the_scoring_script_finds_no_wrong_number_in_the_derived_forms(xxgk_bin):
    env = {**os.environ, "MIN_COVERAGE": "0"}
    out = subprocess.run(
        [sys.executable, str(DATA / "extract_eval.py"), xxgk_bin, str(DATA / "derived")],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert out.returncode == 0, out.stdout[-2000:]
