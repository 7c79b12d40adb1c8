"""A fake Telegram Bot API server on loopback, speaking the real Bot API over HTTP.

The bot under test is the real application (python-telegram-bot, real httpx requests) pointed at this
server with `--api-base`. Tests push updates (messages, documents, button presses) into the queue the
bot long-polls with getUpdates, and wait for what the bot sends. The server checks what Telegram checks
where a bot can get it wrong: message length (4096 UTF-16 units after parsing), HTML parse mode
(allowed tags, balanced, every `<` and `&` escaped), callback data ≤ 64 bytes, "message is not
modified". It can answer a fraction of send calls with HTTP 429 and `retry_after`, like Telegram's
flood control.

It runs on its own event loop in a background thread, so synchronous tests and the benchmark drive it
with plain calls: `FakeBotApi().start()`, `send_text(...)`, `wait_for(...)`, `stop()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web

log = logging.getLogger("fakebotapi")

TOKEN = "123456789:TEST-token_for-the-fake-server"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "xxgk test bot", "username": "xxgk_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}

# Parameters that are strings on the wire even when they look like JSON ("123" stays a text).
_STRING_PARAMS = {"text", "caption", "parse_mode", "callback_query_id", "file_id", "url", "action",
                  "language_code", "inline_message_id", "secret_token", "emoji", "inline_query_id", "photo"}
_SEND_METHODS = {"sendMessage", "editMessageText", "answerCallbackQuery", "sendChatAction",
                 "editMessageReplyMarkup", "deleteMessage", "sendDocument", "sendPhoto", "answerInlineQuery"}
_PNG = b"\x89PNG\r\n\x1a\n"
_ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
                 "a", "tg-emoji", "code", "pre", "blockquote"}
_HTML_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);|[<>&]")


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


def parsed_text(html: str) -> str:
    """The text Telegram shows for an HTML-mode message; raises ApiError where Telegram would."""
    out, stack, pos = [], [], 0
    for m in _HTML_TOKEN.finditer(html):
        out.append(html[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if m.group(2):
            tag = m.group(2).lower()
            if tag not in _ALLOWED_TAGS:
                raise ApiError(400, f"Bad Request: can't parse entities: unsupported start tag \"{tag}\"")
            if m.group(1):
                if not stack or stack.pop() != tag:
                    raise ApiError(400, f"Bad Request: can't parse entities: unexpected end tag \"{tag}\"")
            else:
                stack.append(tag)
        elif m.group(4):
            out.append(unescape(token))
        elif token == ">":
            out.append(token)  # Telegram tolerates a bare '>'
        else:
            raise ApiError(400, f"Bad Request: can't parse entities: unescaped {token!r} at byte offset {m.start()}")
    if stack:
        raise ApiError(400, f"Bad Request: can't parse entities: can't find end tag corresponding to \"{stack[-1]}\"")
    out.append(html[pos:])
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    """One Bot API request the bot made, as the server understood it."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when it arrived
    status: int = 200
    result: Any = None

    @property
    def chat_id(self) -> int | None:
        cid = self.params.get("chat_id")
        return int(cid) if cid is not None else None

    @property
    def text(self) -> str:
        """The message's text, or a photo's caption."""
        return str(self.params.get("text", self.params.get("caption", "")))

    @property
    def buttons(self) -> list[dict]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    @property
    def reply_to(self) -> int | None:
        rp = self.params.get("reply_parameters") or {}
        return rp.get("message_id") or self.params.get("reply_to_message_id")


@dataclass
class _State:
    updates: list[dict] = field(default_factory=list)
    pushed_at: dict[int, float] = field(default_factory=dict)  # message_id of a user's message -> time pushed
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # file_id -> (file_path, content)
    messages: dict[tuple[int, int], dict] = field(default_factory=dict)
    commands: dict[str, list[dict]] = field(default_factory=dict)


