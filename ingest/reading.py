"""Turn a report's bytes into text: detect the encoding and whether it is HTML; tell PDF and Word files
by their signature, so that they go to their own readers."""

from __future__ import annotations

import codecs
import functools
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import AnyStr

from ingest.errors import UnreadableReport

# The files a report comes in. PDF and Word are recognised by their bytes, whatever their name.
SUFFIXES = (".html", ".htm", ".txt", ".md", ".pdf", ".docx", ".doc")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old binary Office files (.doc, .xls, .ppt)
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # a password-protected .docx, .xlsx or .pptx

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HTML_HINT = re.compile(r"<\s*(html|body|table|div|p|meta|head|tr|td)\b", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    is_html: bool
    # The text as UTF-8 when the file's own bytes are that (UTF-8, no CR turned, nothing as_printed changed): the
    # HTML reader reads them as they are, not the text encoded again.
    utf8: bytes | None = field(default=None, repr=False, compare=False)


def as_text(text: str) -> str:
    """Text from the command line, a pipe or a file name, made storable and printable: bytes that were not
    UTF-8 (which Python keeps as lone surrogates) become U+FFFD, and the rest is kept."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that no byte made
        return text.encode("utf-8", "replace").decode("utf-8")


def office_kind(data: bytes, name: str = "") -> str | None:
    """The kind of a PDF or Word file ("pdf", "docx", "doc") by its bytes; None for text and HTML.

    Other office containers (a spreadsheet, an OFD document) are refused here with what to do instead."""
    if data[:1024].lstrip(b"\x00\t\r\n \xef\xbb\xbf").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_OLE2):
        if _WORD_STREAM in data:
            return "doc"
        if _ENCRYPTED_STREAM in data:
            raise UnreadableReport(
                f"{name or 'the file'} is protected by a password, so it cannot be read. Open it, save a copy "
                "without the password as .docx or PDF, and add that file."
            )
        raise UnreadableReport(
            f"{name or 'the file'} is an old binary Office file that is not a Word document (a spreadsheet or "
            "a presentation?). Save the report as .docx, PDF or text and try again."
        )
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    return None


def _zip_kind(data: bytes, name: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableReport(f"{name or 'the file'} is a damaged ZIP or Word (.docx) file: {exc}.") from exc
    if "word/document.xml" in names:
        return "docx"
    what = "an OFD document" if "OFD.xml" in names else "a ZIP archive that is not a Word document"
    raise UnreadableReport(
        f"{name or 'the file'} is {what}. Save the report as .docx, PDF or text (or unpack the archive) "
        "and add that file."
    )


def decode(data: bytes, name: str = "") -> Decoded:
    """Decode report bytes: BOM, then UTF-8, then the page's declared charset, then GB18030 (a superset of GBK)."""
    if not data.strip():
        raise UnreadableReport(f"{name or 'the file'} is empty: nothing to read.")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableReport(
            f"{name or 'the file'} looks binary (NUL bytes), not a report in a form this reads. "
            "Save the report as .html, .txt, .md, .docx or a PDF with selectable text and try again."
        )
    text, encoding, utf8 = _decode_text(data, name)
    is_html = name.lower().endswith((".html", ".htm")) or bool(_HTML_HINT.search(text[:5000]))
    if "\r" in text:  # one scan of a page that has none, not two
        text, utf8 = text.replace("\r\n", "\n").replace("\r", "\n"), None
    printed = as_printed(text, utf8=utf8)
    return Decoded(printed, encoding, is_html, utf8 if printed is text else None)


def as_printed(text: str, *, traditional: bool | None = None, utf8: bytes | None = None) -> str:
    """Text as the report prints it, whatever tool made the copy: ASCII digits where an input method or
    crawler typed full-width ones (２０２２, 1，234 as thousands), Chinese characters without the space a
    letter-spaced PDF text layer puts between each two, simplified characters in a traditional copy.
    `traditional`: whether the copy is one (a table cell is too short to tell; its document says), None to
    tell from this text. `utf8`: the text's UTF-8 bytes, when the caller has them (letter-spacing is looked for
    in them)."""
    numbers = _ascii_numbers(text)
    text = _unspaced(numbers, utf8 if numbers is text else None)
    if traditional is None:
        traditional = is_traditional(text)
    return _to_simplified().convert(text) if traditional else text


# Full-width digits, and a full-width point between digits, are ASCII ones. A full-width comma grouping thousands
# ("1，234") is read as one only where no list of cells can stand: the number alone on its line or in its
# cell, or followed by its unit ("1，234件"). A list ("予以公开：3，120，0", "2648，-18，538") is left alone.
# (Each pattern is tried only when a cheap search, starting from a literal character, finds its mark: pages
# run to 300 KB.)
_FULL_DIGITS = "０１２３４５６７８９"
_FULL_DIGIT = re.compile(f"[{_FULL_DIGITS}．]")
_GROUPED = r"[-+]?\d{1,3}(?:，\d{3})+(?:\.\d+)?"
_GROUPED_ALONE = re.compile(rf"(?m)(?:^|(?<=>))([ \t]*){_GROUPED}(?=[ \t]*(?:$|<))")
_GROUPED_WITH_UNIT = re.compile(rf"(?<![\d,，.]){_GROUPED}(?=(?:万元|元|件|个|项|条|次|人次|%))")


def _ascii_numbers(text: str) -> str:
    if any(d in text for d in _FULL_DIGITS):
        text = _FULL_DIGIT.sub(_ascii_digit, text)
    if _groups_thousands(text):
        for grouped in (_GROUPED_ALONE, _GROUPED_WITH_UNIT):
            text = grouped.sub(lambda m: m.group().replace("，", ","), text)
    return text


def _groups_thousands(text: str) -> bool:
    """Whether a full-width comma stands between a digit and three more ("1，234"; the digits re's \\d, Unicode's
    decimal digits, as str.isdecimal tells them). Each comma is found by str.find, which skips to it: a pattern
    tried at each comma of a 300 KB page, starting from a character, cost ~1 M instructions."""
    at = text.find("，", 1)
    while at >= 0:
        after = text[at + 1 : at + 4]
        if len(after) == 3 and after.isdecimal() and text[at - 1].isdecimal():
            return True
        at = text.find("，", at + 1)
    return False


def _ascii_digit(m: re.Match[str]) -> str:
    """A full-width digit as ASCII; a full-width point as "." between digits (else as printed)."""
    c = m.group()
    if c != "．":
        return str(_FULL_DIGITS.index(c))
    s, i = m.string, m.start()
    between = 0 < i < len(s) - 1 and (s[i - 1].isdigit() and s[i + 1].isdigit())
    return "." if between else c


# Chinese characters and punctuation (not the ideographic space); a single space between two of them (the
# pattern starts from the space, which a search finds fast).
_CJK = "\u3001-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20"
_SPACED = re.compile(rf" (?<=[{_CJK}] )(?=[{_CJK}])")
_TIGHT = re.compile(rf"[{_CJK}](?=[{_CJK}])")


def _unspaced(text: str, utf8: bytes | None = None) -> str:
    """A letter-spaced copy ("政 府 信 息 公 开": most pairs of Chinese characters a space apart), or a letter-spaced
    line in it (a label, a heading: no two Chinese characters side by side), without those spaces; Chinese
    separates no words by spaces, so none is lost. Elsewhere a space between Chinese words is a cell or field
    boundary ("发文机关: 盘锦市政府 成文日期", "自然人 商业企业") and is kept. `utf8`: the text's UTF-8 bytes."""
    if utf8 is not None and _nothing_spaced(utf8):
        return text
    spaces = [m.start() for m in _SPACED.finditer(text)]
    if not spaces:
        return text
    if len(spaces) >= 20 and len(spaces) > len(_TIGHT.findall(text)):
        return _SPACED.sub("", text)
    lines = sorted({(text.rfind("\n", 0, i) + 1, _line_end(text, i)) for i in spaces})
    parts, last = [], 0
    for start, end in lines:
        line = text[start:end]
        if not _TIGHT.search(line):
            parts += [text[last:start], _SPACED.sub("", line)]
            last = end
    return "".join(parts) + text[last:] if parts else text


# A space between two Chinese characters (_CJK, three bytes each in UTF-8) stands in UTF-8 after a continuation
# byte and before a lead byte of such a character: a page's bytes told so (one pass of bytes.translate) are searched
# by bytes.find, not _SPACED tried at each of its 15,000 spaces (~4 M instructions on a 300 KB page).
_AFTER_CJK, _BEFORE_CJK = b"\x01", b"\x02"
_CJK_BYTES = bytes.maketrans(
    bytes(range(0x80, 0xC0)) + bytes(range(0xE3, 0xEA)) + b"\xef\x01\x02",
    _AFTER_CJK * 0x40 + _BEFORE_CJK * 8 + b"\x00\x00",
)
_CJK_SPACE = _AFTER_CJK + b" " + _BEFORE_CJK


def _nothing_spaced(utf8: bytes) -> bool:
    """Whether _unspaced leaves the text as it is, told from its UTF-8 bytes: no space between two Chinese
    characters, or fewer than 20 such spaces, each on a line that prints two Chinese characters side by side.
    False when that is not certain (the text is then read as before)."""
    marked = utf8.translate(_CJK_BYTES)
    spaces, at = 0, marked.find(_CJK_SPACE)
    lines: set[tuple[int, int]] = set()
    while at >= 0:
        space = at + 1
        before, after = utf8[max(space - 3, 0) : space], utf8[space + 1 : space + 4]
        if _is_cjk(before) and _is_cjk(after):
            spaces += 1
            if spaces >= 20:
                return False
            lines.add((utf8.rfind(b"\n", 0, space) + 1, _line_end(utf8, space)))
        at = marked.find(_CJK_SPACE, space)
    return all(_TIGHT.search(utf8[start:end].decode("utf-8")) for start, end in lines)


def _is_cjk(char: bytes) -> bool:
    """Whether the bytes are one character of _CJK."""
    try:
        text = char.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(text) == 1 and _CJK_CHAR.match(text) is not None


_CJK_CHAR = re.compile(f"[{_CJK}]")


def _line_end(text: AnyStr, i: int) -> int:
    end = text.find("\n" if isinstance(text, str) else b"\n", i)
    return len(text) if end < 0 else end


def is_traditional(text: str) -> bool:
    """A traditional-character copy (a Hong Kong or Taiwan site, a converter), to be read in simplified
    characters as the template's labels and agency names are printed. Told by 公開 and 報告, which every report
    prints many times (a simplified one 公开, 报告)."""
    if _fewer_than(text, "開報", 10):  # most copies: found in a few finds, not counted through the whole text
        return False
    traditional = text.count("開") + text.count("報")
    return traditional >= 10 and traditional > text.count("开") + text.count("报")


def _fewer_than(text: str, chars: str, n: int) -> bool:
    """Whether the text prints the characters fewer than n times in all (each find skips to the next one: counting
    two characters through a 300 KB page costs ~2 M instructions)."""
    found = 0
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            found += 1
            if found >= n:
                return False
            at = text.find(ch, at + 1)
    return True


@functools.cache
def _to_simplified():
    import opencc  # ~0.1 s to load its dictionaries: only for a traditional copy

    return opencc.OpenCC("t2s")


def _decode_text(data: bytes, name: str) -> tuple[str, str, bytes | None]:
    """The text, its encoding, and the bytes it was decoded from when they are UTF-8."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_bom(data, enc, name), enc, None
    try:
        return data.decode("utf-8"), "utf-8", data
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _declared_charset(data)
    for enc in filter(None, (declared, "gb18030")):
        try:
            return data.decode(enc), enc, None
        except (UnicodeDecodeError, LookupError):
            continue
    # A file cut off in the middle of a multi-byte character is still worth reading: drop only the tail.
    if utf8_error.start >= len(data) - 3:
        return data[: utf8_error.start].decode("utf-8"), "utf-8", data[: utf8_error.start]
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
        raise UnreadableReport(
            f"{name or 'the file'}: broken {enc.upper()} text (bad bytes at {exc.start}). "
            "Re-save it as UTF-8 and try again."
        ) from exc


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    enc = m.group(1).decode("ascii", "ignore").lower()
    # GBK and GB2312 pages often hold characters only GB18030 has; it decodes both.
    return "gb18030" if enc in ("gbk", "gb2312", "gb_2312-80", "x-gbk") else enc
