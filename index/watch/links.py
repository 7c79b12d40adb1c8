"""Finding annual reports on an agency's pages: the report links of a 政府信息公开年报 list page, the
page after it, and the files attached to a report's own page.

A list page is an ordinary HTML page (UTF-8 or GBK, links relative to the page or to its <base>), with one
anchor per report: "平潭综合实验区2025年政府信息公开工作年度报告" beside its date. A report link is an
anchor whose text or title names an annual report (年度报告 / 年报) and a year, or a .pdf/.doc/.docx file
so named; a menu entry such as "政府信息公开年报" names no year and is not one. The next page is an anchor
reading 下一页 (or the TRS publishing system's `createPageHTML(pages, current, "index", "html")`, which
makes index_1.html, index_2.html, …).
"""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ingest.errors import ReportError
from ingest.reading import decode

DOCUMENTS = (".pdf", ".doc", ".docx")
_REPORT = re.compile(r"年度报告|年报")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_NEXT = re.compile(r"^\s*(?:下一页|下页|后一页|next(?:\s*page)?)\s*[>›»]*\s*$", re.I)
_TRS_PAGER = re.compile(
    r"""createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w.-]+)['"]\s*,\s*['"](\w+)['"]"""
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class Link:
    url: str  # absolute, without #fragment
    title: str
    date: str | None = None  # YYYY-MM-DD printed beside the link
    is_file: bool = False  # a .pdf/.doc/.docx attachment rather than a page


@dataclass(frozen=True)
class ListPage:
    links: tuple[Link, ...]  # report links, in page order, each once
    next_page: str | None


def read_list_page(data: bytes, url: str) -> ListPage:
    """The report links of a list page and the URL of the page after it."""
    doc, base = _document(data, url)
    anchors = list(_anchors(doc, base))
    links = _unique(link for link in anchors if _is_report(link) and link.url != url)
    return ListPage(links, _next_page(doc, anchors, base, url))


def attached_files(data: bytes, url: str) -> tuple[Link, ...]:
    """The .pdf/.doc/.docx files a page links to; those whose name says annual report first."""
    doc, base = _document(data, url)
    files = _unique(link for link in _anchors(doc, base) if link.is_file)
    return tuple(sorted(files, key=lambda link: not _REPORT.search(link.title + _file_name(link.url))))


def _document(data: bytes, url: str) -> tuple[lxml.html.HtmlElement, str]:
    try:
        text = _XML_DECLARATION.sub("", decode(data, url).text)
        doc = lxml.html.document_fromstring(text or "<html></html>")
    except (ReportError, etree.ParserError, ValueError) as e:
        raise ValueError(f"the page is not readable HTML ({e})") from e
    base = doc.find(".//base[@href]")
    try:
        return doc, urllib.parse.urljoin(url, base.get("href").strip()) if base is not None else url
    except ValueError:
        return doc, url  # a broken <base>: links are read relative to the page itself


def _anchors(doc: lxml.html.HtmlElement, base: str):
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        try:
            target = urllib.parse.urldefrag(urllib.parse.urljoin(base, href))[0]
            if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
                continue
        except ValueError:  # "http://[::1": one broken link, not a broken page
            continue
        text = " ".join(a.text_content().split())
        title = (a.get("title") or "").strip()
        name = title if len(title) > len(text) else text  # lists often cut long titles short ("…")
        yield Link(target, name, _date_near(a), _file_name(target).lower().endswith(DOCUMENTS))


def _is_report(link: Link) -> bool:
    words = link.title + (" " + _file_name(link.url) if link.is_file else "")
    return bool(_REPORT.search(words) and _YEAR.search(words))


def _date_near(a: lxml.html.HtmlElement) -> str | None:
    """The date printed with the anchor: in it, or in its list item or table row (an element holding
    other links too holds their dates, and is not looked at)."""
    holder: lxml.html.HtmlElement | None = a
    for _ in range(3):
        if holder is None or (holder is not a and len(holder.findall(".//a")) > 1):
            return None
        m = _DATE.search(" ".join(holder.itertext()))
        if m:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        holder = holder.getparent()
    return None


def _next_page(doc: lxml.html.HtmlElement, anchors: list[Link], base: str, url: str) -> str | None:
    for link in anchors:
        if _NEXT.match(link.title) and link.url != url:
            return link.url
    for script in doc.iter("script"):
        m = _TRS_PAGER.search(script.text or "")
        if m:
            pages, current, stem, ext = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
            return urllib.parse.urljoin(base, f"{stem}_{current + 1}.{ext}") if current + 1 < pages else None
    return None


def _file_name(url: str) -> str:
    return urllib.parse.unquote(os.path.basename(urllib.parse.urlsplit(url).path))


def _unique(links) -> tuple[Link, ...]:
    seen: dict[str, Link] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return tuple(seen.values())
