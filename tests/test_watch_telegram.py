"""Watching from Telegram: admins manage the list with /watch, and the scheduled run inside the bot tells
them what it added — over real HTTP to the fake Bot API, with the agency's pages on a loopback server."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakebotapi import FakeBotApi
from localweb import LocalWeb
from telegram_harness import InProcessBot

from bot.telegram.app import Settings
from bot.telegram.service import Library
from bot.telegram.watching import chunks
from index.build import ingest
from index.watch import add_page

DATA = Path(__file__).parent / "data"

ADMIN, CITIZEN = 4242, 77
TITLE = "平潭综合实验区{}年度政府信息公开工作年度报告"


class NoIndex:
    def close(self) -> None:
        pass


def list_page(*reports: tuple[str, int]) -> bytes:
    items = "".join(
        f'<li><a href="{href}">{TITLE.format(year)}</a> <span>2026-03-13</span></li>'
        for href, year in reports
    )
    return f'<html><head><meta charset="utf-8"></head><body><ul>{items}</ul></body></html>'.encode()


@pytest.fixture(scope="module")
def site():
    with LocalWeb() as web:
        web.add("/nb/index.html", list_page(("2025.htm", 2025)))
        web.add("/nb/2025.htm", (DATA / "2025_pingtan_syq_page.html").read_bytes())
        web.add("/other/index.html", list_page())
        yield web


@pytest.fixture(scope="module")
def bot(tmp_path_factory, site):
    """The bot over a home that watches one agency's page already; its scheduled run comes a second
    after start."""
    home = tmp_path_factory.mktemp("watch-bot") / "home"
    ingest(home, [DATA / "2013_pingtan_xian.txt"], model="hash:64")
    add_page(home, site.url("/nb/index.html"))
    patch = pytest.MonkeyPatch()
    for name, value in (("XXGK_WATCH_HOURS", "1"), ("XXGK_WATCH_FIRST", "1"), ("XXGK_ALLOW_PRIVATE", "1")):
        patch.setenv(name, value)
    library = Library(
        str(home),
        workers=1,
        open_index=lambda home: NoIndex(),
        answer_fn=None,
        choice_fn=None,
        ingest_fn=ingest,
        reindex_fn=None,
    )
    with FakeBotApi() as fake:
        running = InProcessBot(
            Settings(token=fake.token, admins=frozenset({ADMIN}), api_base=fake.base_url), library
        ).start(fake)
        yield fake, site
        running.stop(fake)
    patch.undo()


def test_the_scheduled_run_tells_the_admins_what_it_added(bot):
    fake, site = bot
    told = fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == ADMIN and "新增" in c.text, 30)
    assert told.text.startswith("新增：平潭综合实验区 2025年度报告，新收申请")
    assert told.text.endswith("件，各项检查均通过")
    assert [path for path, _ in site.log][:2] == ["/nb/index.html", "/nb/2025.htm"]


def test_watch_is_refused_to_citizens(bot):
    fake, site = bot
    reply = fake.reply_to(fake.send_text(CITIZEN, f"/watch add {site.url('/nb/citizen.html')}"), 10)
    assert "admin" in reply.text.lower() or "管理员" in reply.text
    assert all(path != "/nb/citizen.html" for path, _ in site.log)


def test_admins_manage_the_watch_list(bot):
    fake, site = bot
    url = site.url("/other/index.html")
    assert (
        fake.reply_to(fake.send_text(ADMIN, f"/watch add {url}", language_code="zh-hans"), 10).text
        == f"已关注 {url}；/watch run 立即检查"
    )
    listed = fake.reply_to(fake.send_text(ADMIN, "/watch"), 10).text.splitlines()
    assert listed[0].startswith(site.url("/nb/index.html")) and listed[-1].startswith(f"{url}: ")
    assert (
        fake.reply_to(fake.send_text(ADMIN, "/watch add ftp://example.org/"), 10).text
        == "refused ftp://example.org/: only http and https addresses are fetched"
    )
    assert fake.reply_to(fake.send_text(ADMIN, "/watch bogus"), 10).text.startswith("Usage: /watch")
    assert (
        fake.reply_to(fake.send_text(ADMIN, f"/watch remove {url}"), 10).text
        == f"no longer watching {url} (its reports stay in the index)"
    )


def test_watch_run_replies_with_what_it_found(bot):
    fake, site = bot
    mark = fake.mark()
    fake.send_text(ADMIN, "/watch run")
    done = fake.wait_for(lambda c: c.chat_id == ADMIN and c.text.startswith("page"), 30, since=mark)
    assert done.text.splitlines()[0].startswith(f"page      {site.url('/nb/index.html')}: ")
    assert done.text.splitlines()[-1].startswith("done: ")


def test_long_announcements_are_split_under_telegrams_limit():
    lines = [f"新增：第{i}局 2025年度报告，新收申请{i}件，各项检查均通过" for i in range(400)]
    parts = chunks(lines)
    assert len(parts) > 1 and all(len(p) <= 4000 for p in parts)
    assert "\n".join(parts).splitlines() == lines
