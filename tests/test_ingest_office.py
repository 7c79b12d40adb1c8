"""`xxgk ingest` of PDF and Word reports: a folder picks them up, their originals keep their extension, and
`xxgk reindex` reads them back from those originals into the same facts."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.cli import main
from index.fetch import expand
from index.reader import Index

DATA = Path(__file__).parent / "data"
PDF = DATA / "2024_huaian_szf.pdf"
WORD = DATA / "derived" / "2023_pingtan_syq_page_word.docx"


def office_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in (PDF, WORD):
        shutil.copy(path, folder / path.name)
    (folder / "~$23_pingtan_syq_page_word.docx").write_bytes(b"\x00" * 162)  # Word's lock file beside it
    return folder


def test_a_folder_picks_up_pdf_and_word_reports_but_not_word_lock_files(tmp_path):
    inputs, problems = expand([office_folder(tmp_path)])
    assert ([Path(i.name).name for i in inputs], problems) == ([WORD.name, PDF.name], [])
    assert [i.suffix for i in inputs] == [".docx", ".pdf"]


def test_pdf_and_word_reports_are_ingested_kept_as_they_came_and_reindexed(tmp_path, capsys):
    home = tmp_path / "home"
    folder = office_folder(tmp_path)
    assert main(["ingest", "--home", str(home), "--model", "hash:64", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"added     {folder / WORD.name}: 平潭综合实验区 2023, 207 facts, 0 ambiguous, ")
    assert out[1].startswith(f"added     {folder / PDF.name}: 淮安市人民政府 2024, 207 facts, 0 ambiguous, ")
    assert sorted(p.suffix for p in (home / "originals").iterdir()) == [".docx", ".pdf"]
    with Index.open(home, bootstrap=False) as index:
        before = index.stats()
    assert main(["reindex", "--home", str(home)]) == 0
    with Index.open(home, bootstrap=False) as index:
        after = index.stats()
    assert (after["reports"], after["facts"], after["chunks"]) == (2, before["facts"], before["chunks"])
