"""Turn a report's bytes into text: detect the encoding and whether it is HTML."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ingest.errors import UnreadableReport

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HTML_HINT = re.compile(r"<\s*(html|body|table|div|p|meta|head|tr|td)\b", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    is_html: bool


def decode(data: bytes, name: str = "") -> Decoded:
    """Decode report bytes: BOM, then UTF-8, then the page's declared charset, then GB18030 (a superset of GBK)."""
    if not data.strip():
        raise UnreadableReport(f"{name or 'the file'} is empty: nothing to read.")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableReport(
            f"{name or 'the file'} looks binary (NUL bytes), not an HTML or text report. "
            "Save the report as .html, .htm, .txt or .md and try again."
        )
    text, encoding = _decode_text(data, name)
    is_html = name.lower().endswith((".html", ".htm")) or bool(_HTML_HINT.search(text[:5000]))
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, is_html)


def _decode_text(data: bytes, name: str) -> tuple[str, str]:
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_bom(data, enc, name), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _declared_charset(data)
    for enc in filter(None, (declared, "gb18030")):
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    # A file cut off in the middle of a multi-byte character is still worth reading: drop only the tail.
    if utf8_error.start >= len(data) - 3:
        return data[: utf8_error.start].decode("utf-8"), "utf-8"
    raise UnreadableReport(
        f"{name or 'the file'}: unknown text encoding (not UTF-8, GBK or GB18030; first bad byte at "
        f"{utf8_error.start}). Re-save it as UTF-8 and try again."
    )


def _decode_bom(data: bytes, enc: str, name: str) -> str:
    """Text behind a byte-order mark; a file cut off inside its last character loses only that character."""
    try:
        return data.decode(enc, errors="strict")
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) - 1 and exc.start >= len(data) - 4:
            return data[: exc.start].decode(enc, errors="strict")
        raise UnreadableReport(f"{name or 'the file'}: broken {enc.upper()} text (bad bytes at {exc.start}). "
                               "Re-save it as UTF-8 and try again.") from exc


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    enc = m.group(1).decode("ascii", "ignore").lower()
    # GBK and GB2312 pages often hold characters only GB18030 has; it decodes both.
    return "gb18030" if enc in ("gbk", "gb2312", "gb_2312-80", "x-gbk") else enc
