"""What inline buttons refer to, kept under short ids: callback data holds at most 64 bytes."""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass
from typing import TypeVar

from bot.types import Source

T = TypeVar("T")


@dataclass(frozen=True)
class PendingChoice:
    """A clarify answer's question and the options offered as buttons."""

    question: str
    options: tuple[str, ...]
    lang: str


@dataclass(frozen=True)
class SourcesShown:
    """What an answer's Source button shows."""

    sources: tuple[Source, ...]
    lang: str


@dataclass(frozen=True)
class AuditAsked:
    """What /audit was asked for, so its ◀ ▶ buttons can show another page."""

    agency: str | None
    year: int | None
    lang: str


class ButtonMemory:
    """Button targets remembered per chat under an id, bounded for the whole bot (least recently used out
    first), so memory stays flat however many chats come. A recall names the kind it expects: a button
    whose id now holds another kind of thing (or nothing) recalls None, never the wrong thing."""

    def __init__(self, capacity: int = 20_000):
        self.capacity = capacity
        self._items: OrderedDict[tuple[int, str], object] = OrderedDict()
        self._ids = itertools.count(1)

    def remember(self, chat_id: int, value: object) -> str:
        key = format(next(self._ids), "x")
        self._items[(chat_id, key)] = value
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return key

    def recall(self, chat_id: int, key: str, kind: type[T]) -> T | None:
        value = self._items.get((chat_id, key))
        if not isinstance(value, kind):
            return None
        self._items.move_to_end((chat_id, key))
        return value
