"""A report's metadata: agency, statistics year, publication date, 索引号, source URL, publisher, title.

The title names the agency and the year when the copy has one. Many copies have none (a crawler kept
the title outside the body, a PDF's first page is an image), so the body is read too, in this order:
the 附件 line ("附件：河北省科学技术厅2023年政府信息公开工作年度报告.pdf"), the signature at the end
(agency and date), the report's name in its first sentences ("发布河北省教育厅2021年政府信息公开工作
年度报告"), a title-like file name, the subject of the first sentence of 总体情况 ("2021年，河北省科学
技术厅坚持…") and the page header's 发布机构. The year comes from the title, the 附件 line, the 统计期限 /
统计时限 line, the first sentences, the file name, the year that opens 总体情况, then the signature's
date or the publication date (minus one: a report is published early in the following year).

What a caller gives (--agency, --year) is for copies that state neither: it fills in what the report
does not state (ahead of the page header's publisher and of the dates), and a given value that the
report contradicts is not used, and that is said. So `--agency` on a folder never renames the reports
that name their own agency. Every value says where it was read.

An agency is stated only when it looks like one (ingest.agency_names): a fragment of a title or a
sentence is not an agency, and then the agency is "" (unknown).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from ingest.agency_names import AgencyName, agency_in_text, given_agency, official_name, unmark

_CN_DIGITS = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "Ｏ": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_YEAR = r"(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3}"
_TITLE_REPORT = re.compile(r"政府信息公开|政务公开")
_AGENCY_BEFORE_YEAR = re.compile(rf"^(?:关于)?(?P<agency>.*?)\s*(?P<year>{_YEAR})\s*年")
_AGENCY_AFTER_YEAR = re.compile(
    rf"^(?:关于)?(?P<year>{_YEAR})\s*年\s*(?:度\s*)?(?P<agency>(?!度).+?)(?:政府信息公开|政务公开)"
)
_REPORT_NAME = re.compile(r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?报告.*$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_PERIOD = re.compile(rf"统计(?:期限|时限|时间)[^。]{{0,12}}?({_YEAR})\s*年")
_HEADER = {
    "title": re.compile(r"标\s*题\s*[:：]\s*(.+)"),  # at a line's start (_at_line_starts)
    "published": re.compile(r"(?:发布|公开|成文)(?:时间|日期)\s*[:：]?\s*(\d[0-9年月日\-/. :]*)"),
    "publisher": re.compile(r"(?:发布机构|发文机关|来源单位|信息来源|来源|单位)\s*[:：]?\s*([^\s:：]{2,40})"),
    "index_no": re.compile(r"索\s*引\s*号\s*[:：]?\s*([A-Za-z0-9\-_/.（）()\u4e00-\u9fff]{4,60}?)(?=\s|$)"),
    "url": re.compile(r"(?:原文链接|原文地址|来源网址|网址)\s*[:：]\s*(https?://\S+)"),
}
# The report's own name inside a sentence or an 附件 line: "…发布河北省教育厅2021年政府信息公开工作年度报告".
_NAMED_REPORT = re.compile(
    rf"(?P<lead>[\u4e00-\u9fff]{{0,40}})\s*(?P<year>{_YEAR})\s*年\s*度?\s*(?:政府信息公开|政务公开)(?:工作)?(?:年度)?"
    r"(?:工作)?(?:情况)?报告"
)
_ATTACHMENT = re.compile(r"附\s*件\s*\d*\s*[:：]?\s*(?:\d+\s*[、.．]\s*)?(?P<title>[^\n]{4,120}?报告)")
_CN_NUMBER = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_SIGNER_CHARS = 60  # the longest signer a signature names
_SIGNATURE = re.compile(
    rf"(?P<who>[^\n。；;！？!?，,：:）)]{{2,{_SIGNER_CHARS}}}?)\s*(?P<year>{_YEAR})\s*年\s*(?P<month>{_CN_NUMBER})\s*月"
    rf"(?:\s*(?P<day>{_CN_NUMBER})\s*日)?\s*$"
)
_DATE_CHARS = frozenset("〇零○一二三四五六七八九十年月日")  # with digits and spaces, all the signature's date holds
# Page furniture after the signature: "— 7 —", "- 7 -", "第7页 共7页", a bare page number.
_PAGE_MARK = re.compile(r"\s*(?:[—\-－–]+\s*\d+\s*[—\-－–]+|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,3})\s*")
# The first sentence of 一、总体情况: "2021年，河北省科学技术厅坚持…" — its year, and the agency it is about (a
# converter's Markdown marks the heading: "# **一、总体情况**").
_OVERVIEW = re.compile(rf"(?:总体情况|概述)[\s*_#]*(?P<year>{_YEAR})\s*年\s*(?:度\s*)?[，,]\s*(?P<run>[\u4e00-\u9fff]{{0,40}})")


@dataclass(frozen=True)
class Metadata:
    title: str
    agency: str
    year: int | None
    published: str | None
    index_no: str | None
    url: str | None
    publisher: str | None
    agency_printed: str = ""  # the agency as the report printed it, when that differs (a short form, a slip)
    agency_source: str = ""  # where the agency was read: "title", "signature", "given", …; "" when unknown
    year_source: str = ""
    corrections: tuple[str, ...] = ()  # what was corrected in the printed name, and why
    notes: tuple[str, ...] = ()  # a given agency or year that the report contradicts, and what was used


def read_metadata(
    text: str,
    metas: dict[str, str] | None = None,
    page_title: str = "",
    *,
    body: str | None = None,
    name: str = "",
    agency: str | None = None,
    year: int | None = None,
) -> Metadata:
    """Metadata from the page's <meta> tags and header lines, the title, then the body (see the module doc).

    `text` is the whole page or file, `body` the report's own text (default: `text`), `name` the file
    name or URL, `agency`/`year` what the caller gives for a copy that states neither (NotAnAgencyName
    when the agency given is no agency's name).
    """
    metas = metas or {}
    body = text if body is None else body
    head = _header_values(text)
    title = _clean(metas.get("articletitle") or head.get("title") or _title_from(page_title, text))
    signature = _signature(body)
    published = _date(metas.get("pubdate") or head.get("published") or "") or signature[1]
    publisher = _publisher(metas.get("contentsource") or "", text)
    reading = _Reading(title, body, name, text, signature, publisher)
    given = given_agency(agency, text) if agency else None  # refused at once when it is no agency name
    found, agency_source = _first(reading.agency_sources(given))
    found_year, year_source = _first(reading.year_sources(year, published))
    notes = _not_used("--agency", given and given.name, found and found.name, agency_source)
    notes += _not_used("--year", year, found_year, year_source)
    return Metadata(
        title=title,
        agency=found.name if found else "",
        year=found_year,
        published=published,
        index_no=head.get("index_no"),
        url=metas.get("url") or metas.get("og:url") or head.get("url"),
        publisher=publisher.name if publisher and (not found or publisher.name != found.name) else None,
        agency_printed=found.printed if found and found.printed != found.name else "",
        agency_source=agency_source,
        year_source=year_source,
        corrections=found.corrections if found else (),
        notes=notes,
    )


def _not_used(option: str, given, found, source: str) -> tuple[str, ...]:
    """A given value that the report itself contradicts: the report's own statement is used, and said."""
    if given is None or source == "given" or given == found:
        return ()
    return (f"{option} {given} was not used: the report states {found} ({source})",)


@dataclass(frozen=True)
class _Reading:
    """The places one report's agency and year may be read from, each looked at only when needed."""

    title: str
    body: str
    name: str
    document: str
    signature: tuple[AgencyName | None, str | None]
    publisher: AgencyName | None

    def agency_sources(self, given: AgencyName | None) -> list[tuple[str, Callable[[], AgencyName | None]]]:
        """What the report states first, then what was given, then what the page around it says."""
        doc = self.document
        return [
            ("title", lambda: _agency_of_title(self.title, doc)),
            ("attachment", lambda: _agency_of_title(_attachment_title(self.body), doc)),
            ("signature", lambda: self.signature[0]),
            ("first sentence", lambda: _named_report_agency(self.body, doc)),
            ("file name", lambda: _agency_of_title(_title_of_name(self.name), doc)),
            ("overview", lambda: _overview_agency(self.body, doc)),
            ("given", lambda: given),
            ("page header", lambda: self.publisher),
        ]

    def year_sources(self, given: int | None, published: str | None) -> list[tuple[str, Callable[[], int | None]]]:
        """What the report states first, then what was given, then what dates imply."""
        date = self.signature[1]
        return [
            ("title", lambda: _agency_and_year(self.title)[1]),
            ("attachment", lambda: _agency_and_year(_attachment_title(self.body))[1]),
            ("statistics period", lambda: _period_year(self.document)),
            ("first sentence", lambda: _named_report_year(self.body)),
            ("file name", lambda: _agency_and_year(_title_of_name(self.name))[1]),
            ("overview", lambda: _overview_year(self.body)),
            ("given", lambda: given),
            ("signature date", lambda: int(date[:4]) - 1 if date else None),
            ("publication date", lambda: int(published[:4]) - 1 if published else None),
        ]


def _first(sources):
    for label, read in sources:
        value = read()
        if value:
            return value, label
    return None, ""


def _agency_of_title(title: str, document: str) -> AgencyName | None:
    agency = _agency_and_year(title)[0]
    return official_name(agency, document) if agency else None


def _header_values(text: str) -> dict[str, str]:
    head = text[:4000]
    out = {}
    for name, pattern in _HEADER.items():
        if name == "publisher":
            continue
        for m in _at_line_starts(pattern, head) if name == "title" else pattern.finditer(head):
            if m.group(1).strip():
                out[name] = m.group(1).strip()
                break
    return out


def _at_line_starts(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """The pattern's matches at a line's start, after spaces, as "(?:^|\\n)\\s*" before it would find them. (A
    pattern opening so is tried at every character, a seventh of reading the metadata; this one opens with a
    character, found fast, and what stands before it is looked at here.)"""
    at = 0
    while m := pattern.search(text, at):
        before = text[: m.start()]
        spaces = before[len(before.rstrip()) :]
        if len(spaces) == len(before) or "\n" in spaces:
            yield m
            at = m.end()
        else:  # not at a line's start: a match inside this one may be
            at = m.start() + 1


def _publisher(meta_source: str, text: str) -> AgencyName | None:
    """The publishing office from the page's <meta> or its header lines: the first value that is an agency
    ("来源: http://…" and an empty "发布机构:" followed by "栏目:" are not)."""
    values = [meta_source, *(m.group(1) for m in _HEADER["publisher"].finditer(text[:4000]))]
    return next((found for v in values if v and (found := official_name(_clean(v), text))), None)


def _title_from(page_title: str, text: str) -> str:
    lines = [unmark(line).strip() for line in _first_lines(text, 80) if line.strip()]
    # Page titles add the site's name after a separator: "…年度报告_政府信息公开年报_平潭…", "… - 盘锦市人民政府".
    title_parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", page_title)]
    found = next((p for p in title_parts if _looks_like_title(p)), "")
    return found or _title_in_lines(lines) or (title_parts[0] if title_parts else "")


def _first_lines(text: str, n: int) -> list[str]:
    """text.splitlines()[:n], splitting no more of the text than they take (a page's text runs to hundreds of
    lines): once a part holds more than n lines, its first n are whole."""
    size = 40 * (n + 1)
    while len(lines := text[:size].splitlines()) <= n and size < len(text):
        size *= 2
    return lines[:n]


def _title_in_lines(lines: list[str]) -> str:
    """A title, which may be broken over two lines: "淮安市人民政府" / "2024 年政府信息公开工作年度报告",
    "2025 年上海市人民政府办公厅政府信息公开" / "工作年度报告"."""
    for i, line in enumerate(lines):
        if _looks_like_title(line):
            before = lines[i - 1] if i else ""
            if not _agency_and_year(line)[0] and before and official_name(before):
                line = before + line
            return _completed(line, lines[i + 1] if i + 1 < len(lines) else "")
    pairs = [a + b for a, b in zip(lines, lines[1:])]
    return next((p for p in pairs if _looks_like_title(p)), "")


def _looks_like_title(line: str) -> bool:
    """A report's title: its name and a year of 年 (not a document number's 〔2021〕); no quoted document,
    no sentence ("…结转至 2026 年 6 件。")."""
    return (len(line) <= 60 and bool(_TITLE_REPORT.search(line)) and bool(re.search(rf"(?:{_YEAR})\s*年", line))
            and not re.search(r"[《〔，,。；;]|以下简称", line))


def _completed(line: str, following: str) -> str:
    """A title line that stops before 报告 continues on the next line: "…政府信息公开" + "工作年度报告"."""
    if line.endswith("报告") or not re.fullmatch(r"[\u4e00-\u9fff（）()]{1,12}报告", following):
        return line
    return line + following


def _agency_and_year(title: str) -> tuple[str, int | None]:
    t = re.sub(r"\s+", "", title)
    m = _AGENCY_BEFORE_YEAR.search(t)
    if m and _REPORT_NAME.sub("", m.group("agency")):  # "…局政府信息公开工作年度报告（2020年度）": the year trails
        return _clean(_REPORT_NAME.sub("", m.group("agency"))), _year(m.group("year"))
    m = _AGENCY_AFTER_YEAR.search(t)
    if m:
        return _clean(m.group("agency")), _year(m.group("year"))
    m = re.search(_YEAR, t)
    return "", (_year(m.group()) if m else None)


def _attachment_title(body: str) -> str:
    m = _ATTACHMENT.search(body[-3000:])
    return m.group("title") if m and _TITLE_REPORT.search(m.group("title")) else ""


def _title_of_name(name: str) -> str:
    """A file name that is a report's title: "河北省科学技术厅2023年政府信息公开工作年度报告.pdf"."""
    if not name:
        return ""
    stem = PurePosixPath(unquote(urlparse(name).path or name).replace("\\", "/")).stem
    return stem if _TITLE_REPORT.search(stem) and re.search(_YEAR, stem) else ""


def _named_report(body: str) -> re.Match | None:
    return _NAMED_REPORT.search(body[:1500])


def _named_report_agency(body: str, document: str) -> AgencyName | None:
    m = _named_report(body)
    return agency_in_text(m.group("lead"), document) if m and m.group("lead") else None


def _named_report_year(body: str) -> int | None:
    m = _named_report(body)
    return _year(m.group("year")) if m else None


def _overview_agency(body: str, document: str) -> AgencyName | None:
    """"总体情况 2021年，河北省科学技术厅坚持…": the agency the first sentence of 总体情况 is about."""
    m = _OVERVIEW.search(body)
    return agency_in_text(m.group("run"), document, at_start=True) if m and m.group("run") else None


def _overview_year(body: str) -> int | None:
    m = _OVERVIEW.search(body)
    return _year(m.group("year")) if m else None


def _signature(body: str) -> tuple[AgencyName | None, str | None]:
    """The agency and date that sign the report at its end: "河北省教育厅\\n2020年1月15日"."""
    lines = body[-400:].rstrip().splitlines()
    while lines and (_PAGE_MARK.fullmatch(lines[-1]) or not lines[-1].strip()):
        lines.pop()
    end = "\n".join(lines)
    m = _SIGNATURE.search(end, max(0, _date_run(end) - _SIGNER_CHARS))
    if not m:
        return None, None
    y, month, day = _year(m.group("year")), _small_number(m.group("month")), _small_number(m.group("day") or "")
    date = f"{y:04d}-{month:02d}-{day or 1:02d}" if y and month and 1 <= month <= 12 else None
    who = m.group("who").strip()
    return official_name(who, body) or agency_in_text(who, body), date


def _date_run(text: str) -> int:
    """Where the run of spaces and date characters that ends the text starts: a signature's date lies in it,
    its signer at most _SIGNER_CHARS before it (searched for from each of the last 400 characters, the signature
    was half of reading the metadata)."""
    start = len(text)
    while start and (text[start - 1].isspace() or text[start - 1].isdecimal() or text[start - 1] in _DATE_CHARS):
        start -= 1
    return start


def _small_number(text: str) -> int | None:
    """12, 十二, 二十一, 三十 → the number; "" → None."""
    if text.isdigit():
        return int(text)
    if not text:
        return None
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return int(_CN_DIGITS.get(text, "0")) or None
    return int(_CN_DIGITS.get(tens, "1") if tens else 1) * 10 + int(_CN_DIGITS.get(units, "0") if units else 0)


def _year(text: str) -> int | None:
    digits = "".join(_CN_DIGITS.get(ch, ch) for ch in text)
    year = int(digits) if digits.isdigit() else None
    return year if year and 1990 <= year <= 2100 else None


def _period_year(text: str) -> int | None:
    m = _PERIOD.search(text)
    return _year(m.group(1)) if m else None


def _date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _clean(text: str) -> str:
    """The agency as named in a title, without punctuation around it or the 关于 of "…局关于2020年度…的报告"."""
    text = re.sub(r"^[\s:：,，、_\-]+|[\s:：,，、（(_\-]+$", "", text or "").strip()
    return re.sub(r"关于$", "", text)
