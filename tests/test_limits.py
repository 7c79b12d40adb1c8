"""Every input is bounded: file size, table cells after rowspan/colspan, parse time, parse memory and passages
per report. An input past a limit fails alone with one line naming the limit, and the index is unchanged.
Hostile inputs are built the way the fault suite built them (a span bomb, a 50 MB page, an 11 MB inline
image or text node ahead of the tables)."""

from __future__ import annotations

import re
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from index.build import ingest
from index.reader import Index
from ingest import isolated, limits
from ingest.errors import UnreadableReport
from ingest.html_doc import build_grid, parse_html
from ingest.limits import LimitExceeded
from ingest.parse import parse_report

DATA = Path(__file__).parent / "data"
MODEL = "hash:64"
PAGE = "2023_pingtan_syq_page.html"
LIMITS_DOC = Path(__file__).resolve().parent.parent / "docs" / "index-home.md"


def _page_with(insert: str) -> str:
    """The real 2023 page with `insert` placed just before its first table."""
    page = (DATA / PAGE).read_text("utf-8")
    at = page.index("<table")
    return page[:at] + insert + page[at:]


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    ingest(home, [DATA / "2020_panjin_yingshangju.txt"], model=MODEL)
    return home


def _unchanged(home: Path, result) -> None:
    [outcome] = result.outcomes
    assert outcome.status == "failed" and result.generation is None
    with Index.open(home, bootstrap=False) as index:
        assert [r.agency for r in index.reports()] == ["盘锦市营商环境建设局"]


def test_every_limit_is_listed_in_the_docs():
    documented = LIMITS_DOC.read_text("utf-8")
    for name in [name for name in vars(limits) if name.isupper() and not name.startswith("_")]:
        assert name in documented, f"docs/index-home.md does not list ingest/limits.py's {name}"


def test_a_50_mb_page_is_refused_before_it_is_read(home, tmp_path):
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:
        fh.truncate(50 * 2**20)  # sparse: the refusal must come from its size alone
    result = ingest(home, [big], model=MODEL)
    assert result.outcomes[0].reason == (f"{big} is 50 MB; the limit for one report is 40 MB. Check that it is an "
                                         "annual report (a report page is well under 1 MB).")
    _unchanged(home, result)
    with pytest.raises(LimitExceeded, match="50 MB; the limit for one report is 40 MB"):
        parse_report(big)


def test_a_span_bomb_is_refused_in_bounded_memory():
    cell = '<td rowspan="1000" colspan="1000">1</td>'
    bomb = _page_with("<table>" + "".join(f"<tr>{cell * 10}</tr>" for _ in range(120)) + "</table>")
    assert len(bomb) - len((DATA / PAGE).read_text("utf-8")) > 47_000
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceeded, match="a table holds more than 20,000 cells once rowspan and colspan"):
            parse_report("bomb.html", bomb.encode())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20  # it took 1.6 GB before spans were bounded


def test_spans_reach_no_further_than_the_table():
    import lxml.html

    table = lxml.html.fragment_fromstring('<table><tr><td rowspan="99">a</td><td>1</td></tr><tr><td>2</td></tr></table>')
    grid = build_grid(table)
    assert [[c.text for c in row.cells] for row in grid] == [["a", "1"], ["a", "2"]]
    assert grid[0].cells[0].rowspan == 2


def test_the_cells_of_all_tables_together_are_bounded(monkeypatch):
    from ingest import html_doc

    monkeypatch.setattr(html_doc, "MAX_PAGE_CELLS", 100)
    tables = "".join("<table>" + "<tr><td>1</td><td>2</td></tr>" * 20 + "</table>" for _ in range(3))
    with pytest.raises(LimitExceeded, match="its tables hold more than 100 cells"):
        parse_html(f"<html><body>{tables}</body></html>")


