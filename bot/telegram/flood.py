"""Flood control per chat: Telegram's 429 "retry after N" holds back that chat's messages, never another's.

PTB's AIORateLimiter pauses every request of the bot while any one request waits out a 429, so one busy
chat delayed every other chat's answer by its retry_after. Here each chat has its own "not before" time;
the overall budget (messages per second to all chats) and the per-group budget stay as in PTB.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

GROUP_RATE = 20  # messages per minute to one group (Telegram's guideline)


class PerChatFloodLimiter(BaseRateLimiter[int]):
    """An overall budget for sends to chats, a budget per group, and each chat's own 429 back-off, retried
    up to max_retries times. A "typing…" action is cosmetic: sent at once, dropped on a 429."""

    def __init__(self, overall_max_rate: float = 30.0, max_retries: int = 5):
        self._overall = AsyncLimiter(overall_max_rate, 1) if overall_max_rate else None
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._not_before: dict[int | str | None, float] = {}  # chat (None: requests to no chat) -> monotonic
        self._max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        chat = _chat_of(data)
        if endpoint == "sendChatAction":
            try:
                return await callback(*args, **kwargs)
            except RetryAfter:
                return True
        retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(retries + 1):
            await self._wait_turn(chat)
            await self._acquire_budget(chat)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as e:
                if attempt == retries:
                    raise
                wait = e._retry_after.total_seconds() + 0.1
                self._not_before[chat] = max(self._not_before.get(chat, 0.0), time.monotonic() + wait)
                log.info("Telegram asked to slow down in chat %s: retrying in %.1f s", chat, wait)
        raise AssertionError("unreachable")

    async def _wait_turn(self, chat: int | str | None) -> None:
        until = self._not_before.get(chat)
        if until is None:
            return
        delay = until - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        if self._not_before.get(chat) == until:
            del self._not_before[chat]  # the back-off is over: the table keeps only chats still waiting

    async def _acquire_budget(self, chat: int | str | None) -> None:
        if chat is None:
            return
        if self._overall:
            await self._overall.acquire()
        if _is_group(chat):
            await self._group(chat).acquire()

    def _group(self, chat: int | str) -> AsyncLimiter:
        if len(self._groups) > 512:
            self._groups = {k: v for k, v in self._groups.items() if not v.has_capacity(v.max_rate)}
        return self._groups.setdefault(chat, AsyncLimiter(GROUP_RATE, 60))


def _chat_of(data: dict[str, Any]) -> int | str | None:
    chat = data.get("chat_id")
    if chat is None:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return int(chat)
    return str(chat)


def _is_group(chat: int | str) -> bool:
    return isinstance(chat, str) or chat < 0
