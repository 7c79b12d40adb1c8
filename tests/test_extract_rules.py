"""Focused behaviours of the report reader: grids, blanks, placement of scraped numbers, encodings, bad input."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from ingest.errors import NotAReport, UnreadableReport
from ingest.html_doc import build_grid
from ingest.numbers import read_value
from ingest.parse import parse_report
from ingest.placement import Choice, Token, exact_row, place_tokens
from ingest.table_model import Link, _Solved, decide

DATA = Path(__file__).parent / "data"


def page(title: str, body: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><div>{body}</div></body></html>".encode()


TABLE3_HEAD = """
<tr><td rowspan="2" colspan="2">申请人情况</td><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td>
<td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
"""


def table3(rows: str) -> str:
    return f"<p>三、收到和处理政府信息公开申请情况</p><table>{TABLE3_HEAD}{rows}</table>"


def row(label: str, *cells: str) -> str:
    return f"<tr><td colspan='2'>{label}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


TITLE = "某某市某某局2020年度政府信息公开工作年度报告"


# --- grids -------------------------------------------------------------------------------------


def test_a_grid_places_cells_under_their_rowspan_and_colspan():
    import lxml.html

    table = lxml.html.fromstring(
        "<table><tr><td rowspan='2'>A</td><td colspan='2'>B</td></tr><tr><td>c</td><td>d</td></tr></table>"
    )
    grid = build_grid(table)
    assert [[c.text for c in r.cells] for r in grid] == [["A", "B", "B"], ["A", "c", "d"]]
    assert grid[1].own_cells()[0].text == "c"


def test_a_cell_spanning_columns_over_a_rowspan_from_above_takes_the_slots_it_covers():
    import lxml.html

    table = lxml.html.fromstring(
        "<table><tr><td>a</td><td rowspan='2'>B</td></tr><tr><td colspan='2'>C</td><td>d</td></tr></table>"
    )
    assert [[c and c.text for c in r.cells] for r in build_grid(table)] == [["a", "B", None], ["C", "C", "d"]]


def test_a_table_inside_a_cell_is_read_as_the_cells_text_and_its_rows_are_not_the_tables():
    import lxml.html

    table = lxml.html.fromstring(
        "<table><tr><td>x<table><tr><td>in</td><td>2</td></tr></table></td><td rowspan='3'>R</td></tr>"
        "<tr><td>y</td></tr></table>"
    )
    assert [[c.text for c in r.cells] for r in build_grid(table)] == [["xin2", "R"], ["y", "R"]]


def test_a_span_that_is_no_number_spans_one_slot():
    import lxml.html

    table = lxml.html.fromstring(
        "<table><tr><td rowspan='9'>A</td><td rowspan=' 2\u200b'>B</td><td colspan='x'>C</td></tr>"
        "<tr><td>d</td></tr></table>"
    )
    assert [[c and c.text for c in r.cells] for r in build_grid(table)] == [["A", "B", "C"], ["A", "d", None]]


def test_a_cells_text_spaces_its_paragraphs_and_breaks_and_leaves_out_scripts_and_comments():
    import lxml.html

    table = lxml.html.fromstring(
        "<table><tr><td>商业<p>企业</p><script>var x=1;</script>机构<br>2<!--c-->3</td><td rowspan='2'>a</td></tr>"
        "<tr><th> 1\u3000 </th></tr></table>"
    )
    assert [[c.text for c in r.cells] for r in build_grid(table)] == [["商业 企业机构 23", "a"], ["1", "a"]]


def test_a_cell_printing_private_use_characters_is_read_as_printed():
    import lxml.html

    # The cells are read in one pass that ends each cell with a private-use character: a page printing those
    # characters itself is read cell by cell instead, with the same result.
    table = lxml.html.fromstring("<table><tr><td>\ue000a\ue002</td><td colspan='\ue001'>1</td></tr></table>")
    assert [[c.text for c in r.cells] for r in build_grid(table)] == [["\ue000a\ue002", "1"]]


def test_a_pages_text_breaks_at_block_elements_and_never_reads_scripts_or_text_after_the_page():
    from ingest.html_doc import parse_html

    doc = parse_html(
        "<html><head><title>T</title><script>s</script></head><body><p>标题</p><div>前文<table><tr><td>表中</td>"
        "</tr></table><p>段落</p></div><noscript>不读</noscript></body></html>尾"
    )
    assert (doc.page_text, doc.body_text) == ("标题\n前文\n表中\n段落", "标题\n前文\n段落")


@pytest.mark.parametrize(
    "html",
    [
        (DATA / "2019_pingtan_syq_page.html").read_text(encoding="utf-8"),
        '<html><body><img src="data:image/png;base64,iVBOR"><p>图</p><!-- 注 --><p>后</p></body></html>',
        '<html><body><p>见\u3000src\xa0=\u3000"DATA:x" 之后</p></body></html>',  # a URI cut out of the text
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>声明</p></body></html>',
        "<html><body><p>a\x00b\x01c</p></body></html>",
    ],
)
def test_a_page_read_from_its_utf8_bytes_reads_as_its_text(html):
    from ingest.html_doc import parse_html

    def read(**utf8):
        try:
            return parse_html(html, "x.html", **utf8)
        except UnreadableReport as exc:
            return str(exc)

    assert read(utf8=html.encode("utf-8")) == read()


@pytest.mark.parametrize(
    "text",
    [
        "政 府 信 息 公 开 工 作 年 度 报 告\n" * 3,  # a letter-spaced copy
        "一、总体情况\n收 到 申 请\n本年度收到申请 5 件。\n",  # one letter-spaced line
        "发文机关: 盘锦市政府 成文日期\n自然人 商业企业\n",  # spaces between words: kept
        "表 😀 格 é 中\n",
    ],
)
def test_letter_spacing_told_from_a_pages_bytes_is_undone_as_from_its_text(text):
    from ingest.reading import as_printed, decode

    assert decode(text.encode("utf-8"), "x.txt").text == as_printed(text)


def test_html_columns_are_found_by_their_headers_not_their_position():
    # The 其他 and 总计 headers come in the usual order, but the page adds an empty column in between.
    head = TABLE3_HEAD.replace(
        '<td rowspan="2">总计</td>', "<td rowspan='2'>备注</td><td rowspan='2'>总计</td>"
    )
    html = f"<table>{head}{row('一、本年新收政府信息公开申请数量', '5', '1', '0', '0', '0', '0', '', '6')}</table>"
    report = parse_report("x.html", page(TITLE, html))
    assert report.fact("applications.new_received.total").value == 6
    assert report.fact("applications.new_received.commercial").value == 1


def test_a_blank_grid_cell_counts_as_zero_and_is_remembered_as_blank():
    html = table3(row("一、本年新收政府信息公开申请数量", "3", "", "", "", "", "", "3"))
    fact = parse_report("x.html", page(TITLE, html)).fact("applications.new_received.commercial")
    assert (fact.value, fact.printed) == (0, "")


def test_a_blank_total_that_contradicts_its_row_is_flagged_with_the_computed_value():
    html = table3(row("一、本年新收政府信息公开申请数量", "3", "2", "", "", "", "", ""))
    report = parse_report("x.html", page(TITLE, html))
    assert report.fact("applications.new_received.total") is None
    flagged = {a.key: a for a in report.ambiguous}["applications.new_received.total"]
    assert flagged.computed == 5
    assert "applications.row_total.new_received" in {c.rule for c in report.failed_checks}


def test_printed_totals_that_disagree_stay_as_printed_and_the_failed_check_says_so():
    report = parse_report(DATA / "2020_pingtan_syq_page.html")
    assert report.fact("applications.results.total.total").value == 21
    details = [c.detail for c in report.failed_checks]
    assert details == [
        "自然人 column: 三(一)…(六) = 26 but 三(七) = 20",
        "总计 column: 三(一)…(六) = 27 but 三(七) = 21",
    ]


def test_money_printed_in_yuan_is_stored_in_wan_yuan_with_the_printed_text_kept():
    fact = parse_report(DATA / "2019_pingtan_syq_page.html").fact("proactive.procurement.amount")
    assert (fact.value, fact.unit, fact.printed) == (pytest.approx(7539.443252), "万元", "75394432.52元")


@pytest.mark.parametrize(
    "printed, value",
    [
        ("１２３", 123),
        ("1,234", 1234),
        ("—", 0),
        ("/", 0),
        ("无", 0),
        ("", 0),
        ("-15", -15),
        ("\xa00\xa0", 0),
    ],
)
def test_printed_numbers_are_normalised(printed, value):
    assert read_value(printed).value == value


def test_words_in_a_value_cell_are_not_a_number():
    assert read_value("不适用") is None


# --- the 2021 layout --------------------------------------------------------------------------


def test_the_2021_layout_reads_its_own_rows_and_derives_other_handling():
    report = parse_report(DATA / "2025_pingtan_syq_page.html")
    assert report.meta.template == "2021"
    assert report.fact("applications.results.other.no_correction.total").value == 8
    assert report.fact("applications.results.other.total").value == 11
    assert report.fact("proactive.fees.amount").unit == "万元"


# --- scraped text -----------------------------------------------------------------------------

ROW = [Link("row total", tuple((0, i) for i in range(6)), ((0, 6),))]


def values(fused: str) -> list[set[int]]:
    """Each cell's possible values when a requests row prints `fused` with its cells run together."""
    def read(_: int, printed: str) -> Choice:
        value = read_value(printed).value
        return Choice(printed, value if value <= 10**7 else None)  # a count of ten million is no count

    row = place_tokens([Token(fused, True)], 7, read)
    cells = decide([row], ROW, [[(0, 10**7)] * 7]).cells
    return [{v.certain.value} if v.certain else set(v.values) for _, v in sorted(cells.items())]


