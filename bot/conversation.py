"""A conversation: each chat's last understood question, so a follow-up ("那2021年呢？", "what about
lawsuits?") is answered in its context. `xxgk chat` and the Telegram bot both ask through it.

State is kept per chat id, expires after `ttl` seconds without a question, and is bounded for the whole
process (least recently used chats forgotten first); one chat's state never answers another's question.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from .answer import answer_choice_in_context, answer_in_context
from .types import Answer
from .understand import Understanding

DEFAULT_TTL = 30 * 60


@dataclass(frozen=True)
class Turn:
    understanding: Understanding
    at: float


class Conversations:
    def __init__(self, ttl: float = DEFAULT_TTL, capacity: int = 50_000, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.capacity = capacity
        self._clock = clock
        self._turns: OrderedDict[object, Turn] = OrderedDict()
        self._lock = threading.Lock()  # the bot answers on several worker threads

    def ask(self, chat: object, question: str, index, *, today: dt.date | None = None) -> Answer:
        result, understood = answer_in_context(question, index, self.previous(chat), today=today)
        self._remember(chat, understood)
        return result

    def choose(self, chat: object, question: str, option: str, index, *, today: dt.date | None = None) -> Answer:
        """A clarify option picked: the original question answered with it, remembered as understood."""
        result, understood = answer_choice_in_context(question, option, index, today=today)
        self._remember(chat, understood)
        return result

    def previous(self, chat: object) -> Understanding | None:
        with self._lock:
            turn = self._turns.get(chat)
            if turn is None or self._clock() - turn.at > self.ttl:
                self._turns.pop(chat, None)
                return None
            return turn.understanding

    def forget(self, chat: object) -> None:
        with self._lock:
            self._turns.pop(chat, None)

    def _remember(self, chat: object, understood: Understanding | None) -> None:
        if understood is None:
            return
        with self._lock:
            self._turns[chat] = Turn(understood, self._clock())
            self._turns.move_to_end(chat)
            while len(self._turns) > self.capacity:
                self._turns.popitem(last=False)
