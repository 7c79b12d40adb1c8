"""A damaged home is never taken for a new one: every damage is said with its fix (`xxgk reindex`), nothing
is re-seeded over the user's reports, and `reindex` rebuilds the index from the stored originals.

Real SQLite files and FAISS indexes in temporary homes, damaged the way disks, editors and clumsy admins
damage them; the fast `hash:64` embedder (the real model has its own tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.build import ingest, reindex
from index.embed_cache import EmbeddingCache
from index.errors import DamagedIndex
from index.generations import DB_FILE, META_FILE, VECTORS_FILE, cleanup, current, generation_folders
from index.home import cache_file, current_file, originals_dir
from index.reader import Index

DATA = Path(__file__).parent / "data"
MODEL = "hash:64"
FIRST = ("2020_panjin_yingshangju.txt", "2013_pingtan_xian.txt")
LATER = "2023_pingtan_syq_page.html"
EVERY = {("盘锦市营商环境建设局", 2020), ("平潭县人民政府", 2013), ("平潭综合实验区", 2023)}


@pytest.fixture
def home(tmp_path) -> Path:
    """A home of three reports added by two ingests: two generations, the live one and the previous one."""
    home = tmp_path / "home"
    ingest(home, [DATA / name for name in FIRST], model=MODEL)
    ingest(home, [DATA / LATER], model=MODEL)
    return home


def _live(home: Path) -> Path:
    return home / "generations" / current_file(home).read_text().strip()


def _reports(home: Path) -> set[tuple[str, int]]:
    with Index.open(home, bootstrap=False) as index:
        return {(r.agency, r.year) for r in index.reports()}


def _state(home: Path) -> tuple[list[str], list[str], bytes]:
    """What an operation that refuses must leave as it was: originals, generation folders, CURRENT."""
    current = current_file(home).read_bytes() if current_file(home).exists() else b""
    return sorted(p.name for p in originals_dir(home).iterdir()), [p.name for p in generation_folders(home)], current


def _refused_everywhere_then_repaired(home: Path, match: str) -> None:
    """ask, stats and ingest all say what is wrong and how to fix it, change nothing, and never index the
    samples; reindex then brings every report back."""
    before = _state(home)
    with pytest.raises(DamagedIndex, match=match) as opened:
        Index.open(home)  # the path of `xxgk ask`, which fills a new home with the samples
    assert f"xxgk reindex --home {home}" in str(opened.value)
    with pytest.raises(DamagedIndex, match=match):
        ingest(home, [DATA / "2019_pingtan_syq.txt"], model=MODEL)
    assert _state(home) == before
    result = reindex(home)
    assert not result.failed
    assert _reports(home) == EVERY


DAMAGED_CURRENT = {
    "empty": b"",
    "garbage": b"\x00\xff\xfe garbage \x81",
    "a missing folder": b"000099-1",
    "a path outside the home": b"../../etc",
}


@pytest.mark.parametrize("content", DAMAGED_CURRENT.values(), ids=DAMAGED_CURRENT.keys())
def test_a_damaged_current_file_is_said_and_reindex_rebuilds_every_report(home, content):
    current_file(home).write_bytes(content)
    _refused_everywhere_then_repaired(home, "not a generation folder")


def test_a_deleted_live_generation_is_said_and_reindex_rebuilds_every_report(home):
    shutil.rmtree(_live(home))
    _refused_everywhere_then_repaired(home, "not a generation folder")


def test_a_deleted_current_file_is_said_and_reindex_rebuilds_every_report(home):
    current_file(home).unlink()
    _refused_everywhere_then_repaired(home, "CURRENT file is missing")


@pytest.mark.parametrize("damage", ["deleted", "garbage", "empty object"])
def test_a_damaged_meta_json_is_said_and_reindex_rebuilds_every_report(home, damage):
    meta = _live(home) / META_FILE
    if damage == "deleted":
        meta.unlink()
    else:
        meta.write_text("{ not json" if damage == "garbage" else "{}")
    _refused_everywhere_then_repaired(home, META_FILE)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_index_db_is_said_and_reindex_rebuilds_every_report(home, damage):
    db = _live(home) / DB_FILE
    data = db.read_bytes()
    db.write_bytes({"garbage": b"not a database " * 1000, "truncated": data[: len(data) // 2], "empty": b""}[damage])
    _refused_everywhere_then_repaired(home, DB_FILE)


def test_with_every_generation_damaged_reindex_rebuilds_from_the_originals_alone(home):
    for folder in generation_folders(home):
        (folder / DB_FILE).write_bytes(b"")
    _refused_everywhere_then_repaired(home, DB_FILE)


def test_a_first_ingest_killed_before_publishing_is_said_not_seeded_over(tmp_path):
    home = tmp_path / "home"
    ingest(home, [DATA / FIRST[0]], model=MODEL)
    shutil.rmtree(home / "generations")  # as if killed before its generation was published
    current_file(home).unlink()
    with pytest.raises(DamagedIndex, match="CURRENT file is missing"):
        Index.open(home)
    assert [p.name for p in generation_folders(home)] == []  # no sample index was built
    reindex(home, model=MODEL)
    assert _reports(home) == {("盘锦市营商环境建设局", 2020)}


@pytest.mark.parametrize("damage", ["deleted", "truncated"])
def test_damaged_vectors_are_said_and_facts_still_answer_until_reindex(home, damage):
    vectors = _live(home) / VECTORS_FILE
    if damage == "deleted":
        vectors.unlink()
    else:
        vectors.write_bytes(vectors.read_bytes()[:100])
    with Index.open(home) as index:
        [problem] = index.problems()
        assert "vectors.faiss" in problem and "xxgk reindex" in problem
        hits = index.search("政府信息公开申请", k=3)  # full-text search alone
        assert hits and all(h.vector_score is None for h in hits)
        assert index.facts(keys=["applications.new_received.total"], agencies=["平潭综合实验区"])
        with pytest.raises(DamagedIndex, match="vectors.faiss") as raised:
            index.vector_search("政府信息公开申请")
        assert "Error in" not in str(raised.value)  # never FAISS's own message
    with pytest.raises(DamagedIndex, match="vectors.faiss"):
        ingest(home, [DATA / "2019_pingtan_syq.txt"], model=MODEL)
    reindex(home)
    with Index.open(home) as index:
        assert index.problems() == [] and index.vector_search("政府信息公开申请", k=1)
    assert _reports(home) == EVERY


def test_a_damaged_embedding_cache_is_said_and_reindex_rebuilds_it_empty(tmp_path):
    home = tmp_path / "home"
    from index.embed import HashEmbedder

    cacheable = HashEmbedder(64, cacheable=True)
    ingest(home, [DATA / name for name in FIRST], model=cacheable)
    cache_file(home).write_bytes(b"this is not a database" * 100)
    with Index.open(home) as index:  # answering needs no cache: it is said, and answering goes on
        [problem] = index.problems()
        assert "embedding cache" in problem and "xxgk reindex" in problem
    with pytest.raises(DamagedIndex, match="embedding cache"):
        ingest(home, [DATA / LATER], model=cacheable)
    reindex(home, model=cacheable)
    cache = EmbeddingCache(cache_file(home))
    try:
        assert cache.count() > 0  # rebuilt, holding the vectors of this reindex
    finally:
        cache.close()
    with Index.open(home) as index:
        assert index.problems() == []
    assert _reports(home) == {("盘锦市营商环境建设局", 2020), ("平潭县人民政府", 2013)}


def test_cleanup_keeps_a_generation_that_alone_indexes_a_report(tmp_path):
    """Even if the live generation somehow lost reports (an index built over a damaged home by an older
    version), the generations that still index them are not deleted."""
    home = tmp_path / "home"
    ingest(home, [DATA / FIRST[0]], model=MODEL)
    ingest(home, [DATA / FIRST[1]], model=MODEL)
    foreign = tmp_path / "other"
    ingest(foreign, [DATA / LATER], model=MODEL)
    stray = home / "generations" / "000009-1"
    shutil.copytree(_live(foreign), stray)
    current_file(home).write_text(stray.name)  # a live generation holding none of the home's reports
    cleanup(home)
    assert len(generation_folders(home)) == 3


def test_cleanup_still_removes_a_generation_whose_reports_were_all_replaced(tmp_path):
    home = tmp_path / "home"
    ingest(home, [DATA / "2019_pingtan_syq.txt"], model=MODEL)
    first = current(home)
    ingest(home, [DATA / "2019_pingtan_syq_page.html"], model=MODEL)  # more complete: replaces it
    ingest(home, [DATA / FIRST[0]], model=MODEL)
    assert not first.exists() and len(generation_folders(home)) == 2


def test_a_failed_first_ingest_leaves_a_new_home_new(tmp_path, monkeypatch):
    from index import build

    home = tmp_path / "home"

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build._Build, "finish", full)
    with pytest.raises(Exception, match="full"):
        ingest(home, [DATA / FIRST[0]], model=MODEL)
    assert current(home) is None and list(originals_dir(home).iterdir()) == []
