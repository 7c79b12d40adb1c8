"""Running the bot for tests: in-process on a thread (same build/run code as `xxgk serve`), or as the
real `xxgk serve` subprocess; both talk real HTTP to the fake Bot API server."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path

from fakebotapi import FakeBotApi

from bot.telegram.app import Settings, build_application, run
from bot.telegram.service import Library

ROOT = Path(__file__).resolve().parent.parent


class InProcessBot:
    """The application built and run by bot.telegram.app, on its own thread and event loop."""

    def __init__(self, settings: Settings, library: Library | None = None, *, webhook: str | None = None,
                 port: int = 8443):
        self.application = build_application(settings, library)
        self.webhook, self.port = webhook, port
        self._thread = threading.Thread(target=self._run, name="bot-under-test", daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self.error: BaseException | None = None

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        try:
            run(self.application, webhook=self.webhook, port=self.port, stop_signals=None)
        except BaseException as e:  # surfaced by stop()
            self.error = e
        finally:
            self._loop.close()

    def start(self, fake: FakeBotApi, timeout: float = 120) -> InProcessBot:
        self._thread.start()
        if not fake.polling.wait(timeout):
            raise TimeoutError("the bot did not start polling")
        return self

    def stop(self, fake: FakeBotApi) -> None:
        if self._loop and self._loop.is_running():
            self._loop.call_soon_threadsafe(self.application.stop_running)
            fake.wake_pollers()
        self._thread.join(60)
        if self.error:
            raise self.error


class ServeProcess:
    """`python -m bot.cli serve --api-base …` as a subprocess, as an operator would run it."""

    def __init__(self, fake: FakeBotApi, home: Path, admins: str = "", extra_env: dict | None = None,
                 log_dir: Path | None = None):
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake.token, "XXGK_ADMIN_IDS": admins, **(extra_env or {})}
        self.log = (log_dir or home.parent) / f"{home.name}-serve.log"
        self._log_file = open(self.log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--home", str(home), "--api-base", fake.base_url],
            cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT)
        self.fake = fake

    def wait_ready(self, timeout: float = 300) -> ServeProcess:
        if not self.fake.polling.wait(timeout):
            raise AssertionError(f"xxgk serve did not start:\n{self.log.read_text()[-3000:]}")
        return self

    def stop(self, timeout: float = 60) -> int:
        self.proc.terminate()
        self.fake.wake_pollers()
        try:
            return self.proc.wait(timeout)
        finally:
            self._log_file.close()
