"""A real `xxgk ingest` or `xxgk reindex` process killed with SIGKILL halfway leaves the previous index intact
and usable, and the next run cleans up after it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.build import ingest, reindex
from index.embed import DEFAULT_MODEL
from index.embed_cache import EmbeddingCache
from index.generations import DB_FILE
from index.home import cache_file
from index.reader import Index
from index.seed import seed_home

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def _relabelled(folder: Path, names: list[str]) -> Path:
    """Copies of a real report under other zone names: new text to embed, so the ingest takes a while."""
    folder.mkdir()
    text = (DATA / "2018_pingtan_syq.txt").read_text("utf-8")
    for name in names:
        (folder / f"{name}.txt").write_text(text.replace("平潭", name), "utf-8")
    return folder


def _cached(home: Path) -> int:
    cache = EmbeddingCache(cache_file(home))
    try:
        return cache.count(DEFAULT_MODEL)
    finally:
        cache.close()


def _wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def _kill_when_embedding(home: Path, before: str, args: list[str], cached_before: int) -> Path:
    """Run `xxgk ARGS --home HOME`, SIGKILL it once its new generation exists and some of its passages
    are embedded; returns the unfinished generation folder it left."""
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", *args, "--home", str(home)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    building = lambda: [p for p in (home / "generations").iterdir() if p.name != before]  # noqa: E731
    try:
        _wait_for(lambda: any((p / DB_FILE).exists() for p in building()))
        _wait_for(lambda: _cached(home) > cached_before)  # some new passages embedded, the rest not yet
        assert proc.poll() is None, f"xxgk {args[0]} finished before it could be killed"
        proc.kill()  # SIGKILL: no cleanup handler runs
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -9
    [orphan] = building()
    return orphan


def test_an_ingest_killed_halfway_leaves_the_previous_index_answering(tmp_path):
    home = tmp_path / "home"
    seed_home(home, None)  # the samples' vectors are shipped: the first index builds in a second
    before = ingest(home, [DATA / "2013_pingtan_xian.txt"]).generation
    cached_before = _cached(home)
    folder = _relabelled(tmp_path / "new", ["临江", "白石", "东湖", "西岭"])
    orphan = _kill_when_embedding(home, before, ["ingest", str(folder)], cached_before)
    assert (home / "CURRENT").read_text().strip() == before
    with Index.open(home, bootstrap=False) as index:
        assert [(r.agency, r.year) for r in index.reports()] == [("平潭县人民政府", 2013)]
        assert any("查阅场所" in h.chunk.text for h in index.search("公众查阅场所", k=3))
    assert _cached(home) > cached_before  # the embedding work done before the kill is kept
    after = ingest(home, [DATA / "2020_panjin_yingshangju.txt"])
    assert not orphan.exists() and after.generation != orphan.name
    assert sorted(p.name for p in (home / "generations").iterdir()) == [before, after.generation]
    assert os.listdir(home / "originals")  # originals are content-addressed: a leftover is harmless


def test_a_reindex_killed_halfway_leaves_the_previous_index_answering(tmp_path):
    home = tmp_path / "home"
    seed_home(home, None)
    reports = ["2013_pingtan_xian.txt", "2018_pingtan_syq.txt", "2020_panjin_yingshangju.txt"]
    before = ingest(home, [DATA / name for name in reports]).generation
    for path in cache_file(home).parent.glob(cache_file(home).name + "*"):
        path.unlink()  # every passage must be embedded again: the reindex takes long enough to kill
    orphan = _kill_when_embedding(home, before, ["reindex"], 0)
    assert (home / "CURRENT").read_text().strip() == before
    with Index.open(home, bootstrap=False) as index:
        assert len(index.reports()) == 3
        assert any("查阅场所" in h.chunk.text for h in index.search("公众查阅场所", k=3))
        assert [f.value for f in index.facts(keys=["applications.new_received.total"])] == [0]
    after = reindex(home)
    assert after.cached > 0  # the passages embedded before the kill are not embedded again
    assert not orphan.exists()
    assert sorted(p.name for p in (home / "generations").iterdir()) == sorted([before, after.generation])
