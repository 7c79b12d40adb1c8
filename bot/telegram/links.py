"""Deep links that re-ask a question: t.me/<bot>?start=<payload>, the payload at most 64 characters of
A–Z a–z 0–9 _ - (Telegram's limits).

A question short enough travels inside the link itself ("g" + its GB18030 bytes in URL-safe base64: a
Chinese character takes two bytes there, three in UTF-8), so the link works on any copy of the bot. A
longer one is kept in a small SQLite file in the data home under a hash of its text ("k" + 12 characters),
the same question always getting the same link.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
import sqlite3
import threading
from pathlib import Path

PAYLOAD_LIMIT = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
LINKS_FILE = "telegram-links.sqlite"
log = logging.getLogger(__name__)
HELLO = "hello"  # the payload of links that only open the bot (the welcome, not a question)


def inline_payload(question: str) -> str | None:
    """The self-contained payload of `question`, or None when it does not fit."""
    try:
        raw = question.encode("gb18030")
    except UnicodeEncodeError:
        return None
    payload = "g" + base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return payload if len(payload) <= PAYLOAD_LIMIT else None


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


class LinkStore:
    """Questions too long for a payload, by the hash of their text. Thread-safe; one small file."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    def payload(self, question: str) -> str | None:
        """The payload that re-asks `question` (stored here when it does not fit in the link); None when it
        does not fit and cannot be stored (the file cannot be written)."""
        inline = inline_payload(question)
        if inline:
            return inline
        key = "k" + base64.urlsafe_b64encode(hashlib.sha256(question.encode()).digest()[:9]).decode()
        try:
            self._run("INSERT OR IGNORE INTO links (key, question) VALUES (?, ?)", (key, question))
        except sqlite3.Error as e:
            log.warning("could not store a deep link in %s: %s", self.path, e)
            return None
        return key

    def question(self, payload: str) -> str | None:
        """The question a payload asks, or None for a payload that is malformed, forged or unknown."""
        if not _PAYLOAD.match(payload or ""):
            return None
        if payload.startswith("g"):
            return _decode(payload[1:])
        if payload.startswith("k") and self.path.exists():
            try:
                row = self._run("SELECT question FROM links WHERE key = ?", (payload,))
            except sqlite3.Error as e:
                log.warning("could not read the deep links in %s: %s", self.path, e)
                return None
            return row[0] if row else None
        return None

    def _run(self, sql: str, args: tuple) -> tuple | None:
        """Run one statement; a file that is no database (damaged, or something else) is set aside once,
        and a new one started: the links it held are lost, and say so when they are opened."""
        with self._lock:
            try:
                return self._execute(sql, args)
            except sqlite3.DatabaseError as e:
                if isinstance(e, sqlite3.OperationalError):
                    raise  # locked, read-only, full: the file itself is fine
                log.warning("the deep-link file %s is damaged (%s); starting a new one", self.path, e)
                self.path.replace(self.path.with_name(self.path.name + ".damaged"))
                return self._execute(sql, args)

    def _execute(self, sql: str, args: tuple) -> tuple | None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS links (key TEXT PRIMARY KEY, question TEXT NOT NULL)")
                return db.execute(sql, args).fetchone()
        finally:
            db.close()


def _decode(text: str) -> str | None:
    try:
        question = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("gb18030")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    question = question.strip()
    return question if question and question.isprintable() else None