def test_a_fused_row_with_one_placement_is_certain():
    assert values("5000005") == [{5}, {0}, {0}, {0}, {0}, {0}, {5}]


def test_a_fused_row_with_two_placements_leaves_the_split_open_but_the_total_certain():
    cells = values("220000022")
    assert cells[0] == {2, 22} and cells[1] == {0, 20} and cells[6] == {22}


def test_the_column_identities_resolve_a_fused_row_the_row_alone_cannot():
    # "220000022" alone is 22|0 or 2|20; the 商业企业 column (new + carried = total + forward) says 22|0.
    report = parse_report(DATA / "2023_pingtan_syq.txt")
    assert report.fact("applications.results.granted.natural_person").value == 22
    assert report.fact("applications.results.granted.commercial").value == 0


# Three rows of three cells: each row's first two cells add up to its third (a row's own total weighs 10), and
# the first two rows add up to the third in each column.
SMALL = [Link(f"row {r}", ((r, 0), (r, 1)), ((r, 2),), 10) for r in range(3)]
SMALL += [Link(f"column {c}", ((0, c), (1, c)), ((2, c),)) for c in range(3)]
CONSISTENT = [[1, 2, 3], [4, 5, 9], [5, 7, 12]]


def small_tables():
    """The consistent table with one part of a row printed one more, or left blank, and the row's total changed
    with it, so that a column no longer adds up; each row printed cell by cell, or with its cells run together
    ("459"), which reads several ways."""
    for r, c, change in itertools.product(range(3), range(2), (1, 2, "blank")):
        printed = [list(row) for row in CONSISTENT]
        delta = -printed[r][c] if change == "blank" else change
        printed[r][c] += delta
        printed[r][2] += delta
        texts = [[str(v) for v in row] for row in printed]
        if change == "blank":
            texts[r][c] = ""
        yield f"{change} {r},{c}", [exact_row([Choice(t, int(t or 0)) for t in row]) for row in texts]
        tokens = [[Token("".join(row), True)] for row in texts]
        read = lambda _, p: Choice(p, int(p or 0))  # noqa: E731
        yield f"{change} {r},{c} fused", [place_tokens(t, 3, read) for t in tokens]
    # "22" reads 2|0|2 or 0|2|2: each breaks a column of its own (and the third), so neither is certain
    rows = [exact_row([Choice(str(v), v) for v in row]) for row in ([1, 2, 3], [1, 2, 3])]
    yield "two ways", [rows[0], place_tokens([Token("22", True)], 3, read), rows[1]]


