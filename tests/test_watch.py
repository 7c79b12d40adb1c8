"""`xxgk watch`: an agency's list pages, served by a real HTTP server on loopback and built from the real
report pages of the corpus — links relative to the page and to the site, a second list page in GBK
reached by 下一页, a report page re-encoded in GBK, a report published as a PDF attached to a summary
page, a broken link, a slow answer and one past the deadline. `watch run` ingests exactly the new
reports, a second run finds nothing new, and what failed is tried again later."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from localweb import LocalWeb, Route

from bot.cli import main
from index import download
from index.build import ingest
from index.reader import Index
from index.watch import WatchList
from index.watch import run as watch_run
from index.watch.links import attached_files, read_list_page

DATA = Path(__file__).parent / "data"

PDF = DATA / "2024_huaian_szf.pdf"  # the real PDF of the corpus
POLICY = download.Policy(allow_private=True, deadline=2.0)  # the site is on loopback; a short deadline


def page(name: str) -> bytes:
    return (DATA / name).read_bytes()


def gbk(html: bytes) -> bytes:
    return html.decode("utf-8").replace('charset="utf-8"', 'charset="gbk"').encode("gbk")


def list_page(
    items: list[tuple[str, str, str]], *, next_href: str | None = None, charset: str = "utf-8"
) -> bytes:
    rows = "\n".join(
        f'<li><a href="{href}" title="{title}">{title[:18]}…</a><span>{date}</span></li>'
        for href, title, date in items
    )
    pager = f'<a href="{next_href}">下一页</a>' if next_href else ""
    html = (
        f'<html><head><meta charset="{charset}"><title>政府信息公开年报</title></head><body>'
        f'<div class="nav"><a href="/xxgk/nb/index.html">政府信息公开年报</a><a href="/">首页</a></div>'
        f'<ul class="list">{rows}</ul><div class="pager">{pager}</div></body></html>'
    )
    return html.encode("gbk" if charset == "gbk" else "utf-8")


TITLE = "平潭综合实验区{}年度政府信息公开工作年度报告"
FIRST_PAGE = [
    ("./202403/t20240308_87885.htm", TITLE.format(2023), "2024-03-08"),  # indexed already
    ("../nb/202302/t20230220_80629.htm", TITLE.format(2022), "2023-02-20"),
    (
        "202502/t20250120_1.htm",
        "淮安市人民政府2024年政府信息公开工作年度报告",
        "2025-01-20",
    ),  # a summary + PDF
    ("/xxgk/nb/202101/t20210101_404.htm", TITLE.format(2021), "2021-01-01"),  # broken
    ("202001/t20200120_80576.htm", TITLE.format(2019), "2020-01-20"),  # a GBK report page, answered slowly
]
SECOND_PAGE = [
    ("/xxgk/nb/202103/t20210305_80595.htm", TITLE.format(2020), "2021-03-05"),
    (
        "http://{host}/xxgk/nb/201901/t20190110_drip.htm",
        TITLE.format(2018),
        "2019-01-10",
    ),  # past the deadline
]
SUMMARY = (
    '<html><head><meta charset="utf-8"><title>淮安市人民政府2024年政府信息公开工作年度报告</title></head>'
    "<body><h1>淮安市人民政府2024年政府信息公开工作年度报告</h1><p>根据《中华人民共和国政府信息公开条例》，"
    "现公布本机关2024年度政府信息公开工作年度报告，全文见附件。</p>"
    '<p>附件：<a href="/xxgk/nb/P020250120.pdf">淮安市人民政府2024年政府信息公开工作年度报告.pdf</a></p>'
    "</body></html>"
).encode()


@pytest.fixture
def site():
    with LocalWeb() as web:
        host = f"127.0.0.1:{web.port}"
        web.add(
            "/xxgk/nb/index.html",
            Route(list_page(FIRST_PAGE, next_href="index_1.html"), headers=(("ETag", '"p1"'),)),
        )
        second = [(href.format(host=host), title, date) for href, title, date in SECOND_PAGE]
        web.add("/xxgk/nb/index_1.html", Route(list_page(second, charset="gbk"), content_type="text/html"))
        web.add("/xxgk/nb/202403/t20240308_87885.htm", page("2023_pingtan_syq_page.html"))
        web.add("/xxgk/nb/202302/t20230220_80629.htm", page("2022_pingtan_syq_page.html"))
        web.add("/xxgk/nb/202502/t20250120_1.htm", SUMMARY)
        web.add(
            "/xxgk/nb/P020250120.pdf",
            Route(PDF.read_bytes(), content_type="application/pdf"),
        )
        web.add(
            "/xxgk/nb/202001/t20200120_80576.htm",
            Route(gbk(page("2019_pingtan_syq_page.html")), delay=0.3, content_type="text/html"),
        )
        web.add("/xxgk/nb/202103/t20210305_80595.htm", page("2020_pingtan_syq_page.html"))
        web.add("/xxgk/nb/201901/t20190110_drip.htm", Route(page("2018_pingtan_syq.txt")[:400], drip=0.05))
        yield web


@pytest.fixture
def home(tmp_path):
    """A home whose index already holds the 2023 report (ingested by hand from the same page)."""
    home = tmp_path / "home"
    ingest(home, [DATA / "2023_pingtan_syq_page.html"], model="hash:64")
    return home


def reports_in(home: Path) -> list[tuple[str, int]]:
    with Index.open(home, bootstrap=False) as index:
        return sorted((r.agency, r.year) for r in index.reports())


def test_a_run_ingests_exactly_the_new_reports_and_a_second_run_finds_nothing(site, home):
    url = site.url("/xxgk/nb/index.html")
    WatchList.open(home).add(url)
    first = watch_run(home, policy=POLICY, delay=0)
    assert [(p.url, p.status, p.found) for p in first.pages] == [(url, "read", 7)]
    assert sorted((n.agency, n.year) for n in first.new) == [
        ("平潭综合实验区", 2019),
        ("平潭综合实验区", 2020),
        ("平潭综合实验区", 2022),
        ("淮安市人民政府", 2024),
    ]
    assert first.unchanged == (site.url("/xxgk/nb/202403/t20240308_87885.htm"),)
    failed = {p.url.rsplit("/", 1)[1]: p.reason for p in first.problems}
    assert set(failed) == {"t20210101_404.htm", "t20190110_drip.htm"}
    assert failed["t20210101_404.htm"] == "the server answered HTTP 404 Not Found"
    assert "within 2 s" in failed["t20190110_drip.htm"]
    assert len(reports_in(home)) == 5

    requests_before = len(site.log)
    second = watch_run(home, policy=POLICY, delay=0)
    assert (second.new, second.problems, second.generation) == ((), (), None)
    assert [p.status for p in second.pages] == ["not_modified"]
    assert [path for path, _ in site.log[requests_before:]] == ["/xxgk/nb/index.html"]  # one conditional GET


def test_the_report_of_a_summary_page_is_its_attached_file(site, home):
    got = download.get(site.url("/xxgk/nb/202502/t20250120_1.htm"), POLICY)
    [attached] = attached_files(got.data, got.url)
    assert attached.url == site.url("/xxgk/nb/P020250120.pdf") and attached.is_file
    WatchList.open(home).add(site.url("/xxgk/nb/index.html"))
    result = watch_run(home, policy=POLICY, delay=0)
    [huaian] = [n for n in result.new if n.agency == "淮安市人民政府"]
    assert (huaian.source, huaian.year, huaian.title) == (
        site.url("/xxgk/nb/P020250120.pdf"),
        2024,
        "淮安市人民政府2024年政府信息公开工作年度报告",
    )


def test_an_attached_file_the_parser_cannot_read_is_kept_for_a_later_run(site, home):
    site.add(
        "/xxgk/nb/P020250120.pdf", Route(b"%PDF-1.7\n%broken, cut short", content_type="application/pdf")
    )
    WatchList.open(home).add(site.url("/xxgk/nb/index.html"))
    result = watch_run(home, policy=POLICY, delay=0)
    [problem] = [p for p in result.problems if p.url == site.url("/xxgk/nb/202502/t20250120_1.htm")]
    assert problem.reason.startswith(site.url("/xxgk/nb/P020250120.pdf") + ": ") and not problem.given_up
    [link] = [x for x in WatchList.open(home).links() if x.url == problem.url]
    assert (link.status, link.attempts) == ("failed", 1)


def test_a_failed_link_is_tried_again_later_and_then_ingested(site, home):
    WatchList.open(home).add(site.url("/xxgk/nb/index.html"))
    watch_run(home, policy=POLICY, delay=0)
    site.add("/xxgk/nb/202101/t20210101_404.htm", page("2025_pingtan_syq_page.html"))  # the server is fixed
    assert watch_run(home, policy=POLICY, delay=0).new == ()  # not yet: its pause is not over
    with sqlite3.connect(home / "watch.db") as db:
        db.execute("UPDATE links SET next_try = 0 WHERE status = 'failed'")
    again = watch_run(home, policy=POLICY, delay=0)
    assert [(n.agency, n.year) for n in again.new] == [("平潭综合实验区", 2025)]
    links = {link.url.rsplit("/", 1)[1]: link for link in WatchList.open(home).links()}
    assert links["t20210101_404.htm"].status == "ingested" and links["t20210101_404.htm"].attempts == 2
    assert links["t20190110_drip.htm"].status == "failed" and links["t20190110_drip.htm"].attempts == 2


def test_a_newly_published_report_is_the_only_new_one(site, home):
    url = site.url("/xxgk/nb/index.html")
    WatchList.open(home).add(url)
    watch_run(home, policy=POLICY, delay=0)
    published = [("202603/t20260313_105587.htm", TITLE.format(2025), "2026-03-13"), *FIRST_PAGE]
    site.add(
        "/xxgk/nb/index.html",
        Route(list_page(published, next_href="index_1.html"), headers=(("ETag", '"p2"'),)),
    )
    site.add("/xxgk/nb/202603/t20260313_105587.htm", page("2025_pingtan_syq_page.html"))
    mark = len(site.log)
    result = watch_run(home, policy=POLICY, delay=0)
    assert [(n.agency, n.year, n.status) for n in result.new] == [("平潭综合实验区", 2025, "added")]
    [new] = result.new
    assert new.new_requests is not None and new.failed_checks == 0 and new.title == TITLE.format(2025)
    fetched = [path for path, _ in site.log[mark:]]
    assert "/xxgk/nb/index_1.html" not in fetched  # the first page held the only new link


def test_a_failing_list_page_changes_nothing_and_is_tried_again(tmp_path, home):
    before = reports_in(home)
    with LocalWeb() as web:
        url = web.add("/list.html", Route(b"oops", status=500))
        WatchList.open(home).add(url)
        result = watch_run(home, policy=POLICY, delay=0)
    assert [(p.status, p.error) for p in result.pages] == [("failed", "the server answered HTTP 500 Status")]
    assert reports_in(home) == before
    [watched] = WatchList.open(home).pages()
    assert (watched.failures, watched.last_error) == (1, "the server answered HTTP 500 Status")


def test_requests_are_polite_one_host_a_pause_a_user_agent(site, home):
    from index.watch.polite import PoliteFetcher

    pauses = []
    fetcher = PoliteFetcher(POLICY, delay=1.5, sleep=pauses.append, clock=lambda: 100.0)
    for path in ("/xxgk/nb/index.html", "/xxgk/nb/index_1.html"):
        fetcher.get(site.url(path))
    assert pauses == [1.5]  # the second request to the host waits
    assert all(headers["user-agent"].startswith("xxgk-bot") for _, headers in site.log)


def test_internal_addresses_are_refused_unless_allowed(site, home):
    WatchList.open(home).add(site.url("/xxgk/nb/index.html"))
    result = watch_run(home, delay=0)  # the default policy
    assert result.pages[0].status == "failed" and "loopback" in result.pages[0].error
    assert site.log == []


def test_list_pages_in_gbk_relative_links_dates_and_the_next_page(site):
    got = download.get(site.url("/xxgk/nb/index_1.html"), POLICY)
    listed = read_list_page(got.data, got.url)
    assert [(link.title, link.date) for link in listed.links] == [
        (TITLE.format(2020), "2021-03-05"),
        (TITLE.format(2018), "2019-01-10"),
    ]
    first = read_list_page(
        download.get(site.url("/xxgk/nb/index.html"), POLICY).data, site.url("/xxgk/nb/index.html")
    )
    assert [link.url for link in first.links][:2] == [
        site.url("/xxgk/nb/202403/t20240308_87885.htm"),
        site.url("/xxgk/nb/202302/t20230220_80629.htm"),
    ]
    assert first.next_page == site.url("/xxgk/nb/index_1.html")
    assert all(link.title != "政府信息公开年报" for link in first.links)  # the menu entry names no year


def test_a_trs_pager_gives_the_next_page():
    html = (
        '<html><body><a href="./t1.htm">某局2024年政府信息公开工作年度报告</a>'
        '<script>createPageHTML(3, 0, "index", "html");</script></body></html>'
    ).encode()
    assert (
        read_list_page(html, "http://example.gov.cn/nb/index.html").next_page
        == "http://example.gov.cn/nb/index_1.html"
    )
    last = html.replace(b"3, 0", b"3, 2")
    assert read_list_page(last, "http://example.gov.cn/nb/index_2.html").next_page is None


def test_watch_commands_add_list_remove_and_run(site, home, capsys):
    url = site.url("/xxgk/nb/index.html")
    site.add("/xxgk/nb/201901/t20190110_drip.htm", Route(status=503))  # the command's deadline is 120 s
    assert main(["watch", "add", url, "--home", str(home)]) == 0
    assert main(["watch", "add", url, "--home", str(home)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"watching {url}; `xxgk watch run` checks it now",
        f"already watching {url}",
    ]
    status = main(["watch", "run", "--home", str(home), "--allow-private", "--delay", "0"])
    out = capsys.readouterr().out.splitlines()
    assert status == 1  # a broken link and a slow one: tried again later
    assert out[0] == f"page      {url}: 7 report links, 7 new"
    assert any(line.startswith("added     ") and "平潭综合实验区 2022, new requests" in line for line in out)
    assert any(
        line.startswith("failed    ") and "HTTP 404" in line and "tried again at a later run" in line
        for line in out
    )
    assert out[-1].startswith("done: ") and "published generation" in out[-1]
    assert main(["watch", "list", "--home", str(home)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith(f"{url}: checked ") and "reports ingested" in listed[0]
    assert any(
        line.startswith("  failed    ") and "t20210101_404.htm" in line and "next try after" in line
        for line in listed
    )
    assert main(["watch", "remove", url, "--home", str(home)]) == 0
    assert main(["watch", "list", "--home", str(home)]) == 0
    assert (
        capsys.readouterr().out.splitlines()[-1] == "no list pages watched; add one with: xxgk watch add URL"
    )


def test_watch_add_refuses_other_schemes(tmp_path, capsys):
    assert main(["watch", "add", "ftp://example.gov.cn/nb/", "--home", str(tmp_path)]) == 2
    assert "only http and https" in capsys.readouterr().err
