"""`xxgk serve` as an operator starts it: settings from the environment, clear messages when they are wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.telegram.app import BadSetting, MissingToken, Settings

ROOT = Path(__file__).resolve().parent.parent


def serve(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "XXGK_ADMIN_IDS")}
    return subprocess.run([sys.executable, "-m", "bot.cli", "serve", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_missing_token_says_how_to_get_one_and_exits_2():
    result = serve({})
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr and "@BotFather" in result.stderr


def test_bad_admin_ids_exit_2_and_say_what_is_expected():
    result = serve({"TELEGRAM_BOT_TOKEN": "1:x", "XXGK_ADMIN_IDS": "alice"})
    assert result.returncode == 2
    assert result.stderr == "xxgk serve: XXGK_ADMIN_IDS must be numeric Telegram user ids separated by commas, " \
                            "not 'alice'\n"


def test_settings_from_environment():
    settings = Settings.from_env(home="/h", api_base="http://127.0.0.1:81/",
                                 environ={"TELEGRAM_BOT_TOKEN": " 1:x ", "XXGK_ADMIN_IDS": "12, 34,"})
    assert settings == Settings(token="1:x", home="/h", admins=frozenset({12, 34}), api_base="http://127.0.0.1:81")
    with pytest.raises(MissingToken):
        Settings.from_env(home=None, api_base=None, environ={})
    with pytest.raises(BadSetting):
        Settings.from_env(home=None, api_base=None, environ={"TELEGRAM_BOT_TOKEN": "1:x", "XXGK_MAX_RATE": "fast"})
    slow = {"TELEGRAM_BOT_TOKEN": "1:x", "XXGK_ANSWER_TIMEOUT": "20"}
    assert Settings.from_env(home=None, api_base=None, environ=slow).answer_timeout == 20.0
    with pytest.raises(BadSetting):
        Settings.from_env(home=None, api_base=None, environ={**slow, "XXGK_ANSWER_TIMEOUT": "0"})
    charts = {"TELEGRAM_BOT_TOKEN": "1:x", "XXGK_CHART_CHAT": "-1001234"}
    assert Settings.from_env(home=None, api_base=None, environ=charts).chart_chat == -1001234
    with pytest.raises(BadSetting):
        Settings.from_env(home=None, api_base=None, environ={**charts, "XXGK_CHART_CHAT": "@my_channel"})


def test_api_base_is_used_for_methods_and_files():
    from bot.telegram.app import build_application

    app = build_application(Settings(token="1:x", api_base="http://127.0.0.1:9"), library=object())  # type: ignore[arg-type]
    assert app.bot.base_url == "http://127.0.0.1:9/bot1:x"
    assert app.bot.base_file_url == "http://127.0.0.1:9/file/bot1:x"


def test_every_bot_command_and_setting_is_in_the_readme():
    from bot.telegram.commands import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"/{command.name}" in readme, f"README never mentions the bot command /{command.name}"
    for variable in ("TELEGRAM_BOT_TOKEN", "XXGK_ADMIN_IDS", "XXGK_WORKERS", "XXGK_MAX_RATE", "XXGK_ANSWER_TIMEOUT",
                     "XXGK_CHART_CHAT", "--api-base", "--webhook", "/setinline"):
        assert variable in readme, f"README never mentions {variable}"


@pytest.mark.slow
def test_serve_waits_for_an_unreachable_api_with_one_line_per_try_then_runs(tmp_path):
    import socket
    import time

    from fakebotapi import FakeBotApi
    from telegram_harness import ServeProcess

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    unreachable = FakeBotApi(port=port)  # not started yet: nothing listens on the port
    bot = ServeProcess(unreachable, tmp_path / "home")
    try:
        deadline = time.monotonic() + 30
        while bot.log.read_text().count("not reachable") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        with unreachable:
            bot.wait_ready(120)
            reply = unreachable.reply_to(unreachable.send_text(5, "/help"), 30)
            assert "/start" in reply.text
            assert bot.stop() == 0
    finally:
        if bot.proc.poll() is None:
            bot.proc.kill()
    log = bot.log.read_text()
    tries = [line for line in log.splitlines() if "not reachable" in line]
    assert len(tries) >= 2 and "retrying in 1 s" in tries[0] and "retrying in 2 s" in tries[1]
    assert f"http://127.0.0.1:{port} not reachable" in tries[0] and unreachable.token not in log
    assert "Traceback" not in log