@pytest.mark.parametrize("name,rows", list(small_tables()))
def test_a_table_whose_totals_disagree_is_decided_without_the_solver_as_the_solver_decides_it(name, rows):
    bounds = [[(0, 10**7)] * 3] * 3
    solved = _Solved(rows, SMALL, bounds, []).decision()  # the CP-SAT models, every step
    assert decide(rows, SMALL, bounds) == solved


def test_an_unplaceable_fused_row_is_flagged_never_guessed():
    report = parse_report(DATA / "2022_pingtan_syq.txt")  # 行政规范性文件8855698: 3 cells, no identity
    flagged = {a.key for a in report.ambiguous}
    assert {"proactive.normative_docs.issued", "proactive.normative_docs.in_force"} <= flagged
    assert report.fact("proactive.normative_docs.issued") is None


def test_a_row_with_blank_cells_dropped_is_placed_only_where_certain():
    # One number per line, blanks dropped: 23 could stand under any applicant column; the total cannot move.
    report = parse_report(DATA / "derived" / "2019_pingtan_syq_page_blanked_lines.txt")
    assert report.fact("applications.new_received.total").value == 23
    assert report.fact("applications.new_received.natural_person") is None
    assert report.source.layout == "text-lines"


def test_only_the_change_column_may_be_negative():
    # 行政处罚2648-18538: the minus sign starts 本年增/减, so 2648 is whole.
    report = parse_report(DATA / "2020_pingtan_syq.txt")
    assert report.fact("proactive.penalties.prev_items").value == 2648
    assert report.fact("proactive.penalties.change") is None


