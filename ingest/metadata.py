"""A report's metadata: agency, statistics year, publication date, 索引号, source URL, publisher, title."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    rf"^(?:关于)?(?P<year>{_YEAR})\s*年\s*度?\s*(?P<agency>.+?)(?:政府信息公开|政务公开)"
)
_REPORT_NAME = re.compile(r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?报告.*$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_PERIOD = re.compile(rf"统计(?:期限|时限|时间)[^。]{{0,12}}?({_YEAR})\s*年")
_HEADER = {
    "title": re.compile(r"(?:^|\n)\s*标\s*题\s*[:：]\s*(.+)"),
    "published": re.compile(r"(?:发布|公开|成文)(?:时间|日期)\s*[:：]?\s*(\d[0-9年月日\-/. :]*)"),
    "publisher": re.compile(r"(?:发布机构|发文机关|来源|信息来源)\s*[:：]?\s*([^\s:：]{2,40})"),
    "index_no": re.compile(r"索\s*引\s*号\s*[:：]?\s*([A-Za-z0-9\-_/.（）()\u4e00-\u9fff]{4,60}?)(?=\s|$)"),
    "url": re.compile(r"(?:原文链接|原文地址|来源网址|网址)\s*[:：]\s*(https?://\S+)"),
}


@dataclass(frozen=True)
class Metadata:
    title: str
    agency: str
    year: int | None
    published: str | None
    index_no: str | None
    url: str | None
    publisher: str | None


def read_metadata(text: str, metas: dict[str, str] | None = None, page_title: str = "") -> Metadata:
    """Metadata from the page's <meta> tags when it has them, else from the header lines of the text."""
    metas = metas or {}
    head = _header_values(text)
    title = _clean(metas.get("articletitle") or head.get("title") or _title_from(page_title, text))
    publisher = _clean(metas.get("contentsource") or head.get("publisher") or "") or None
    published = _date(metas.get("pubdate") or head.get("published") or "")
    agency, title_year = _agency_and_year(title)
    year = title_year or _period_year(text) or (int(published[:4]) - 1 if published else None)
    return Metadata(
        title=title,
        agency=agency or publisher or "",
        year=year,
        published=published,
        index_no=head.get("index_no"),
        url=metas.get("url") or metas.get("og:url") or head.get("url"),
        publisher=publisher if publisher != agency else None,
    )


def _header_values(text: str) -> dict[str, str]:
    head = text[:4000]
    out = {}
    for name, pattern in _HEADER.items():
        for m in pattern.finditer(head):
            if m.group(1).strip():
                out[name] = m.group(1).strip()
                break
    return out


def _title_from(page_title: str, text: str) -> str:
    lines = [line.strip() for line in text.splitlines()[:80] if line.strip()]
    # A title is sometimes broken over two lines ("平潭综合实验区 2019年" / "政府信息公开工作年度报告").
    pairs = [a + b for a, b in zip(lines, lines[1:])]
    # Page titles add the site's name after a separator: "…年度报告_政府信息公开年报_平潭…", "… - 盘锦市人民政府".
    title_parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", page_title)]
    for candidate in [*title_parts, *lines, *pairs]:
        candidate = candidate.strip()
        if _TITLE_REPORT.search(candidate) and re.search(_YEAR, candidate) and len(candidate) <= 60:
            return candidate
    return title_parts[0] if title_parts else ""


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
    text = re.sub(r"^[\s:：,，、]+|[\s:：,，、（(]+$", "", text or "").strip()
    return re.sub(r"关于$", "", text)
