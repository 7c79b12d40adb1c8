"""Charts for the bot: drawn off the event loop in a process of their own (drawing is Python work that
would otherwise hold the interpreter lock the event loop and the answering threads need), the same chart
drawn once (cached by its spec), and once sent, re-sent by Telegram's file id instead of uploaded again."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from bot.charts import LINE, ChartSpec, ChartUnavailable, Series, chart_for, render_png
from bot.types import Answer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Chart:
    spec: ChartSpec
    png: bytes


class Charts:
    def __init__(
        self,
        *,
        spec_fn: Callable[[Answer], ChartSpec | None] = chart_for,
        render_fn: Callable[[ChartSpec], bytes] = render_png,
        capacity: int = 256,
    ):
        self._spec = spec_fn
        self._render = render_fn
        self._pngs: OrderedDict[ChartSpec, bytes] = OrderedDict()
        self._file_ids: OrderedDict[ChartSpec, str] = OrderedDict()
        self._capacity = capacity
        self._pool: concurrent.futures.Executor | None = None
        self._unavailable = False

    async def start(self) -> None:
        """Start the drawing process and draw one small chart in it, so starting Python there and loading
        matplotlib and the font is not the first citizen's wait."""
        self._pool = _new_pool()
        warm = ChartSpec(LINE, "预热 warm-up", "", "", ("2020", "2021"), (Series("", (1.0, 2.0)),), "", "zh")
        await self._draw(warm)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def spec(self, answer: Answer) -> ChartSpec | None:
        """What the answer's chart shows, or None (not a trend, comparison or ranking)."""
        try:
            return self._spec(answer)
        except Exception:
            log.exception("could not make a chart of %r", answer.question)
            return None

    async def chart(self, answer: Answer) -> Chart | None:
        """The answer's chart, or None (not a trend, comparison or ranking; or charts cannot be drawn here:
        the answer then goes out as text, never lost for want of a picture)."""
        spec = self.spec(answer)
        if spec is None:
            return None
        png = self._pngs.get(spec) or await self._draw(spec)
        return Chart(spec, png) if png else None

    async def _draw(self, spec: ChartSpec) -> bytes | None:
        if self._unavailable:
            return None
        if self._pool is None:
            self._pool = _new_pool()
        try:
            png = await asyncio.get_running_loop().run_in_executor(self._pool, self._render, spec)
        except concurrent.futures.process.BrokenProcessPool:
            log.error("the chart process died; starting a new one")
            self._pool = _new_pool()
            return None
        except ChartUnavailable as e:
            log.warning("charts are off: %s", e)
            self._unavailable = True
            return None
        except Exception:
            log.exception("drawing a chart failed: %s", spec.title)
            return None
        _put(self._pngs, spec, png, self._capacity)
        return png

    def file_id(self, spec: ChartSpec | None) -> str | None:
        """Telegram's id of this chart once sent (the photo is then re-sent without uploading it)."""
        return self._file_ids.get(spec) if spec is not None else None

    def sent(self, spec: ChartSpec, file_id: str) -> None:
        _put(self._file_ids, spec, file_id, self._capacity)

    def forget(self, spec: ChartSpec) -> None:
        self._file_ids.pop(spec, None)


def _new_pool() -> concurrent.futures.Executor:
    # "spawn": forking a process that runs threads (the answering workers, httpx) is not safe.
    return concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))


def _put(cache: OrderedDict, key: object, value: object, capacity: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > capacity:
        cache.popitem(last=False)