def test_zero_rows_scraped_with_some_blanks_dropped_are_all_zero():
    report = parse_report(DATA / "2020_panjin_yingshangju.txt")
    assert {f.value for f in report.facts if f.key.startswith("applications.")} == {0}
    assert report.fact("proactive.procurement.amount").value == 148


# --- encodings and bad input ------------------------------------------------------------------


def test_a_gbk_page_is_decoded_by_its_declared_charset():
    report = parse_report(DATA / "derived" / "2019_pingtan_syq_page_blanked_gbk.html")
    assert report.source.encoding == "gb18030"
    assert report.meta.agency == "平潭综合实验区"
    assert report.fact("applications.new_received.total").value == 23


def test_gbk_text_without_any_declaration_is_still_read():
    text = (DATA / "2020_panjin_yingshangju.txt").read_text(encoding="utf-8")
    data = text.encode("gbk", errors="replace")  # GBK has no &nbsp;: the page loses its padding
    report = parse_report("panjin.txt", data)
    assert (report.meta.agency, report.source.encoding) == ("盘锦市营商环境建设局", "gb18030")
    assert (len(report.facts), report.fact("proactive.procurement.projects").value) == (198, 1)


def test_utf8_with_bom_is_read():
    data = b"\xef\xbb\xbf" + (DATA / "2020_panjin_yingshangju.txt").read_bytes()
    assert parse_report("panjin.txt", data).meta.year == 2020


def test_binary_input_is_refused_with_a_reason():
    with pytest.raises(UnreadableReport, match="binary"):
        parse_report("x.txt", b"\x7fELF\x00\x00\x01\x02" * 50)
    with pytest.raises(UnreadableReport, match="cannot open the PDF"):
        parse_report("x.pdf", b"%PDF-1.4\x00\x00\x01\x02" * 50)


def test_an_empty_file_is_refused():
    with pytest.raises(UnreadableReport, match="empty"):
        parse_report("x.txt", b"  \n")


def test_bytes_in_no_known_encoding_are_refused():
    with pytest.raises(UnreadableReport, match="encoding"):
        parse_report("x.txt", "政府信息公开年度报告".encode() + b"\xff\xfe\xfd" * 40)


def test_a_page_that_is_not_a_report_is_refused():
    with pytest.raises(NotAReport, match="does not look like"):
        parse_report("news.html", page("今日天气", "<p>晴，气温20度。</p>"))


def test_a_truncated_page_keeps_what_it_has_and_says_what_is_missing():
    html = (DATA / "2019_pingtan_syq_page.html").read_text(encoding="utf-8")
    cut = html[: html.index("结果维持")]  # the page ends inside the header of table 4
    report = parse_report("cut.html", cut.encode())
    assert report.fact("applications.new_received.total").value == 23
    assert any("not found" in w and "行政复议" in w for w in report.warnings)
