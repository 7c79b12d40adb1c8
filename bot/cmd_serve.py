"""`xxgk serve`: run the Telegram bot (token from TELEGRAM_BOT_TOKEN, admins from XXGK_ADMIN_IDS)."""

from __future__ import annotations

import argparse
import logging
import sys

HOW_TO_GET_A_TOKEN = """\
xxgk serve: TELEGRAM_BOT_TOKEN is not set.

To get a token: open Telegram, message @BotFather, send /newbot, choose a name and a username
ending in "bot". BotFather replies with a token like 123456789:AAE...; then run

    export TELEGRAM_BOT_TOKEN=123456789:AAE...
    export XXGK_ADMIN_IDS=111111111          # optional: your numeric user id (ask @userinfobot)
    xxgk serve
"""


def run(args: argparse.Namespace) -> int:
    from telegram.error import InvalidToken

    from bot.telegram.app import BadSetting, MissingToken, Settings, build_application
    from bot.telegram.app import run as run_bot

    try:
        settings = Settings.from_env(home=args.home, api_base=args.api_base)
    except MissingToken:
        print(HOW_TO_GET_A_TOKEN, file=sys.stderr)
        return 2
    except BadSetting as e:
        print(f"xxgk serve: {e}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs every request at INFO
    try:
        run_bot(build_application(settings), webhook=args.webhook, port=args.port)
    except InvalidToken:
        print("xxgk serve: Telegram rejected TELEGRAM_BOT_TOKEN. Check it with @BotFather (/token) and set it again.",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C while still waiting for the Bot API
        return 130
    return 0