def test_a_report_of_too_many_passages_is_refused_and_changes_nothing(home, tmp_path):
    text = (DATA / "2022_pingtan_syq.txt").read_text("utf-8")
    sentence = "我们持续推进政务公开标准化规范化建设，进一步完善了主动公开目录，并按时更新了各类公开事项。"
    long = tmp_path / "long.txt"
    long.write_text(text + "\n" + sentence * (limits.MAX_PASSAGES * 5), "utf-8")
    result = ingest(home, [long], model=MODEL)
    assert result.outcomes[0].reason.startswith(f"{long} would make more than 2,000 passages, the limit for one report")
    _unchanged(home, result)


BULK = {
    "an 11 MB inline image": '<img src="data:image/png;base64,' + "A" * 11_000_000 + '">',
    "an 11 MB comment": "<!--" + "x" * 11_000_000 + "-->",
    "an 11 MB text node": "<p>" + "很" * 11_000_000 + "</p>",
}


@pytest.mark.parametrize("insert", BULK.values(), ids=BULK.keys())
def test_bulk_ahead_of_the_tables_never_hides_them(insert):
    report = parse_report("page.html", _page_with(insert).encode())
    assert len(report.facts) == len(parse_report(DATA / PAGE).facts) == 207


def test_a_page_too_deep_for_the_html_reader_is_refused_not_read_in_part():
    deep = _page_with("<div>" * 3000 + "x" + "</div>" * 3000)
    with pytest.raises(UnreadableReport, match="the HTML reader stopped part-way"):
        parse_report("deep.html", deep.encode())
    nested = parse_report("nested.html", _page_with("<div>" * 2000 + "x" + "</div>" * 2000).encode())
    assert len(nested.facts) == 207  # deep, but within what the reader reads: no recursion error


def test_a_deeply_nested_page_is_read_on_a_small_thread_stack():
    # The page's text and cells are read by libxslt, which recurses in C once per level of nesting: a page
    # nested deeper than real pages nest is read element by element, so a thread with a small stack survives it.
    page = _page_with("<div>" * 2000 + "x" + "</div>" * 2000).encode()
    counted = []
    old = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=lambda: counted.append(len(parse_report("nested.html", page).facts)))
        thread.start()
    finally:
        threading.stack_size(old)
    thread.join()
    assert counted == [207]


def test_the_parse_deadline_stops_the_parsers_loops(monkeypatch):
    monkeypatch.setattr(limits, "PARSE_SECONDS", 0.0)
    with pytest.raises(LimitExceeded, match=f"reading {PAGE} took longer than 0 s, the limit for one report"):
        isolated.parse_in_child(PAGE, (DATA / PAGE).read_bytes())


def hang(name: str, data: bytes):
    """A parse that never checks the deadline (like a regular expression stuck in C)."""
    time.sleep(600)


def hog(name: str, data: bytes):
    return bytearray(limits.PARSE_MEMORY + 2**30)


def test_a_parse_stuck_beyond_the_deadline_is_killed_and_the_next_one_works(monkeypatch):
    monkeypatch.setattr(limits, "PARSE_SECONDS", 0.2)
    monkeypatch.setattr(limits, "PARSE_GRACE", 0.5)
    with pytest.raises(LimitExceeded, match="took longer than 0 s"):
        isolated.parse_in_child("stuck.html", b"", fn=hang)
    assert len(isolated.parse_in_child(PAGE, (DATA / PAGE).read_bytes()).facts) == 207


def test_a_parse_needing_too_much_memory_fails_alone():
    with pytest.raises(LimitExceeded, match="needs more than 2048 MB of memory"):
        isolated.parse_in_child("huge.html", b"", fn=hog)
    assert len(isolated.parse_in_child(PAGE, (DATA / PAGE).read_bytes()).facts) == 207


def test_limits_are_declared_once():
    """Other modules read the limits from ingest/limits.py, never their own copies of the numbers."""
    root = Path(__file__).resolve().parent.parent
    for path in [*root.glob("ingest/*.py"), *root.glob("index/*.py")]:
        if path.name != "limits.py":
            assert not re.search(r"^(MAX_FILE_BYTES|MAX_PASSAGES|PARSE_SECONDS)\s*=", path.read_text("utf-8"), re.M)
