"""A clumsy admin damages the data home, then uses every command as a user would: `ask`, `stats`, `audit`,
`chat --json`, `ingest`, `watch`, then `reindex`. Every command either answers or says what is wrong in
one line with the fix; nothing is re-seeded over the user's reports; `reindex` brings every report back,
with the embedding model the index had; no original is ever lost.

The damage is done the way disks, editors and admins do it, to real SQLite files, FAISS indexes and JSON
in temporary homes (the fast `hash:64` embedder). The commands run through the real `xxgk` entry point
(bot.cli.main), and the subprocess cases through the installed interpreter."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from localweb import LocalWeb

from bot.cli import main
from index.build import ingest
from index.embed import HashEmbedder
from index.generations import DB_FILE, META_FILE, VECTORS_FILE, Meta
from index.home import cache_file, current_file, originals_dir
from index.reader import Index

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
MODEL = "hash:64"
REPORTS = ("2020_panjin_yingshangju.txt", "2013_pingtan_xian.txt", "2023_pingtan_syq_page.html")
EVERY = {("盘锦市营商环境建设局", 2020), ("平潭县人民政府", 2013), ("平潭综合实验区", 2023)}
FACT = "平潭2023年行政诉讼一共多少件？"
NARRATIVE = "平潭综合实验区2023年如何推进政务公开？"
OTHER = str(DATA / "2019_pingtan_syq.txt")


@pytest.fixture
def home(tmp_path) -> Path:
    """Three reports added by two ingests: a live generation and the previous one."""
    home = tmp_path / "home"
    ingest(home, [DATA / name for name in REPORTS[:2]], model=MODEL)
    ingest(home, [DATA / REPORTS[2]], model=MODEL)
    return home


def _live(home: Path) -> Path:
    return home / "generations" / current_file(home).read_text().strip()


def _garbage_same_size(path: Path) -> None:
    path.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(path.stat().st_size)))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _current_is_a_folder(home: Path) -> None:
    current_file(home).unlink()
    current_file(home).mkdir()
    (current_file(home) / "notes.txt").write_text("an admin's notes")


# Damage that stops answering: every command says so in one line, with `xxgk reindex`.
INDEX_DAMAGE = {
    "CURRENT empty": lambda h: current_file(h).write_bytes(b""),
    "CURRENT garbage": lambda h: current_file(h).write_bytes(b"\xff\xfe\x00../../etc"),
    "CURRENT names a missing folder": lambda h: current_file(h).write_bytes(b"999999-1"),
    "CURRENT deleted": lambda h: current_file(h).unlink(),
    "CURRENT is a folder": _current_is_a_folder,
    "live generation deleted": lambda h: shutil.rmtree(_live(h)),
    "meta.json deleted": lambda h: (_live(h) / META_FILE).unlink(),
    "meta.json garbage": lambda h: (_live(h) / META_FILE).write_text('{"model": 5'),
    "meta.json a list": lambda h: (_live(h) / META_FILE).write_text("[]"),
    "index.db deleted": lambda h: (_live(h) / DB_FILE).unlink(),
    "index.db garbage": lambda h: _garbage_same_size(_live(h) / DB_FILE),
    "index.db truncated": lambda h: os.truncate(_live(h) / DB_FILE, 20_000),
}
# Damage that does not stop answering facts: answers come with a warning; stats and ingest say it.
SOFT_DAMAGE = {
    "vectors.faiss deleted": lambda h: (_live(h) / VECTORS_FILE).unlink(),
    "vectors.faiss truncated": lambda h: os.truncate(_live(h) / VECTORS_FILE, 100),
    "vectors.faiss garbage of the same size": lambda h: _garbage_same_size(_live(h) / VECTORS_FILE),
    "embedding cache garbage": lambda h: _write(cache_file(h), b"not a database" * 4000),
}


def _run(capsys, argv: list[str], stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), "utf-8"))
    status = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return status, out, err


def _refused(capsys, argv: list[str], home: Path, **kw) -> None:
    status, out, err = _run(capsys, argv, **kw)
    assert status == 1 and len(err.splitlines()) == 1, (argv, out, err)
    assert f"xxgk reindex --home {home}" in err


def _originals(home: Path) -> list[str]:
    return sorted(p.name for p in originals_dir(home).iterdir())


def _reindexed(capsys, home: Path) -> None:
    """`xxgk reindex` brings back every report, with the model the index had."""
    status, out, err = _run(capsys, ["reindex", "--home", str(home)])
    assert status == 0, (out, err)
    with Index.open(home, bootstrap=False) as index:
        assert {(r.agency, r.year) for r in index.reports()} == EVERY
        assert index.meta.model == MODEL and index.problems() == []
    status, out, _ = _run(capsys, ["ask", FACT, "--home", str(home)])
    assert status == 0 and "7件" in out


@pytest.mark.parametrize("damage", INDEX_DAMAGE, ids=list(INDEX_DAMAGE))
def test_every_command_on_a_damaged_index_says_so_in_one_line_and_reindex_restores_it(
    home, capsys, monkeypatch, damage
):
    originals = _originals(home)
    INDEX_DAMAGE[damage](home)
    at = ["--home", str(home)]
    for argv in (["ask", FACT], ["stats"], ["audit"], ["audit", "--json"], ["ingest", OTHER]):
        _refused(capsys, argv + at, home)
    _refused(capsys, ["chat", "--json", *at], home, stdin=FACT + "\n", monkeypatch=monkeypatch)
    assert _originals(home) == originals  # the refused ingest stored nothing, and nothing was lost
    _reindexed(capsys, home)
    assert _originals(home) == originals


@pytest.mark.parametrize("damage", SOFT_DAMAGE, ids=list(SOFT_DAMAGE))
def test_damage_that_leaves_facts_answerable_is_warned_about_and_reindex_repairs_it(home, capsys, damage):
    SOFT_DAMAGE[damage](home)
    at = ["--home", str(home)]
    status, out, err = _run(capsys, ["ask", FACT, *at])
    assert status == 0 and "7件" in out
    status, out, err = _run(capsys, ["ask", NARRATIVE, *at])
    assert status == 0 and out.strip()
    assert "warning" in err and f"xxgk reindex --home {home}" in err  # said, whichever question found it
    status, out, err = _run(capsys, ["stats", *at])
    assert status == 1 and "reports       3" in out and f"xxgk reindex --home {home}" in err
    assert _run(capsys, ["audit", *at])[0] == 0
    _refused(capsys, ["ingest", OTHER, *at], home)
    _reindexed(capsys, home)


def test_an_embedding_cache_that_is_a_folder_neither_stops_ingest_nor_loses_a_report(home, capsys):
    shutil.rmtree(cache_file(home).parent, ignore_errors=True)
    cache_file(home).mkdir(parents=True)
    status, out, err = _run(capsys, ["ingest", OTHER, "--home", str(home)])
    assert status in (0, 1) and len(err.splitlines()) <= 1
    _run(capsys, ["reindex", "--home", str(home)])
    with Index.open(home, bootstrap=False) as index:
        assert {(r.agency, r.year) for r in index.reports()} >= EVERY


def test_a_lost_meta_json_is_rebuilt_with_the_model_the_index_was_built_with(tmp_path, capsys):
    """With no meta.json left to say which model the vectors are of, the embedding cache tells."""
    home = tmp_path / "home"
    ingest(home, [DATA / name for name in REPORTS], model=HashEmbedder(64, cacheable=True))
    for folder in (home / "generations").iterdir():
        (folder / META_FILE).unlink()
    _reindexed(capsys, home)


def test_a_damaged_watch_list_is_one_line_naming_it_and_the_index_still_answers(home, capsys):
    (home / "watch.db").write_bytes(b"not a database" * 500)
    for argv in (["watch", "list"], ["watch", "run"], ["watch", "add", "https://www.example.gov.cn/nb/"]):
        status, out, err = _run(capsys, [*argv, "--home", str(home)])
        assert status == 1 and len(err.splitlines()) == 1 and "watch.db" in err, err
    assert _run(capsys, ["ask", FACT, "--home", str(home)])[0] == 0


def test_watch_run_on_a_damaged_index_keeps_the_new_link_for_a_later_run(home, capsys):
    """The list page names a new report; the damaged index refuses the ingest, the link waits, and after
    `reindex` the next run ingests it."""
    with LocalWeb() as web:
        web.add("/nb/2019.htm", (DATA / "2019_pingtan_syq_page.html").read_bytes())
        page = web.add(
            "/nb/", '<ul><li><a href="2019.htm">平潭综合实验区2019年度政府信息公开工作年度报告</a></li></ul>'
        )
        at = ["--home", str(home)]
        assert _run(capsys, ["watch", "add", page, *at])[0] == 0
        (_live(home) / DB_FILE).write_bytes(b"")
        status, out, err = _run(capsys, ["watch", "run", "--allow-private", "--delay", "0", *at])
        assert status == 1 and "xxgk reindex" in out + err
        assert _run(capsys, ["reindex", *at])[0] == 0
        from index.watch import WatchList

        with WatchList.open(home) as watchlist:  # tried again at once rather than after the usual pause
            watchlist.conn.execute("UPDATE links SET next_try = 0")
            watchlist.conn.commit()
        status, out, err = _run(capsys, ["watch", "run", "--allow-private", "--delay", "0", *at])
        assert status == 0, out + err
    with Index.open(home, bootstrap=False) as index:
        assert EVERY | {("平潭综合实验区", 2019)} == {(r.agency, r.year) for r in index.reports()}


def test_the_real_command_on_a_damaged_index_piped_to_head_is_one_line(home):
    """`xxgk ask … | head` as a shell runs it, on a home whose index.db an editor truncated."""
    os.truncate(_live(home) / DB_FILE, 4096)
    proc = subprocess.run(
        f"{sys.executable} -m bot.cli ask '{FACT}' --home {home} | head -1",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.stdout == "" and len(proc.stderr.splitlines()) == 1 and "xxgk reindex" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "reindex", "--home", str(home)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads((_live(home) / META_FILE).read_text())["reports"] == 3
    assert Meta.read(_live(home)).model == MODEL
