"""Shared fixtures. Keep this small: helpers used by one test file live in that file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def report_copy(tmp_path):
    """Copy reports from tests/data into a fresh folder: report_copy("a.txt", "b.html") -> folder."""

    def copy(*names: str, folder: str = "reports") -> Path:
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(DATA / name, target / name)
        return target

    return copy


@pytest.fixture
def report_corpus(tmp_path) -> Path:
    """Every real report of tests/data (text and page copies), copied into one folder: a small real corpus."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in DATA.iterdir():
        if path.suffix in (".txt", ".html") and path.name[:4].isdigit():
            shutil.copy(path, folder / path.name)
    return folder


# Answering tests (test_answer.py, test_ask_cli.py): one real index (SQLite + FAISS + the default
# embedding model) per session, of four real reports: Panjin 2020 (every count 0), Pingtan 2020 as
# scraped text (ambiguous cells, a failed identity check), Pingtan 2025 (2021 layout) and the
# old-template Pingtan County 2013 report.
ANSWER_REPORTS = ("2020_panjin_yingshangju.txt", "2020_pingtan_syq.txt", "2025_pingtan_syq_page.html",
                  "2013_pingtan_xian.txt")


@pytest.fixture(scope="session")
def answer_home(tmp_path_factory) -> Path:
    from index.build import ingest

    home = tmp_path_factory.mktemp("answer-home")
    ingest(home, [DATA / name for name in ANSWER_REPORTS])
    return home


@pytest.fixture(scope="session")
def answer_index(answer_home):
    from index.reader import Index

    index = Index.open(answer_home, bootstrap=False)
    yield index
    index.close()


@pytest.fixture(scope="module")
def fake():
    """A fake Telegram Bot API on loopback (tests/fakebotapi.py), one per test module; every method the bot
    called must be one the fake knows."""
    from fakebotapi import FakeBotApi

    with FakeBotApi() as server:
        yield server
    assert server.unknown_methods == []


@pytest.fixture(scope="session")
def samples(tmp_path_factory):
    """The bundled sample index, built as a new user's first question builds it (an empty home indexes
    index/samples): one for every module of questions over the sample agencies."""
    from index.reader import Index

    index = Index.open(tmp_path_factory.mktemp("samples-home"))
    yield index
    index.close()
