"""The `xxgk` command line given nonsense: a number of processes that is not one, a cluster address that is
not a Dask scheduler, questions with bytes that are not UTF-8, a report whose parse is stuck where the
parse deadline cannot reach. Each is one line that says what to do next (or an answer), never a traceback
and never a wait of minutes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from localweb import LocalWeb

from bot import cmd_ask
from bot.cli import main
from index import cluster, parallel
from index.build import ingest
from ingest import isolated, limits

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
MODEL = "hash:64"
QUESTION = "盘锦市营商环境建设局2020年收到多少政府信息公开申请？"
REPORT = str(DATA / "2019_pingtan_syq.txt")


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    ingest(home, [DATA / "2020_panjin_yingshangju.txt"], model=MODEL)
    return home


def _one_line(capsys, argv: list[str], status: int) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == status
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.strip().splitlines()[-1]


@pytest.mark.parametrize("workers", ["0", "-2", "many", "1.5", ""])
def test_workers_that_are_not_a_number_of_processes_are_refused_by_the_command_line(capsys, home, workers):
    line = _one_line(capsys, ["ingest", REPORT, "--workers", workers, "--home", str(home)], status=2)
    assert line == (f"xxgk ingest: error: argument --workers: “{workers}” is not a number of processes "
                    "(a whole number, 1 or more)")


def test_more_workers_than_the_machine_can_use_start_at_most_two_per_core(monkeypatch):
    monkeypatch.setattr(parallel, "default_workers", lambda: 1)
    with parallel.open_runner(500, None, jobs=1000) as runner:
        assert runner.workers == parallel.MAX_WORKERS_PER_CORE


def _cluster_line(capsys, home: Path, address: str) -> str:
    assert main(["ingest", REPORT, "--cluster", address, "--home", str(home), "--model", MODEL]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("address", ["scheduler", "tcp://10.0.0.5", "tcp://10.0.0.5:99999", "tcp://10.0.0.5:0"])
def test_a_cluster_address_without_a_usable_port_is_refused_at_once(capsys, home, address):
    start = time.monotonic()
    line = _cluster_line(capsys, home, address)
    assert line.startswith(f"xxgk ingest: --cluster {address} is not a Dask scheduler address")
    assert "give it as tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786" in line
    assert time.monotonic() - start < cluster.CONNECT_TIMEOUT  # not the client's minute of retrying


def test_a_cluster_address_where_a_web_server_answers_is_not_a_scheduler(capsys, home, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    with LocalWeb() as web:
        line = _cluster_line(capsys, home, f"tcp://{web.host}:{web.port}")
    assert line.startswith(f"xxgk ingest: cannot reach the Dask scheduler at tcp://{web.host}:{web.port} "
                           "(no Dask scheduler answered within 2 s)")
    assert "start one with `dask scheduler`" in line


def _xxgk(*args: str | bytes, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=120)


def test_a_question_with_bytes_that_are_not_utf8_is_answered(home):
    out = _xxgk("ask", QUESTION.encode() + b"\xff\xfe", "--json", "--home", str(home))
    assert out.returncode == 0 and out.stderr == b""
    line = json.loads(out.stdout.decode("utf-8"))  # and what is printed is UTF-8
    assert (line["question"], line["kind"], line["value"]) == (QUESTION + "\ufffd\ufffd", "fact", 0)


def test_a_chat_line_with_bytes_that_are_not_utf8_is_answered_and_the_chat_goes_on(home):
    out = _xxgk("chat", "--json", "--home", str(home), stdin=QUESTION.encode() + b"\xc3\n" + b"\xff\n" + QUESTION.encode())
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    lines = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert [(line["kind"], line["value"]) for line in lines][::2] == [("fact", 0), ("fact", 0)]
    assert lines[1]["question"] == "\ufffd" and "Error" not in lines[1]["answer"]


def stuck(name: str, data: bytes, **given):
    """A parse that never checks the deadline (like a PDF library stuck on a hostile file)."""
    time.sleep(600)


def test_extract_parses_in_the_bounded_child_like_an_ingest(capsys, monkeypatch):
    monkeypatch.setattr(limits, "PARSE_SECONDS", 0.2)
    monkeypatch.setattr(limits, "PARSE_GRACE", 0.5)
    monkeypatch.setattr(isolated, "parse_report_bounded", stuck)
    assert main(["extract", REPORT]) == 1
    assert capsys.readouterr().err == (f"xxgk extract: reading {REPORT} took longer than 0 s, the limit for one "
                                       "report; nothing was added. Check that it is one annual report.\n")
    monkeypatch.undo()
    assert main(["extract", REPORT]) == 0  # the stuck child was killed; the next extract gets a fresh one


def test_extract_of_a_file_that_cannot_be_read_is_one_line(capsys, tmp_path):
    assert main(["extract", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"xxgk extract: cannot read {tmp_path}: Is a directory\n"


def test_a_report_whose_file_name_is_not_utf8_is_added_with_the_rest_of_its_folder(capsys, tmp_path):
    folder = tmp_path / "unpacked"
    folder.mkdir()
    gbk_name = os.fsdecode(os.fsencode(folder) + b"/" + "2019年报告".encode("gbk") + b".txt")  # from a Windows zip
    shutil.copy(DATA / "2019_pingtan_syq.txt", gbk_name)
    shutil.copy(DATA / "2020_panjin_yingshangju.txt", folder)
    assert main(["ingest", str(folder), "--home", str(tmp_path / "home"), "--model", MODEL]) == 0
    out = capsys.readouterr().out
    assert "done: 2 added" in out
    assert re.search(r"added +\S+/unpacked/2019\S*\ufffd\S*\.txt: 平潭综合实验区 2019", out)


def test_a_folder_or_file_not_found_under_a_name_that_is_not_utf8_is_one_line(capsys, tmp_path):
    missing = os.fsdecode(os.fsencode(tmp_path) + b"/\xb1\xa8.txt")
    assert main(["ingest", missing, "--home", str(tmp_path / "home"), "--model", MODEL]) == 1
    assert f"{tmp_path}/\ufffd\ufffd.txt: no such file or folder" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["ingest", REPORT, "--model", MODEL], ["ask", QUESTION], ["stats"]])
def test_a_home_whose_name_is_not_utf8_is_one_line_saying_to_choose_another(capsys, tmp_path, command):
    home = os.fsdecode(os.fsencode(tmp_path) + b"/\xb1\xa8")
    assert main([*command, "--home", home]) == 1
    err = capsys.readouterr().err
    assert err == (f"xxgk {command[0]}: the data home {tmp_path}/\ufffd\ufffd has bytes in its name that are not UTF-8 "
                   "text, and the vector index cannot be saved there; choose another folder with --home DIR or "
                   "$XXGK_HOME\n")
    assert not os.path.exists(home)


@pytest.mark.parametrize("source", ["/dev/zero", "big"])
def test_a_batch_that_never_ends_or_is_no_list_of_questions_is_refused_by_its_size(capsys, home, tmp_path, source):
    if source == "big":
        source = str(tmp_path / "big.log")
        with open(source, "wb") as fh:
            fh.truncate(cmd_ask.MAX_BATCH_BYTES + 1)  # sparse: the refusal must come from the size alone
    assert main(["ask", "--batch", source, "--home", str(home)]) == 2
    assert capsys.readouterr().err == (f"xxgk ask: the batch file {source} holds more than 64 MB; a batch is one "
                                       "question a line: split it into smaller files\n")


@pytest.mark.parametrize("address", ["", "   "])
def test_an_empty_cluster_address_is_refused_not_taken_for_no_cluster(capsys, home, address):
    line = _one_line(capsys, ["ingest", REPORT, "--cluster", address, "--home", str(home)], status=2)
    assert line.startswith("xxgk ingest: error: argument --cluster: an empty address")


def test_questions_echoed_to_the_terminal_carry_no_control_characters(capsys, home, tmp_path):
    batch = tmp_path / "batch.txt"
    batch.write_text("\x1b]0;owned\x07\x1b[2J" + QUESTION + "\n", encoding="utf-8")
    main(["ask", "--batch", str(batch), "--home", str(home)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\ufffd]0;owned" in out


def test_an_endless_chat_line_is_read_in_bounded_pieces():
    import io

    endless = io.StringIO("x" * (cmd_ask.MAX_LINE * 3 + 5) + "\n" + QUESTION + "\n")
    lines = list(cmd_ask._bounded_lines(endless))
    assert [len(line) for line in lines] == [cmd_ask.MAX_LINE, len(QUESTION) + 1]
