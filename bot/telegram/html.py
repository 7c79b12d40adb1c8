"""Telegram HTML for what the bot says: every piece of report text escaped, long text split cleanly.

Telegram's parse mode accepts a few tags and the entities &lt; &gt; &amp; &quot;; any other `<` or `&`
makes the message fail. Report text (names, quotes, row labels) is escaped here and only here, once: markup
is put around pieces of plain text that are escaped one by one, never searched for inside escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from bot.types import Answer, Source

LIMIT = 4096  # Telegram's message length limit, in UTF-16 code units
CAPTION_LIMIT = 1024  # a photo's caption

_TOKEN = re.compile(r"<[^<>]*>|&#?[0-9a-zA-Z]+;|\n\n|[^<&\n]|[\s\S]")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def text(plain: str) -> str:
    """Plain text as Telegram HTML: only `&`, `<` and `>` become entities (quotes need none outside tags)."""
    return escape(plain, quote=False)


def answer_html(answer: Answer) -> str:
    """An answer's text (it names its report already; the quote is behind the Source button), with the
    number asked for in bold: the plain text is split at the number, each side escaped on its own."""
    if answer.kind == "fact" and answer.value is not None:
        found = re.search(rf"(?<![\d.]){re.escape(_number(answer.value))}(?![\d.])", answer.text)
        if found:
            before, after = answer.text[:found.start()], answer.text[found.end():]
            return f"{text(before)}<b>{text(found.group())}</b>{text(after)}"
    return text(answer.text)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def sources_html(sources: Sequence[Source], lang: str) -> str:
    """What the Source button shows: each quoted passage or table row, with where it is from."""
    return "\n\n".join(_source_block(s, lang) for s in sources)


def _source_block(s: Source, lang: str) -> str:
    year = f"{s.year}" + ("年" if lang == "zh" else "") if s.year else ""
    meta = " · ".join(text(p) for p in (s.agency, year, s.section) if p)
    out = f"📄 <b>{text(s.title or s.agency)}</b>\n{meta}"
    if s.quote:
        out += f"\n<blockquote>{text(s.quote.strip())}</blockquote>"
    if s.url:
        out += f'\n<a href="{escape(s.url, quote=True)}">{"原文" if lang == "zh" else "Original"}</a>'
    return out


def split_html(html: str, limit: int = LIMIT) -> list[str]:
    """`html` in pieces of at most `limit` UTF-16 units, cut at a paragraph, line or sentence end (a word
    or any character only when one sentence is longer than a piece), never inside a tag or an entity;
    tags open at a cut are closed and reopened in the next piece."""
    parts: list[str] = []
    while html:
        head, html = split_first(html, limit)
        if head.strip():
            parts.append(head)
    return parts


def split_first(html: str, limit: int) -> tuple[str, str]:
    """The first piece of `html` that fits in `limit` (closed tags and all), and the rest (tags reopened)."""
    if utf16_len(html) <= limit:
        return html, ""
    cut, open_tags = _cut(html, limit)
    head = html[:cut].rstrip() + "".join(f"</{_name(t)}>" for t in reversed(open_tags))
    return head, "".join(open_tags) + html[cut:].lstrip("\n ")


_SENTENCE_END = frozenset("。！？；!?;")
_CUT_PREFERENCE = ("para", "line", "sentence", "word", "any")


def _cut(html: str, limit: int) -> tuple[int, list[str]]:
    """Where to cut so the piece, with its open tags closed, fits; and the tags open at that point."""
    stack: list[str] = []
    used = 0
    best: dict[str, tuple[int, list[str]]] = {}
    previous = ""
    for m in _TOKEN.finditer(html):
        tok = m.group(0)
        closing = sum(len(_name(t)) + 3 for t in stack)
        if used + utf16_len(tok) + closing > limit:
            break
        used += utf16_len(tok)
        tag = _TAG.match(tok) if tok.startswith("<") else None
        if tag and tag.group(1):
            if stack:
                stack.pop()
        elif tag:
            stack.append(tok)
        elif tok in ("\n\n", "\n", " ") and m.start() > 0:
            kind = {"\n\n": "para", "\n": "line", " ": "word"}[tok]
            best["sentence" if kind == "word" and previous in (".", "!", "?", ";") else kind] = (m.end(), list(stack))
        elif tok in _SENTENCE_END:
            best["sentence"] = (m.end(), list(stack))
        best["any"] = (m.end(), list(stack))
        previous = tok if not tag else previous
    for kind in _CUT_PREFERENCE:
        if kind in best and (kind in ("word", "any") or best[kind][0] > limit // 4):
            return best[kind]
    raise ValueError("limit too small for the open tags")


def _name(open_tag: str) -> str:
    m = _TAG.match(open_tag)
    return m.group(2) if m else ""
