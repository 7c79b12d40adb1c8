"""No traceback reaches a user: every failure of `xxgk` is one line on stderr with exit status 1 (or 2 for
the command line itself), `--debug` shows the traceback, and `xxgk … | head` ends quietly."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from index.build import ingest
from index.home import current_file

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
MODEL = "hash:64"
QUESTION = "盘锦市营商环境建设局2020年收到多少政府信息公开申请？"


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    ingest(home, [DATA / "2020_panjin_yingshangju.txt"], model=MODEL)
    return home


def _fails(capsys, argv: list[str], status: int = 1) -> str:
    """Run `xxgk ARGV`: it exits with `status` and says why in one line on stderr; that line is returned."""
    assert main(argv) == status
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("command", [["ask", QUESTION], ["stats"], ["ingest", str(DATA / "2019_pingtan_syq.txt")]])
def test_a_damaged_home_is_one_line_with_the_fix(home, capsys, command):
    current_file(home).write_bytes(b"\x00garbage")
    line = _fails(capsys, [*command, "--home", str(home)])
    assert line.startswith(f"xxgk {command[0]}: the index in {home} is damaged")
    assert f"run `xxgk reindex --home {home}`" in line


def test_a_damaged_embedding_cache_is_one_line_from_stats_and_ingest(home, capsys):
    cache = home / "cache" / "embeddings.db"
    cache.parent.mkdir(exist_ok=True)
    cache.write_bytes(b"not a database" * 100)
    assert "embedding cache" in _fails(capsys, ["stats", "--home", str(home)])
    assert "embedding cache" in _fails(capsys, ["ingest", str(DATA / "2019_pingtan_syq.txt"), "--home", str(home)])
    assert main(["ask", QUESTION, "--home", str(home)]) == 0  # answering needs no cache, and says it is damaged
    out = capsys.readouterr()
    assert "xxgk: warning: the index in" in out.err and "embedding cache" in out.err and "0" in out.out


def test_a_missing_batch_file_is_one_line(home, capsys):
    line = _fails(capsys, ["ask", "--batch", str(home / "nope.txt"), "--home", str(home)], status=2)
    assert line == f"xxgk ask: cannot read the batch file {home / 'nope.txt'}: No such file or directory\n"


def test_a_batch_file_that_is_not_utf8_is_one_line(home, tmp_path, capsys):
    questions = tmp_path / "questions.txt"
    questions.write_bytes(QUESTION.encode("gbk"))
    line = _fails(capsys, ["ask", "--batch", str(questions), "--home", str(home)], status=2)
    assert line.startswith(f"xxgk ask: the batch file {questions} is not UTF-8 text (bad byte at 0); save it as UTF-8")


def test_an_empty_home_that_cannot_be_written_is_one_line(tmp_path, capsys):
    home = tmp_path / "read-only"
    home.mkdir()
    home.chmod(0o555)
    if os.geteuid() == 0:  # root writes anyway: a folder that cannot be created stands in for it
        home = Path("/sys/xxgk-test-home")
    line = _fails(capsys, ["ask", QUESTION, "--home", str(home)])
    assert line.startswith(f"xxgk ask: cannot write to the data home {home}")


def test_truncated_utf16_is_read_up_to_where_it_was_cut(home, tmp_path, capsys):
    text = (DATA / "2020_panjin_yingshangju.txt").read_text("utf-8")
    cut = tmp_path / "utf16.txt"
    cut.write_bytes((codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[:-1])  # cut inside the last character
    assert main(["extract", str(cut)]) == 0
    assert "盘锦市营商环境建设局" in capsys.readouterr().out
    assert main(["ingest", str(cut), "--home", str(home)]) == 0


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(home, capsys, monkeypatch):
    from index import reader

    def broken(*args, **kwargs):
        raise ValueError("something unforeseen")

    monkeypatch.setattr(reader.Index, "stats", broken)
    line = _fails(capsys, ["stats", "--home", str(home)])
    assert line == "xxgk stats: ValueError: something unforeseen (run again with --debug to see where)\n"
    with pytest.raises(ValueError, match="something unforeseen"):
        main(["--debug", "stats", "--home", str(home)])
    with pytest.raises(ValueError, match="something unforeseen"):
        main(["stats", "--home", str(home), "--debug"])


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`xxgk extract … | head -1`: the reader stops early; no BrokenPipeError is printed."""
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "extract", str(DATA / "2023_pingtan_syq_page.html"),
                             "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # before it writes anything
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 0 and err == ""
