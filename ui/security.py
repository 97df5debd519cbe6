"""What the server does against guessing and against other origins, as small ASGI middlewares and one tracker.

- :class:`Throttle`: after a few failed keys or logins, a client waits, longer with every further failure
  (429 with ``Retry-After``); a success forgets its failures. Counted per client address: behind a reverse proxy
  every client has the proxy's address, so let the proxy limit logins there.
- :class:`GuardLogin`: the chat's login form (Gradio's ``POST /login``) goes through the same throttle.
- :class:`Hardening`: ``X-Content-Type-Options: nosniff`` on every response; the chat may only be framed by
  itself (``frame-ancestors 'self'``); Gradio's bare ``{"detail": "Not Found"}`` becomes the API's error shape.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict

from assistant.errors import TooManyAttemptsError

FREE_FAILURES = 5  # failures in a row before a client has to wait
MAX_WAIT_S = 60.0  # the longest wait: 1 s after the 6th failure, doubling up to this
FORGET_AFTER_S = 15 * 60  # a client's failures are forgotten after this long without one
CLIENTS = 10_000  # clients tracked at most (the oldest are forgotten first)


class Throttle:
    """Failed attempts per client, and how long each must wait."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self._state: OrderedDict[str, tuple[int, float, float]] = OrderedDict()  # failures, last, blocked until
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Raise TooManyAttemptsError while ``client`` must wait."""
        with self._lock:
            failures, last, until = self._state.get(client, (0, 0.0, 0.0))
        now = self.clock()
        if now < until:
            raise TooManyAttemptsError(math.ceil(until - now))

    def failed(self, client: str) -> None:
        now = self.clock()
        with self._lock:
            failures, last, _ = self._state.pop(client, (0, 0.0, 0.0))
            if now - last > FORGET_AFTER_S:
                failures = 0
            failures += 1
            wait = min(2.0 ** (failures - FREE_FAILURES - 1), MAX_WAIT_S) if failures > FREE_FAILURES else 0.0
            self._state[client] = (failures, now, now + wait)
            while len(self._state) > CLIENTS:
                self._state.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._state.pop(client, None)


def _error_body(status: int, message: str, kind: str) -> bytes:
    return json.dumps({"error": {"message": message, "type": kind}}).encode()


async def _send_json(send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] = ()) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class GuardLogin:
    """Gradio's login form through the throttle: a 429 while the client must wait; a 400 counts as a failure."""

    def __init__(self, app, throttle: Throttle) -> None:
        self.app = app
        self.throttle = throttle

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path", "").rstrip("/") != "/login":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        try:
            self.throttle.check(client)
        except TooManyAttemptsError as exc:
            await _send_json(send, 429, _error_body(429, str(exc), "rate_limit_error"),
                             [(b"retry-after", str(exc.retry_after).encode())])
            return
        status = {}

        async def watch(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        if status.get("code") in (400, 401):
            self.throttle.failed(client)
        elif status.get("code") == 200:
            self.throttle.succeeded(client)


class Hardening:
    """Security headers on every response, and the API's error shape for Gradio's bare 404s."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: dict = {}

        async def wrapped(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-content-type-options"]
                headers += [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"SAMEORIGIN")]
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", b"frame-ancestors 'self'"))
                message = message | {"headers": headers}
                if message["status"] == 404 and (b"content-type", b"application/json") in headers:
                    held["start"] = message  # perhaps Gradio's {"detail": "Not Found"}: decided with its body
                    return
            elif message["type"] == "http.response.body" and "start" in held:
                held["body"] = held.get("body", b"") + message.get("body", b"")
                if message.get("more_body"):
                    return
                start, body = held.pop("start"), held.pop("body")
                if body.strip() == b'{"detail":"Not Found"}':
                    body = _error_body(404, f"Not found: {scope.get('method')} {scope.get('path')}.", "not_found_error")
                    await send_whole(send, start, body)
                    return
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, wrapped)


async def send_whole(send, start: dict, body: bytes) -> None:
    """Send a held ``http.response.start`` and a rewritten body, its Content-Length set to the new body's."""
    headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
    await send(start | {"headers": headers + [(b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
