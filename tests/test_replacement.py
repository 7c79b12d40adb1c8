"""A new copy of an indexed agency and year replaces it only when it is at least as complete (certain facts,
tables present, no new failed checks); a worse copy is kept beside it, unused, and said so — in the
outcome, on the command line and in the bot's reply. `--replace` forces it. A report whose agency cannot
be read is a copy of nothing but itself.

The worse copies are made from a real report the way they happen: a page cut off in the middle of a
table, a page whose tables were lost (removed, or behind an 11 MB inline image that once made the HTML
reader stop)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answer import answer
from bot.cli import main
from bot.telegram import views
from index.build import ingest
from index.reader import Index

DATA = Path(__file__).parent / "data"
MODEL = "hash:64"
GOOD = "2023_pingtan_syq_page.html"
QUESTION = "平潭2023年行政诉讼一共多少件？"


def _page() -> str:
    return (DATA / GOOD).read_text("utf-8")


def _truncated() -> str:
    """The page cut off halfway through its second table (收到和处理政府信息公开申请情况)."""
    text = _page()
    tables = [m.span() for m in re.finditer(r"<table.*?</table>", text, re.S)]
    start, end = tables[1]
    return text[: (start + end) // 2]


def _without_tables() -> str:
    return re.sub(r"<table.*?</table>", "", _page(), flags=re.S)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder / name


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    ingest(home, [DATA / GOOD], model=MODEL)
    return home


def _served(home: Path) -> tuple[str, int, object]:
    """Which file serves the 2023 report, its certain facts, and the answer to the litigation question."""
    with Index.open(home, bootstrap=False) as index:
        [report] = [r for r in index.reports() if r.year == 2023]
        facts = len(index.facts(agencies=[report.agency], years=[2023], include_ambiguous=False))
        return Path(report.source_name).name, facts, answer(QUESTION, index).value


WORSE = {"truncated mid-table": _truncated, "tables removed": _without_tables}


@pytest.mark.parametrize("make", WORSE.values(), ids=WORSE.keys())
def test_a_worse_copy_does_not_replace_the_complete_report(home, tmp_path, make):
    before = _served(home)
    assert before[0] == GOOD and before[2] is not None
    worse = _write(tmp_path / "new", "2023_copy.html", make())
    [outcome] = ingest(home, [worse], model=MODEL).outcomes
    assert outcome.status == "skipped"
    assert outcome.reason.startswith(f"not used: {DATA / GOOD} serves this agency and year (207 certain facts, 3 of 3 ")
    assert "fewer certain facts" in outcome.reason and outcome.reason.endswith("with --replace to serve it instead")
    assert _served(home) == before
    assert (home / "originals" / f"{_sha(worse)}.html").exists()  # kept beside it


def test_a_copy_whose_tables_an_inline_image_once_hid_is_read_whole(home, tmp_path):
    page = _page()
    at = page.index("<table")
    padded = page[:at] + '<p><img src="data:image/png;base64,' + "A" * 11_000_000 + '"></p>' + page[at:]
    [outcome] = ingest(home, [_write(tmp_path / "new", "2023_image.html", padded)], model=MODEL).outcomes
    assert (outcome.status, outcome.facts) == ("replaced", 207)  # as complete: the tables were all read


def test_a_kept_copy_offered_again_is_still_not_used(home, tmp_path):
    worse = _write(tmp_path / "new", "2023_copy.html", _truncated())
    ingest(home, [worse], model=MODEL)
    [outcome] = ingest(home, [worse], model=MODEL).outcomes
    assert outcome.status == "skipped" and outcome.reason.startswith("not used:")


def test_a_complete_copy_replaces_a_truncated_one(tmp_path):
    home = tmp_path / "home"
    ingest(home, [_write(tmp_path / "old", "2023_copy.html", _truncated())], model=MODEL)
    [outcome] = ingest(home, [DATA / GOOD], model=MODEL).outcomes
    assert outcome.status == "replaced"
    assert outcome.reason.startswith("at least as complete as the copy it replaces (207 certain facts")
    assert _served(home)[:2] == (GOOD, 207)


def test_replace_forces_a_less_complete_copy_in(home, tmp_path):
    worse = _write(tmp_path / "new", "2023_copy.html", _truncated())
    [outcome] = ingest(home, [worse], model=MODEL, replace=True).outcomes
    assert outcome.status == "replaced" and outcome.reason.startswith("served because of --replace")
    assert _served(home)[0] == "2023_copy.html"


@pytest.mark.parametrize("worse_first", [True, False])
def test_in_one_batch_the_complete_copy_serves_whatever_the_order(tmp_path, worse_first):
    folder = tmp_path / "batch"
    names = ("a.html", "b.html") if worse_first else ("b.html", "a.html")
    _write(folder, names[0], _truncated())
    _write(folder, names[1], _page())
    result = ingest(tmp_path / "home", [folder], model=MODEL)
    statuses = {Path(o.source).name: o.status for o in result.outcomes}
    assert statuses == {names[0]: "skipped", names[1]: "added"}
    assert _served(tmp_path / "home")[:2] == (names[1], 207)


def test_the_command_line_says_which_copy_serves_and_why(home, tmp_path, capsys):
    worse = _write(tmp_path / "new", "2023_copy.html", _truncated())
    assert main(["ingest", str(worse), "--home", str(home)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"skipped   {worse}: 平潭综合实验区 2023, not used: {DATA / GOOD} serves")
    assert main(["ingest", str(worse), "--home", str(home), "--replace"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"replaced  {worse}: 平潭综合实验区 2023, 93 facts")
    assert ": served because of --replace, although less complete" in line


def test_the_bot_reply_to_an_upload_says_which_copy_serves(home, tmp_path):
    worse = _write(tmp_path / "upload", "file_17.html", _truncated())
    result = ingest(home, [worse], model=MODEL)
    zh = views.ingest_html(result, "我的报告.html", "zh")
    assert "未采用" in zh and "更完整" in zh and "--replace" in zh and str(worse) not in zh
    en = views.ingest_html(result, "my_report.html", "en")
    assert "not used:" in en and "serves this agency and year" in en


def test_the_bot_reply_names_uploads_without_their_temporary_folders(tmp_path):
    home = tmp_path / "home"
    first = _write(tmp_path / "xxgk-upload-a1", "truncated.html", _truncated())
    ingest(home, [first], model=MODEL)
    second = _write(tmp_path / "xxgk-upload-b2", "complete.html", _page())
    zh = views.ingest_html(ingest(home, [second], model=MODEL), "complete.html", "zh")
    assert "（替换了之前收录的版本：truncated.html (ingested " in zh and "xxgk-upload" not in zh
    assert "新文件至少同样完整（确定的数字 207 个，旧版本 93 个）" in zh


def _agencyless(source: str, marker: str) -> str:
    """A real report with every mention of its agency removed (the title names no agency)."""
    text = (DATA / source).read_text("utf-8")
    text = re.sub(r"发文机关:[^\n]*", "", text).replace("盘锦市营商环境建设局2020年度", "2020年")
    return text.replace("盘锦市营商环境建设局", "").replace("市营商环境建设局", "本局") + f"\n{marker}\n"


def test_two_agencyless_reports_of_one_year_stay_apart(tmp_path):
    # a report whose agency cannot be read is refused with the advice to name it (issue 10: never a
    # fragment such as "度" for a key); named, the two are stored apart
    home = tmp_path / "home"
    first = _write(tmp_path / "a", "first.txt", _agencyless("2020_panjin_yingshangju.txt", "（一）"))
    second = _write(tmp_path / "b", "second.txt", _agencyless("2020_panjin_yingshangju.txt", "（二）"))
    [one] = ingest(home, [first], model=MODEL).outcomes
    [two] = ingest(home, [second], model=MODEL).outcomes
    assert (one.status, one.agency) == (two.status, two.agency) == ("failed", "")
    assert "--agency NAME" in one.reason and "--agency NAME" in two.reason
    ingest(home, [first], model=MODEL, agency="盘锦市营商环境建设局")
    ingest(home, [second], model=MODEL, agency="盘锦市人民政府")
    with Index.open(home, bootstrap=False) as index:
        assert sorted(Path(r.source_name).name for r in index.reports()) == ["first.txt", "second.txt"]


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
