"""What inline buttons refer to, kept under short ids: callback data holds at most 64 bytes."""

from __future__ import annotations

import itertools
from collections import OrderedDict


class ButtonMemory:
    """A clarify's question and options, an answer's sources: remembered per chat under an id, bounded for
    the whole bot (least recently used out first), so memory stays flat however many chats come."""

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

    def recall(self, chat_id: int, key: str) -> object | None:
        value = self._items.get((chat_id, key))
        if value is not None:
            self._items.move_to_end((chat_id, key))
        return value