class FakeBotApi:
    def __init__(self, token: str = TOKEN, *, flood_ratio: float = 0.0, retry_after: int = 1, seed: int = 0,
                 port: int = 0):
        self.token = token
        self.flood_ratio = flood_ratio
        self.retry_after = retry_after
        self.flooded_chats: dict[int, tuple[int, int]] = {}  # chat -> (retry_after, how many more 429s)
        self.photos: dict[str, bytes] = {}  # file_id -> the PNG uploaded
        self.calls: list[Call] = []
        self.floods = 0
        self.unknown_methods: list[str] = []
        self.polling = threading.Event()  # set by the first getUpdates or setWebhook: the bot is listening
        self.webhook: tuple[str, str | None] | None = None  # (url, secret token) once setWebhook was called
        self._rng = random.Random(seed)
        self._state = _State()
        self._ids = itertools.count(1)
        self._marks: dict[int, int] = {}  # message_id of a user's message -> call-log length when pushed
        self._lock = threading.Lock()  # guards calls and _waiters
        self._waiters: list[tuple[Callable[[Call], bool], list[Call], threading.Event]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = port  # 0: any free port

    # -- lifecycle -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeBotApi:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), name="fakebotapi", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Bot API server did not start")
        return self

    def stop(self) -> None:
        if self._loop and self._runner:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(10)

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._setup())
        ready.set()
        self._loop.run_forever()
        self._loop.close()

    async def _setup(self) -> None:
        self._new_update = asyncio.Condition()
        app = web.Application(client_max_size=50 * 2**20)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    # -- what tests push -------------------------------------------------------------------------
    def send_text(self, chat_id: int, text: str, *, user_id: int | None = None,
                  language_code: str | None = "en") -> dict:
        """A user writes `text` in a private chat; returns the Message object pushed."""
        msg = self._user_message(chat_id, user_id, language_code)
        msg["text"] = text
        command = re.match(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?(?![^\s])", text)  # what Telegram marks
        if command:
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command.group(0))}]
        self._push({"message": msg})
        return msg

    def send_document(self, chat_id: int, content: bytes, file_name: str, *, user_id: int | None = None,
                      language_code: str | None = "en", mime_type: str = "text/html",
                      caption: str | None = None) -> dict:
        file_id = f"doc{next(self._ids)}"
        suffix = re.sub(r"[^A-Za-z0-9.]", "", Path(file_name).suffix)[:10]  # Telegram names stored files itself
        self._state.files[file_id] = (f"documents/file_{file_id}{suffix}", content)
        msg = self._user_message(chat_id, user_id, language_code)
        msg["document"] = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                           "mime_type": mime_type, "file_size": len(content)}
        if caption:
            msg["caption"] = caption
        self._push({"message": msg})
        return msg

    def press(self, sent: Call, data: str | None, *, user_id: int | None = None,
              language_code: str | None = "en", forged: bool = False) -> dict:
        """A user presses the inline button with `data` under the bot's message `sent`; `forged`: data no
        button of that message has (a modified client), None for a press without data."""
        if not forged:
            assert data in [b.get("callback_data") for b in sent.buttons], f"no button {data!r} on {sent.text!r}"
        chat_id = sent.chat_id
        assert chat_id is not None
        message = self._state.messages[(chat_id, sent.result["message_id"])]
        query = {"id": str(next(self._ids)), "from": self._user(user_id or chat_id, language_code),
                 "message": message, "chat_instance": str(chat_id)}
        if data is not None:
            query["data"] = data
        self._push({"callback_query": query})
        return query

    def send_inline(self, user_id: int, text: str, *, language_code: str | None = "en") -> dict:
        """A user types "@bot text" in some chat: an inline query."""
        query = {"id": str(next(self._ids)), "from": self._user(user_id, language_code), "query": text,
                 "offset": "", "chat_type": "group"}
        self._push({"inline_query": query})
        return query

    def flood_chat(self, chat_id: int, retry_after: int, times: int = 1) -> None:
        """The next `times` sends to `chat_id` are answered 429 "retry after `retry_after`" (per-chat flood)."""
        self.flooded_chats[chat_id] = (retry_after, times)

    def photo_bytes(self, call: Call) -> bytes:
        """The PNG a sendPhoto call carried: uploaded, or re-sent by the file id of an earlier upload."""
        photo = call.params["photo"]
        return photo if isinstance(photo, bytes) else self.photos[photo]

    def _user(self, user_id: int, language_code: str | None) -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": f"user{user_id}"}
        if language_code:
            user["language_code"] = language_code
        return user

    def _user_message(self, chat_id: int, user_id: int | None, language_code: str | None) -> dict:
        return {"message_id": next(self._ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": f"user{chat_id}"},
                "from": self._user(user_id or chat_id, language_code)}

    def _push(self, update: dict) -> None:
        assert self._loop is not None, "start() the server first"

        async def push() -> None:
            assert self._new_update is not None
            update["update_id"] = next(self._ids)
            msg = update.get("message")
            if msg:
                self._state.pushed_at[msg["message_id"]] = time.monotonic()
                self._marks[msg["message_id"]] = self.mark()
            if self.webhook:
                await self._deliver(update)
                return
            async with self._new_update:
                self._state.updates.append(update)
                self._new_update.notify_all()

        asyncio.run_coroutine_threadsafe(push(), self._loop).result(30)

    def wake_pollers(self) -> None:
        """Ends the long polls now (empty answers), so a stopping bot need not wait out its timeout."""
        assert self._loop is not None

        async def wake() -> None:
            assert self._new_update is not None
            async with self._new_update:
                self._new_update.notify_all()

        asyncio.run_coroutine_threadsafe(wake(), self._loop).result(10)

    def pushed_at(self, message_id: int) -> float:
        return self._state.pushed_at[message_id]

    # -- what tests observe ----------------------------------------------------------------------
    def wait_for(self, predicate: Callable[[Call], bool], timeout: float = 30, *, since: int = 0) -> Call:
        """The first successful call (from index `since` on) that matches; waits up to `timeout` s.
        Each waiter is woken only by its own match, so many waiting chats cost no thundering herd."""
        found: list[Call] = []
        event = threading.Event()
        waiter = (predicate, found, event)
        with self._lock:
            for call in self.calls[since:]:
                if call.status == 200 and predicate(call):
                    return call
            self._waiters.append(waiter)
        if not event.wait(timeout):
            with self._lock:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
            if not found:
                raise TimeoutError(f"no matching Bot API call within {timeout}s; last calls: "
                                   + "; ".join(f"{c.method} {c.params}"[:200] for c in self.calls[-5:]))
        return found[0]

    def reply_to(self, msg: dict, timeout: float = 30, methods: tuple[str, ...] = ("sendMessage", "sendPhoto")) -> Call:
        """The bot's first message (a text or a photo) answering the user's message `msg`: one that quotes
        it, or the first unquoted message to that chat after `msg` was pushed."""
        chat_id, mid = msg["chat"]["id"], msg["message_id"]
        return self.wait_for(lambda c: c.method in methods and c.chat_id == chat_id
                             and c.reply_to in (mid, None), timeout, since=self._marks[mid])

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.status == 200 and (method is None or c.method == method)
                    and (chat_id is None or c.chat_id == chat_id)]

    def mark(self) -> int:
        """An index into the call log, to wait only for calls made after this point."""
        with self._lock:
            return len(self.calls)

    # -- the Bot API -----------------------------------------------------------------------------
    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        call = Call(method, params, time.monotonic())
        try:
            if method in _SEND_METHODS and self.flood_ratio and self._rng.random() < self.flood_ratio:
                self.floods += 1
                raise ApiError(429, f"Too Many Requests: retry after {self.retry_after}",
                               {"retry_after": self.retry_after})
            self._chat_flood(method, params)
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                log.warning("fake Bot API: unknown method %s %s — answering ok", method, params)
                self.unknown_methods.append(method)
                result: Any = True
            else:
                result = await handler(params)
        except ApiError as e:
            call.status, call.result = e.code, e.description
            self._record(call)
            body: dict[str, Any] = {"ok": False, "error_code": e.code, "description": e.description}
            if e.parameters:
                body["parameters"] = e.parameters
            return web.json_response(body, status=e.code)
        call.result = result
        self._record(call)
        return web.json_response({"ok": True, "result": result})

    def _chat_flood(self, method: str, params: dict) -> None:
        chat = params.get("chat_id")
        if method not in _SEND_METHODS or method == "sendChatAction" or chat is None:
            return
        retry_after, times = self.flooded_chats.get(int(chat), (0, 0))
        if times <= 0:
            return
        self.flooded_chats[int(chat)] = (retry_after, times - 1)
        self.floods += 1
        raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})

    def _record(self, call: Call) -> None:
        if call.method == "getUpdates":
            return
        with self._lock:
            self.calls.append(call)
            if call.status != 200:
                return
            for waiter in [w for w in self._waiters if w[0](call)]:
                self._waiters.remove(waiter)
                waiter[1].append(call)
                waiter[2].set()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        raw = dict(request.query)
        files: dict[str, bytes] = {}
        if request.can_read_body:
            for k, v in (await request.post()).items():
                if isinstance(v, str):
                    raw[k] = v
                else:
                    files[k] = v.file.read()
        params: dict[str, Any] = {}
        for k, v in raw.items():
            if isinstance(v, str) and v.startswith("attach://") and v[9:] in files:
                params[k] = files.pop(v[9:])
                continue
            if k in _STRING_PARAMS:
                params[k] = v
                continue
            try:
                params[k] = json.loads(v)
            except ValueError:
                params[k] = v
        params.update(files)
        return params

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for file_path, content in self._state.files.values():
            if file_path == path:
                return web.Response(body=content)
        return web.Response(status=404)

    async def _api_getMe(self, p: dict) -> dict:
        return BOT_USER

    async def _api_deleteWebhook(self, p: dict) -> bool:
        self.webhook = None
        return True

    async def _api_setWebhook(self, p: dict) -> bool:
        self.webhook = (p["url"], p.get("secret_token"))
        self.polling.set()
        return True

    async def _deliver(self, update: dict) -> None:
        """Webhook mode: POST the update to the bot, as Telegram does (retried until it is accepted)."""
        assert self.webhook is not None
        url, secret = self.webhook
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        async with ClientSession() as session:
            for _ in range(50):
                try:
                    async with session.post(url, json=update, headers=headers) as response:
                        if response.status == 200:
                            return
                except OSError:
                    pass
                await asyncio.sleep(0.2)
        log.error("fake Bot API: webhook %s did not accept update %s", url, update["update_id"])

    async def _api_getUpdates(self, p: dict) -> list[dict]:
        assert self._new_update is not None
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                           "use deleteWebhook to delete the webhook first")
        self.polling.set()
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        async with self._new_update:
            self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
            if not self._state.updates and timeout > 0:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._new_update.wait(), timeout)
            return self._state.updates[:limit]

    async def _api_setMyCommands(self, p: dict) -> bool:
        self._state.commands[self._command_scope(p)] = p.get("commands", [])
        return True

    async def _api_getMyCommands(self, p: dict) -> list[dict]:
        return self._state.commands.get(self._command_scope(p), [])

    async def _api_deleteMyCommands(self, p: dict) -> bool:
        self._state.commands.pop(self._command_scope(p), None)
        return True

    @staticmethod
    def _command_scope(p: dict) -> str:
        return json.dumps([p.get("scope") or {"type": "default"}, p.get("language_code") or ""], sort_keys=True)

    def commands(self, language_code: str = "", scope: dict | None = None) -> list[dict]:
        return self._state.commands.get(self._command_scope({"scope": scope, "language_code": language_code}), [])

    async def _api_sendChatAction(self, p: dict) -> bool:
        self._chat(p)
        return True

    async def _api_sendMessage(self, p: dict) -> dict:
        chat = self._chat(p)
        self._check_text(p)
        msg = {"message_id": next(self._ids), "date": int(time.time()), "chat": chat, "from": BOT_USER,
               "text": parsed_text(p["text"]) if p.get("parse_mode") == "HTML" else p["text"]}
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        self._state.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    async def _api_editMessageText(self, p: dict) -> dict:
        chat = self._chat(p)
        self._check_text(p)
        msg = self._state.messages.get((chat["id"], int(p.get("message_id", 0))))
        if msg is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = parsed_text(p["text"]) if p.get("parse_mode") == "HTML" else p["text"]
        if text == msg["text"] and p.get("reply_markup") == msg.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and "
                           "reply markup are exactly the same as a current content and reply markup of the message")
        msg = {**msg, "text": text, "edit_date": int(time.time())}
        msg.pop("reply_markup", None)
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        self._state.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    async def _api_sendPhoto(self, p: dict) -> dict:
        chat = self._chat(p)
        photo = p.get("photo")
        if isinstance(photo, bytes):
            if not photo.startswith(_PNG):
                raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
            file_id = f"photo{next(self._ids)}"
            self.photos[file_id] = photo
        elif isinstance(photo, str) and photo in self.photos:
            file_id = photo
        else:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption = self._check_caption(p)
        width, height = _png_size(self.photos[file_id])
        msg = {"message_id": next(self._ids), "date": int(time.time()), "chat": chat, "from": BOT_USER,
               "photo": [{"file_id": file_id, "file_unique_id": f"u{file_id}", "width": width, "height": height,
                          "file_size": len(self.photos[file_id])}]}
        if caption:
            msg["caption"] = caption
        if p.get("reply_markup"):
            self._check_buttons(p["reply_markup"])
            msg["reply_markup"] = p["reply_markup"]
        self._state.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    async def _api_answerInlineQuery(self, p: dict) -> bool:
        if not p.get("inline_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        results = p.get("results") or []
        if len(results) > 50 or len({r["id"] for r in results}) != len(results):
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH or RESULT_ID_DUPLICATE")
        for r in results:
            if not 1 <= len(str(r["id"]).encode()) <= 64:
                raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
            content = r.get("input_message_content")
            if content:
                self._check_text({"text": content.get("message_text"), "parse_mode": content.get("parse_mode")})
            if r["type"] == "photo" and r.get("photo_file_id") not in self.photos:
                raise ApiError(400, "Bad Request: wrong file identifier")
            self._check_caption(r)
            self._check_buttons(r.get("reply_markup"))
        return True

    @staticmethod
    def _check_caption(p: dict) -> str:
        caption = p.get("caption") or ""
        shown = parsed_text(caption) if p.get("parse_mode") == "HTML" else caption
        if utf16_len(shown) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        return shown

    async def _api_answerCallbackQuery(self, p: dict) -> bool:
        if not p.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        return True

    async def _api_getFile(self, p: dict) -> dict:
        entry = self._state.files.get(str(p.get("file_id")))
        if entry is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        path, content = entry
        return {"file_id": p["file_id"], "file_unique_id": f"u{p['file_id']}", "file_size": len(content),
                "file_path": path}

    def _chat(self, p: dict) -> dict:
        if "chat_id" not in p:
            raise ApiError(400, "Bad Request: chat_id is empty")
        return {"id": int(p["chat_id"]), "type": "private", "first_name": f"user{p['chat_id']}"}

    @staticmethod
    def _check_text(p: dict) -> None:
        text = p.get("text")
        if not text or not str(text).strip():
            raise ApiError(400, "Bad Request: message text is empty")
        shown = parsed_text(text) if p.get("parse_mode") == "HTML" else text
        if utf16_len(shown) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        FakeBotApi._check_buttons(p.get("reply_markup"))

    @staticmethod
    def _check_buttons(markup: dict | None) -> None:
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                url = button.get("url")
                start = re.search(r"[?&]start=([^&]*)", url or "")
                if start and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", start.group(1)):
                    raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
