"""Fetching a URL: only http(s), never an internal address (checked after every redirect, on the
address actually connected to), a total deadline and a size cap, each a one-line error.

A real HTTP server on loopback serves the pages. Loopback is itself an internal address, so the tests
that follow a redirect let exactly one loopback address through (127.0.0.2, via `allowed_networks`)
and check that the redirect to another (127.0.0.1) is refused before anything connects to it."""

from __future__ import annotations

import ipaddress
import time
from pathlib import Path

import pytest
from localweb import LocalWeb, Route

from bot.cli import main
from index import download
from index.download import DownloadError, DownloadRefused, DownloadTimeout, Policy

DATA = Path(__file__).parent / "data"

REPORT = (DATA / "2023_pingtan_syq_page.html").read_bytes()
ONLY_127_0_0_2 = Policy(allowed_networks=("127.0.0.2/32",))


@pytest.fixture
def web():
    with LocalWeb() as server:
        server.add("/report.html", REPORT)
        yield server


@pytest.fixture
def front():
    """A server on 127.0.0.2: the one loopback address the tests' policy lets through."""
    with LocalWeb(host="127.0.0.2") as server:
        yield server


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
    ],
)
def test_internal_addresses_are_refused(address):
    assert download.refusal(ipaddress.ip_address(address), Policy()) != ""
    assert download.refusal(ipaddress.ip_address(address), Policy(allow_private=True)) == ""


@pytest.mark.parametrize("address", ["8.8.8.8", "114.114.114.114", "2400:3200::1"])
def test_public_addresses_are_allowed(address):
    assert download.refusal(ipaddress.ip_address(address), Policy()) == ""


def test_a_loopback_url_is_refused_unless_private_addresses_are_allowed(web):
    with pytest.raises(DownloadRefused, match=r"127\.0\.0\.1 is a loopback address.*--allow-private"):
        download.get(web.url("/report.html"))
    assert web.log == []  # refused before connecting
    assert download.get(web.url("/report.html"), Policy(allow_private=True)).data == REPORT


def test_a_host_name_is_checked_by_the_address_it_resolves_to(web):
    with pytest.raises(DownloadRefused, match="loopback"):
        download.get(f"http://localhost:{web.port}/report.html")


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/report.html",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/report.html",
        "http://localhost:{port}/report.html",
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(web, front, target):
    url = front.redirect("/go", target.format(port=web.port))
    with pytest.raises(DownloadRefused, match="refused"):
        download.get(url, ONLY_127_0_0_2)
    assert front.fetched("/go") == 1 and web.log == []


def test_a_redirect_to_another_scheme_is_refused(front):
    for scheme_url in ("ftp://127.0.0.2/report.html", "file:///etc/passwd"):
        url = front.redirect(f"/go-{scheme_url[:3]}", scheme_url)
        with pytest.raises(DownloadError, match="only http and https|not allowed"):
            download.get(url, ONLY_127_0_0_2)


def test_a_redirect_within_the_rules_is_followed(front):
    front.add("/report.html", REPORT)
    url = front.redirect("/go", front.url("/report.html"), status=301)
    got = download.get(url, ONLY_127_0_0_2)
    assert got.data == REPORT and got.url == front.url("/report.html")


def test_other_schemes_are_refused_at_once():
    for url in ("ftp://example.org/report.html", "file:///etc/passwd", "gopher://x/"):
        with pytest.raises(DownloadRefused, match="only http and https"):
            download.get(url)


def test_a_server_that_drips_bytes_hits_the_total_deadline(web):
    url = web.add("/drip", Route(REPORT[:200], drip=0.2))  # 40 s in all, one byte every 0.2 s
    start = time.monotonic()
    with pytest.raises(DownloadTimeout, match="within 1 s"):
        download.get(url, Policy(allow_private=True, deadline=1.0))
    assert time.monotonic() - start < 10  # the deadline is total, not per read


def test_a_server_that_drips_its_headers_hits_the_total_deadline(web):
    url = web.add("/drip-head", Route(REPORT[:50], drip=0.2, drip_headers=True))
    with pytest.raises(DownloadTimeout):
        download.get(url, Policy(allow_private=True, deadline=1.0))


def test_a_download_over_the_size_cap_is_refused(web):
    declared = web.add("/big", Route(b"x" * 5000))
    chunked = web.add("/big-chunked", Route(b"x" * 5000, chunked=True))
    for url in (declared, chunked):
        with pytest.raises(DownloadRefused, match="download limit"):
            download.get(url, Policy(allow_private=True, max_bytes=4096))


def test_conditional_get_sends_validators_and_reads_not_modified(web):
    url = web.add("/list.html", Route(status=304, headers=(("ETag", '"v1"'),)))
    got = download.get(
        url, Policy(allow_private=True), etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT"
    )
    assert got.not_modified and got.data == b""
    headers = web.log[-1][1]
    assert headers["if-none-match"] == '"v1"' and headers["if-modified-since"].startswith("Mon, 01 Jan 2024")
    assert headers["user-agent"].startswith("xxgk-bot")


def test_ingest_refuses_an_internal_url_in_one_line(web, tmp_path, capsys):
    status = main(["ingest", web.url("/report.html"), "--home", str(tmp_path / "home")])
    out = capsys.readouterr().out
    assert status == 1
    failed = [line for line in out.splitlines() if line.startswith("failed")]
    assert failed == [
        f"failed    {web.url('/report.html')}: refused 127.0.0.1: 127.0.0.1 is a loopback address; "
        "pass --allow-private to fetch from private networks"
    ]
    assert web.log == []


def test_ingest_with_allow_private_reads_a_local_server(web, tmp_path, capsys):
    status = main(
        [
            "ingest",
            web.url("/report.html"),
            "--allow-private",
            "--home",
            str(tmp_path / "home"),
            "--model",
            "hash:64",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.startswith(f"added     {web.url('/report.html')}: ") and "平潭综合实验区 2023" in out


def test_ingest_names_other_schemes_as_the_problem(tmp_path, capsys):
    status = main(["ingest", "ftp://example.org/nb2023.html", "--home", str(tmp_path / "home")])
    assert status == 1
    assert "only http and https addresses are fetched" in capsys.readouterr().out
