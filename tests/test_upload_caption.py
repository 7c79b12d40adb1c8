"""An admin's upload caption gives the agency and year of a copy that states neither, as --agency/--year do;
a caption that is only a note changes nothing; a caption naming no agency gets a clear reply."""

from __future__ import annotations

import pytest
from fakebotapi import FakeBotApi
from telegram_harness import InProcessBot

from bot.telegram.app import Settings
from bot.telegram.caption import UploadHints, read_caption
from bot.telegram.service import Library
from index.build import IngestResult, ReportOutcome
from ingest.errors import NotAnAgencyName

ADMIN = 4242


@pytest.mark.parametrize(
    "caption, hints",
    [
        (None, UploadHints()),
        ("agency: 河北省教育厅 year: 2019", UploadHints("河北省教育厅", 2019)),
        ("单位：上海市科委", UploadHints("上海市科委", None)),  # expanded when the report is read
        ("--agency 河北省教育厅 --year 2019", UploadHints("河北省教育厅", 2019)),
        ("年度：2019", UploadHints(None, 2019)),
        ("河北省教育厅 2019", UploadHints("河北省教育厅", 2019)),  # a name and a year, no keys
        ("河北省教育厅2019年度", UploadHints("河北省教育厅", 2019)),
        ("平潭2023年报", UploadHints()),  # a note to the chat, not a hint
        ("here is the new agency report", UploadHints()),
    ],
)
def test_a_caption_gives_the_hints_it_states(caption, hints):
    assert read_caption(caption) == hints


def test_a_caption_naming_no_agency_or_year_is_refused():
    with pytest.raises(NotAnAgencyName):
        read_caption("agency: 河北省教育厅共受理行政复议1起")
    with pytest.raises(ValueError, match="not a report year"):
        read_caption("year: 1800")


class _Index:
    def agencies(self):
        return []

    def reports(self):
        return []

    def stats(self):
        return {"reports": 0, "agencies": 0, "years": 0, "index_bytes": 0, "model": "stand-in"}

    def years(self):
        return []

    def close(self):
        pass


CALLS: list[dict] = []


def remembering_ingest(home, paths, progress, **given) -> IngestResult:
    CALLS.append(given)
    agency = given.get("agency", "")
    status = "added" if agency else "failed"
    return IngestResult((ReportOutcome(str(paths[0]), status, agency, given.get("year"), facts=1,
                                       reason="" if agency else "no agency name could be read from it"),), "g", "m")


@pytest.fixture(scope="module")
def fake():
    with FakeBotApi() as server:
        yield server
        server.wake_pollers()  # a long poll the stopping bot began after it was woken would hold the server


@pytest.fixture(scope="module")
def bot(fake):
    library = Library(None, open_index=lambda home: _Index(), answer_fn=None, choice_fn=None,
                      ingest_fn=remembering_ingest, reindex_fn=None)
    running = InProcessBot(Settings(token=fake.token, admins=frozenset({ADMIN}), api_base=fake.base_url),
                           library).start(fake)
    yield running
    running.stop(fake)


def _upload(fake, caption: str | None, lang: str = "en"):
    mark = fake.mark()
    fake.send_document(ADMIN, "正文".encode(), "copy.txt", mime_type="text/plain", caption=caption, language_code=lang)
    return fake.wait_for(lambda c: c.chat_id == ADMIN and c.method in ("editMessageText", "sendMessage")
                         and any(w in c.text for w in ("Added", "已收录", "Could not", "无法")), 10, since=mark)


def test_the_caption_reaches_ingest_as_agency_and_year(fake, bot):
    CALLS.clear()
    done = _upload(fake, "agency: 上海市科委 year: 2019")
    assert CALLS == [{"agency": "上海市科委", "year": 2019}]
    assert "已收录：上海市科委 2019" in done.text  # a Chinese caption gets a Chinese reply


def test_without_caption_ingest_is_called_as_before(fake, bot):
    CALLS.clear()
    done = _upload(fake, None)
    assert CALLS == [{}]
    assert "no agency name could be read" in done.text


def test_a_caption_naming_no_agency_gets_a_clear_reply_and_ingests_nothing(fake, bot):
    CALLS.clear()
    done = _upload(fake, "单位：河北省教育厅共受理行政复议1起", lang="zh-hans")
    assert CALLS == []
    assert "看起来不是单位名称" in done.text

