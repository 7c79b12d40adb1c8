"""The index as the bot uses it: questions answered on worker threads, admin jobs one at a time.

The event loop never touches the index. Each worker thread opens its own `Index` (an SQLite connection
belongs to the thread that opened it) and reopens it when the live index has changed: after the bot's own
ingest or re-index, or when another process (`xxgk ingest`) published a new one. Readers switch to the
new index between two questions, never during one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from bot.types import Answer

log = logging.getLogger(__name__)
T = TypeVar("T")

OpenIndex = Callable[[str | None], Any]
AnswerFn = Callable[[str, Any], Answer]
Progress = Callable[[Any], None]  # receives index.build.Progress (stage, done, total, item)


class Busy(Exception):
    """Another ingest or re-index is running."""


class TooSlow(Exception):
    """A question took longer than the answer timeout; its worker finishes it, nobody waits for it."""


class Library:
    def __init__(self, home: str | None, *, workers: int = 2, open_index: OpenIndex,
                 answer_fn: AnswerFn, choice_fn: Callable[[str, str, Any], Answer],
                 ingest_fn: Callable[..., Any], reindex_fn: Callable[..., Any],
                 is_current: Callable[[Any], bool] = lambda index: True,
                 warm_up: Callable[[Any], Any] = lambda index: None, answer_timeout: float = 60.0,
                 conversation: Any = None, audit_fn: Callable[[Any, str | None, int | None], list] | None = None):
        self.home = home
        self._open_index = open_index
        self._answer = answer_fn
        self._choice = choice_fn
        self._ingest = ingest_fn
        self._reindex = reindex_fn
        self._is_current = is_current  # False once another generation of the index is live
        self._warm_up = warm_up  # run once per worker before the bot takes questions (loads models, caches)
        self._answer_timeout = answer_timeout  # seconds a chat waits for one answer
        self._conversation = conversation  # bot.conversation.Conversations: follow-ups in each chat's context
        self._audit = audit_fn  # bot.audit.find unless given
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], concurrent.futures.Future] | None] = queue.Queue()
        self._workers = workers
        self._threads: list[threading.Thread] = []
        self._generation = 0
        self._admin = asyncio.Lock()

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Open the index (indexing the bundled samples into an empty home first), then start the workers
        and wait until each has opened its index and answered a warm-up question."""
        index = await asyncio.to_thread(self._open_index, self.home)
        await asyncio.to_thread(index.close)
        ready: list[concurrent.futures.Future] = [concurrent.futures.Future() for _ in range(self._workers)]
        self._threads = [threading.Thread(target=self._work, args=(f,), name=f"xxgk-answer-{i}", daemon=True)
                         for i, f in enumerate(ready)]
        for thread in self._threads:
            thread.start()
        await asyncio.gather(*(asyncio.wrap_future(f) for f in ready))

    async def close(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            await asyncio.to_thread(thread.join, 30)

    def _work(self, ready: concurrent.futures.Future) -> None:
        try:
            index, generation = self._open_index(self.home), self._generation
        except BaseException as e:
            ready.set_exception(e)
            return
        try:
            self._warm_up(index)
        except Exception:
            log.exception("warm-up question failed; answering anyway")
        ready.set_result(None)
        try:
            while (job := self._jobs.get()) is not None:
                fn, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if generation != self._generation or not self._is_current(index):
                        index.close()
                        index, generation = self._open_index(self.home), self._generation
                    future.set_result(fn(index))
                except BaseException as e:  # handed to the awaiting handler, which reports it
                    future.set_exception(e)
        finally:
            index.close()

    async def _on_worker(self, fn: Callable[[Any], T]) -> T:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._jobs.put((fn, future))
        return await asyncio.wrap_future(future)

    # -- for everyone ----------------------------------------------------------------------------
    async def ask(self, question: str, chat: int | None = None) -> Answer:
        if self._conversation is not None and chat is not None:
            return await self._in_time(self._on_worker(lambda index: self._conversation.ask(chat, question, index)))
        return await self._in_time(self._on_worker(lambda index: self._answer(question, index)))

    async def ask_with_choice(self, question: str, option: str, chat: int | None = None) -> Answer:
        if self._conversation is not None and chat is not None:
            return await self._in_time(self._on_worker(
                lambda index: self._conversation.choose(chat, question, option, index)))
        return await self._in_time(self._on_worker(lambda index: self._choice(question, option, index)))

    async def _in_time(self, answering: Awaitable[T]) -> T:
        """The answer, or TooSlow after answer_timeout seconds (a question still queued is dropped)."""
        try:
            return await asyncio.wait_for(answering, self._answer_timeout)
        except asyncio.TimeoutError:
            raise TooSlow() from None

    async def agencies(self) -> list:
        return await self._on_worker(lambda index: index.agencies())

    async def reports(self) -> list:
        return await self._on_worker(lambda index: index.reports())

    async def audit(self, agency: str | None, year: int | None) -> list:
        """The audit's findings (bot.audit.find); raises bot.audit.UnknownAgency for a name not indexed."""
        from bot.audit import find

        audit = self._audit or find
        return await self._on_worker(lambda index: audit(index, agency, year))

    async def stats(self) -> dict:
        return await self._on_worker(lambda index: index.stats())

    async def about(self) -> dict:
        """The stats, with "years" the list of years covered (for /start)."""
        return await self._on_worker(lambda index: {**index.stats(), "years": index.years()})

    # -- for admins: one job at a time, off the event loop ---------------------------------------
    async def ingest(self, path: Path, progress: Progress, **given: Any) -> Any:
        """Ingest one upload; `given` holds the caption's agency and year for a copy that states neither."""
        return await self._admin_job(lambda: self._ingest(self.home, [path], progress=progress, **given))

    async def reindex(self, progress: Progress) -> Any:
        return await self._admin_job(lambda: self._reindex(self.home, progress=progress))

    async def _admin_job(self, fn: Callable[[], T]) -> T:
        if self._admin.locked():
            raise Busy()
        async with self._admin:
            try:
                return await asyncio.to_thread(fn)
            finally:
                self._generation += 1
