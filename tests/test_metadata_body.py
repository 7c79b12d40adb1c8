"""A report's agency and year when the copy has no title: read from the body (附件 line, signature, first
sentences, 统计期限, 总体情况, file name), or given with --agency/--year; never a fragment, never another
agency's name. Body-only copies are made from the real reports by cutting their titles off."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli import main
from ingest.errors import NotAnAgencyName, NotAReport
from ingest.html_doc import parse_html
from ingest.parse import parse_report
from ingest.reading import decode

DATA = Path(__file__).parent / "data"
OTHERS = DATA / "agencies"  # real reports of other agencies, most of them body-only crawler copies
ALL = sorted(
    p
    for p in [*DATA.iterdir(), *OTHERS.iterdir(), *(DATA / "derived").iterdir()]
    if p.suffix in (".html", ".txt", ".md", ".pdf", ".docx") and p.with_suffix(".facts.json").exists()
)
REPORTS = [p for p in ALL if p.parent != DATA / "derived" and p.suffix in (".html", ".txt", ".md")]
_TITLE = re.compile(r"^[^《〔，,。]{0,40}(?:19|20)\d{2}\s*年[^《〔，,。]{0,40}(?:政府信息公开|政务公开)[^，,。]{0,12}$|标\s*题\s*[:：]")
_TITLE_END = re.compile(r"^\s*(?:工作)?(?:年度)?报告\s*$")
_LEADING_TITLE = re.compile(r"^\s*\S{0,40}?(?:19|20)\d{2}\s*年\s*度?\s*\S{0,20}?(?:政府信息公开|政务公开)\S{0,10}?报告\s*")


def gold(path: Path) -> dict:
    return json.loads(path.with_suffix(".facts.json").read_text(encoding="utf-8"))


def body_only(path: Path) -> str:
    """The report as a crawler keeps it when the title sits outside the body: the page's text without its
    header lines and title."""
    decoded = decode(path.read_bytes(), path.name)
    text = parse_html(decoded.text, path.name).body_text if decoded.is_html else decoded.text
    text = re.split(r"=+\s*正文\s*=+\n", text)[-1]
    lines = text.splitlines()
    titled = [i for i, line in enumerate(lines[:15]) if _TITLE.search(line)]
    rest = lines[titled[-1] + 1 :] if titled else lines
    text = "\n".join(rest[1:] if rest and _TITLE_END.match(rest[0]) else rest)
    return _LEADING_TITLE.sub("", text, count=1)


def parse_text(text: str, name: str = "copy.txt", **given):
    return parse_report(name, text.encode("utf-8"), **given)


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_real_report_names_its_agency_and_year(path):
    meta = parse_report(path).meta
    assert (meta.agency, meta.year) == (gold(path)["agency"], gold(path)["year"])


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_a_body_only_copy_names_its_own_agency_or_none_never_another(path):
    try:
        meta = parse_text(body_only(path)).meta
    except NotAReport as e:  # no year anywhere in the body: the error asks for it
        assert "--year" in str(e)
        return
    assert meta.agency in (gold(path)["agency"], "")
    assert meta.year == gold(path)["year"]


@pytest.mark.parametrize(
    "name, source",
    [
        ("2021_hebei_jyt.txt", "signature"),  # "河北省教育厅\n2022年1月20日" closes the report
        ("2023_hebei_jyt.txt", "signature"),
        ("2022_hebei_jyt.txt", "attachment"),  # "附件：河北省教育厅2022年政府信息公开工作年度报告"
        ("2023_hebei_kjt.txt", "attachment"),
        ("2021_hebei_kjt.txt", "overview"),  # "总体情况2021年，河北省科学技术厅坚持…"
        ("2023_pingtan_syq.txt", "overview"),
        ("2025_shanghai_szfbgt.md", "overview"),
        ("2023_shuyang_fgj.html", "signature"),
    ],
)
def test_a_body_only_copy_reads_the_agency_its_body_prints(name, source):
    path = OTHERS / name if (OTHERS / name).exists() else DATA / name
    meta = parse_text(body_only(path)).meta
    assert (meta.agency, meta.agency_source) == (gold(path)["agency"], source)


def test_the_first_sentence_that_publishes_the_report_names_its_agency_and_year():
    text = body_only(OTHERS / "2021_hebei_jyt.txt").replace("河北省教育厅\n2022年1月20日", "")
    meta = parse_text(text.replace("报告中所列数据统计期限为2021年1月1日至12月31日。", "")).meta
    # "…要求，发布河北省教育厅2021年政府信息公开工作年度报告。"
    assert (meta.agency, meta.agency_source, meta.year) == ("河北省教育厅", "first sentence", 2021)


SIGNED = body_only(OTHERS / "2023_hebei_jyt.txt").rstrip()
assert SIGNED.endswith("河北省教育厅\n2024年1月26日")
UNSIGNED = SIGNED.removesuffix("河北省教育厅\n2024年1月26日").rstrip()  # states its year, not its agency
# ... and without its year: no 统计期限 sentence, no year opening 总体情况
NO_YEAR = UNSIGNED.replace("本年度报告中所列数据统计期限从2023年1月1日起至2023年12月31日止。", "").replace(
    "总体情况\n2023年，", "总体情况\n"
)


@pytest.mark.parametrize(
    "signature",
    [
        "\n河北省教育厅\n2024年1月26日",  # two lines
        "\n河北省教育厅　　2024年1月26日",  # one line
        "\n\n\n　　河北省教育厅\n　　2024 年 1 月 26 日\n",  # indented, spaced
        "\n河北省教育厅\n二〇二四年一月二十六日",  # the date in Chinese numerals
        "\n河北省教育厅\n2024年1月26日\n— 7 —",  # a page footer after it (a PDF's text)
        "\n河北省教育厅\n2024年1月26日\n\n第 7 页 共 7 页",
        "\n**河北省教育厅**\n2024年1月26日",  # Markdown of a converted PDF
        "河北省教育厅2024年1月26日",  # fused to the last sentence (a crawler dropped the breaks)
    ],
)
def test_the_signature_gives_the_agency_and_the_publication_date(signature):
    meta = parse_text(UNSIGNED + signature).meta
    assert (meta.agency, meta.agency_source, meta.published) == ("河北省教育厅", "signature", "2024-01-26")


def test_a_signature_year_is_the_report_year_plus_one():
    meta = parse_text(NO_YEAR + "\n河北省教育厅\n2024年1月26日").meta
    assert (meta.year, meta.year_source) == (2023, "signature date")


@pytest.mark.parametrize(
    "line",
    [
        "附件：河北省教育厅2023年政府信息公开工作年度报告",
        "附件：1、河北省教育厅2023年政府信息公开工作年度报告.doc　　2、河北省教育厅2023年政府信息公开工作年度报告.pdf",
        "附件1：河北省教育厅2023年度政府信息公开工作年度报告.pdf",
        "附件: 河北省教育厅 2023 年政府信息公开工作年度报告",
    ],
)
def test_the_attachment_line_gives_the_agency_and_year(line):
    meta = parse_text(UNSIGNED + "\n\n" + line + "\n").meta
    assert (meta.agency, meta.agency_source, meta.year, meta.year_source) == (
        "河北省教育厅",
        "attachment",
        2023,
        "attachment",
    )


def test_a_title_like_file_name_gives_the_agency_and_year():
    meta = parse_text(NO_YEAR, name="/tmp/upload/河北省教育厅2023年政府信息公开工作年度报告.txt").meta
    assert (meta.agency, meta.agency_source, meta.year, meta.year_source) == (
        "河北省教育厅",
        "file name",
        2023,
        "file name",
    )


def test_a_title_that_names_no_agency_gives_no_agency_not_a_fragment():
    meta = parse_text("2020年度政府信息公开工作年度报告\n" + UNSIGNED).meta
    assert (meta.agency, meta.agency_source) == ("", "")  # it used to be "度"
    assert "no agency name found" in " ".join(parse_text(UNSIGNED).warnings)


def test_a_sentence_in_the_title_position_is_not_an_agency():
    text = "河北省教育厅共受理行政复议1起，2023年政府信息公开工作年度报告如下\n" + UNSIGNED
    assert parse_text(text).meta.agency in ("河北省教育厅", "")


def test_an_ocr_slip_in_a_markdown_title_is_corrected_and_the_correction_recorded():
    body = body_only(OTHERS / "2023_shuyang_fgj.html").replace("沭阳县发展和改革局\n2024年1月17日", "")
    report = parse_text("# 沐阳县发展和改革局2023年政府信息公开年度报告\n" + body, name="ocr.md")
    meta = report.meta
    assert (meta.agency, meta.agency_printed, meta.agency_source) == ("沭阳县发展和改革局", "沐阳县发展和改革局", "title")
    assert meta.corrections == (
        "沐阳县 is no division of China; read as 沭阳县 (江苏省宿迁市沭阳县), which the report names elsewhere (沭阳县)",
    )
    assert report.warnings[0] == f"agency printed as 沐阳县发展和改革局: {meta.corrections[0]}"
    assert report.to_contract()["corrections"] == list(meta.corrections)


def test_a_short_form_in_the_page_header_is_stored_as_the_official_name():
    # 2023_shuyang_fgj.html's header says 单位：沭阳县发改局; the title 沭阳县发展和改革局 — they agree
    meta = parse_report(OTHERS / "2023_shuyang_fgj.html").meta
    assert (meta.agency, meta.publisher) == ("沭阳县发展和改革局", None)
    meta = parse_text("标题: 上海市科委2022年政府信息公开工作年度报告\n" + UNSIGNED).meta
    assert (meta.agency, meta.agency_printed) == ("上海市科学技术委员会", "上海市科委")


def test_given_agency_and_year_fill_in_what_the_copy_does_not_state():
    meta = parse_text(NO_YEAR, agency="上海市科委", year=2019).meta
    assert (meta.agency, meta.agency_printed, meta.agency_source, meta.year, meta.year_source) == (
        "上海市科学技术委员会",
        "上海市科委",
        "given",
        2019,
        "given",
    )


def test_a_given_value_the_report_contradicts_is_not_used_and_that_is_said():
    # --agency on a folder must not rename the reports that name their own agency
    report = parse_text(SIGNED, agency="上海市科委", year=2019)
    assert (report.meta.agency, report.meta.year) == ("河北省教育厅", 2023)
    assert report.warnings[:2] == (
        "--agency 上海市科学技术委员会 was not used: the report states 河北省教育厅 (signature)",
        "--year 2019 was not used: the report states 2023 (statistics period)",
    )


def test_a_given_name_that_is_no_agency_is_refused_even_when_the_report_names_its_own():
    with pytest.raises(NotAnAgencyName):
        parse_text(SIGNED, agency="河北省教育厅共受理行政复议1起")


# -- the command line ------------------------------------------------------------------------------------


@pytest.fixture
def unsigned(tmp_path) -> Path:
    """A copy that states its year, not its agency."""
    path = tmp_path / "copy.txt"
    path.write_text(UNSIGNED, encoding="utf-8")
    return path


@pytest.fixture
def neither(tmp_path) -> Path:
    """A copy that states neither its agency nor its year."""
    path = tmp_path / "neither.txt"
    path.write_text(NO_YEAR, encoding="utf-8")
    return path


def test_extract_takes_agency_and_year(neither, capsys):
    assert main(["extract", str(neither), "--agency", "上海市科委", "--year", "2019", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["agency"], out["agency_printed"], out["agency_source"], out["year"], out["year_source"]) == (
        "上海市科学技术委员会",
        "上海市科委",
        "given",
        2019,
        "given",
    )


def test_extract_says_when_the_agency_is_unknown(unsigned, capsys):
    assert main(["extract", str(unsigned)]) == 0
    assert capsys.readouterr().out.startswith("agency:    (unknown: give it with --agency NAME)\n")


def test_extract_refuses_a_given_agency_that_is_no_agency_in_one_line(unsigned, capsys):
    assert main(["extract", str(unsigned), "--agency", "河北省教育厅共受理行政复议1起"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not look like an agency name" in err


def test_extract_without_a_year_asks_for_it(neither, capsys):
    assert main(["extract", str(neither)]) == 1
    assert capsys.readouterr().err.endswith("give the year: --year YEAR.\n")


def test_extract_refuses_a_year_that_is_no_report_year(unsigned, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(unsigned), "--year", "12"])
    assert exit_.value.code == 2 and "is not a report year" in capsys.readouterr().err


def test_ingest_refuses_a_report_without_agency_and_takes_it_with_agency(tmp_path, unsigned, capsys):
    home = str(tmp_path / "home")
    assert main(["ingest", "--home", home, "--model", "hash:64", str(unsigned)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"failed    {unsigned}: no agency name could be read from it")
    assert "--agency NAME" in out[0] and out[1].startswith("done: 1 failed;")
    assert main(["ingest", "--home", home, "--model", "hash:64", "--agency", "河北省教育厅", str(unsigned)]) == 0
    assert capsys.readouterr().out.startswith(f"added     {unsigned}: 河北省教育厅 2023, ")


def test_ingest_refuses_a_bad_agency_and_a_year_for_many_reports_before_reading_anything(tmp_path, unsigned, capsys):
    home = tmp_path / "home"
    assert main(["ingest", "--home", str(home), "--agency", "度", str(unsigned)]) == 2
    assert capsys.readouterr().err.startswith("xxgk ingest: --agency “度” does not look like an agency name")
    assert main(["ingest", "--home", str(home), "--year", "2020", str(unsigned), str(unsigned)]) == 2
    assert "--year gives the year of one report" in capsys.readouterr().err
    assert not home.exists()


def test_reindex_reads_a_report_with_the_agency_and_year_it_was_given(tmp_path, neither):
    from index.build import ingest, reindex
    from index.reader import Index

    home = tmp_path / "home"
    ingest(home, [neither], model="hash:64", agency="河北省教育厅", year=2023)
    outcomes = reindex(home).outcomes
    assert [(o.status, o.agency, o.year) for o in outcomes] == [("added", "河北省教育厅", 2023)]
    with Index.open(home, bootstrap=False) as index:
        assert [(r.agency, r.year) for r in index.reports()] == [("河北省教育厅", 2023)]


def test_a_title_broken_after_the_agency_is_joined():
    # the first lines of 2024_huaian_szf.pdf's text layer (shared corpus), page number first
    text = "- 1 -\n淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室根据…编制。\n"
    meta = parse_text(text).meta
    assert (meta.agency, meta.year, meta.agency_source) == ("淮安市人民政府", 2024, "title")


def test_a_sentence_with_a_year_is_no_title():
    # 2025_pingtan_syq_page_word.pdf's text: a sentence line that names 政府信息公开 and a later year
    text = UNSIGNED.replace("一、总体情况", "一、总体情况\n区共收到政府信息公开申请 154 件，共办结 148 件，结转至 2026 年 6 件。", 1)
    assert parse_text(text).meta.year == 2023
