"""`xxgk ingest`, `xxgk reindex`, `xxgk stats` as a user runs them: lines on stdout, one clear line on
stderr for a problem, exit status 1 when something failed, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from bot.cli import main
from bot.cmd_index import ProgressBar
from index.build import Progress

ROOT = Path(__file__).resolve().parent.parent


def _lines(text: str) -> list[str]:
    return text.strip().splitlines()


def test_ingest_prints_a_line_per_report_and_a_summary(tmp_path, report_copy, capsys):
    folder = report_copy("2020_panjin_yingshangju.txt")
    assert main(["ingest", "--home", str(tmp_path / "home"), "--model", "hash:64", str(folder)]) == 0
    out = _lines(capsys.readouterr().out)
    assert out[0] == (f"added     {folder / '2020_panjin_yingshangju.txt'}: 盘锦市营商环境建设局 2020, 198 facts, "
                      "0 ambiguous, 50 chunks, 0 failed checks")
    assert out[1].startswith("done: 1 added; 50 chunks (50 embedded, 0 from cache); published generation ")
    assert main(["ingest", "--home", str(tmp_path / "home"), str(folder)]) == 0
    out = _lines(capsys.readouterr().out)
    assert out[0].startswith(f"unchanged {folder / '2020_panjin_yingshangju.txt'}: 盘锦市营商环境建设局 2020, "
                             "already indexed (ingested ")
    assert out[1].startswith("done: 1 unchanged; 0 chunks (0 embedded, 0 from cache); index unchanged; model hash:64;")


def test_a_replaced_version_says_what_it_replaced(tmp_path, report_copy, capsys):
    home = str(tmp_path / "home")
    main(["ingest", "--home", home, "--model", "hash:64", str(report_copy("2020_pingtan_syq.txt", folder="old"))])
    capsys.readouterr()
    assert main(["ingest", "--home", home, str(report_copy("2020_pingtan_syq_page.html", folder="new"))]) == 0
    line = _lines(capsys.readouterr().out)[0]
    assert line.startswith(f"replaced  {tmp_path / 'new' / '2020_pingtan_syq_page.html'}: 平潭综合实验区 2020, 198 facts")
    assert f"2 failed checks; replaced {tmp_path / 'old' / '2020_pingtan_syq.txt'} (ingested " in line


def test_a_broken_file_is_reported_and_the_exit_status_says_so(tmp_path, report_copy, capsys):
    folder = report_copy("2013_pingtan_xian.txt")
    (folder / "empty.txt").write_bytes(b"")
    assert main(["ingest", "--home", str(tmp_path / "home"), "--model", "hash:64", str(folder)]) == 1
    captured = capsys.readouterr()
    out = _lines(captured.out)
    assert out[0].startswith("added     ") and out[1].startswith(f"failed    {folder / 'empty.txt'}: ")
    assert out[2].startswith("done: 1 added, 1 failed;")
    assert captured.err == ""


def test_a_model_mismatch_is_one_line_on_stderr(tmp_path, report_copy, capsys):
    home = str(tmp_path / "home")
    main(["ingest", "--home", home, "--model", "hash:64", str(report_copy("2013_pingtan_xian.txt"))])
    capsys.readouterr()
    assert main(["reindex", "--home", home, "--model", "hash:32"]) == 0
    assert main(["ingest", "--home", home, "--model", "hash:64", str(report_copy("2018_pingtan_syq.txt", folder="b"))]) == 1
    err = capsys.readouterr().err
    assert _lines(err) == [err.strip()] and err.startswith("xxgk ingest: this index was built with the embedding model hash:32")


def test_stats_lists_what_the_index_holds(tmp_path, report_copy, capsys):
    home = str(tmp_path / "home")
    main(["ingest", "--home", home, "--model", "hash:64", str(report_copy("2020_panjin_yingshangju.txt"))])
    capsys.readouterr()
    assert main(["stats", "--home", home]) == 0
    rows = dict(line.split(None, 1) for line in _lines(capsys.readouterr().out))
    assert {k: rows[k] for k in ("reports", "agencies", "years", "facts", "chunks", "model", "dim")} == {
        "reports": "1", "agencies": "1", "years": "1", "facts": "198", "chunks": "50", "model": "hash:64", "dim": "64"}
    assert main(["stats", "--home", str(tmp_path / "empty")]) == 1
    assert capsys.readouterr().err.startswith("xxgk stats: there is no index in ")


def test_an_unusable_home_is_a_message_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", "--home", str(blocker / "home"),
                           str(ROOT / "tests" / "data" / "2013_pingtan_xian.txt")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert _lines(proc.stderr) == [f"xxgk ingest: cannot write to the data home {blocker / 'home'}: Not a directory. "
                                   "Pass --home DIR or set XXGK_HOME to a folder you can write."]


def test_the_progress_bar_redraws_one_line():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar.update(Progress("embed", 16, 32))
    bar.clear()
    assert stream.getvalue() == "\r\x1b[Kembedding [###############...............] 16/32 \r\x1b[K"
