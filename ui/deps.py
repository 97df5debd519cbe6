"""What the HTTP routes share, below both the app factory (``ui.api``) and the routers (``ui.routes``): the app's
objects as FastAPI dependencies, the key check, and the request limits."""

from __future__ import annotations

import hashlib
import secrets

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.errors import UserError
from assistant.settings import Settings

MODEL_ID = "pmg-assistant"
JSON_BODY_LIMIT = 128 * 1024  # bytes; room for a long chat history, while a 200,000-character message is refused


class AuthError(UserError):
    status_code = 401


class ForbiddenError(UserError):
    status_code = 403


bearer = HTTPBearer(auto_error=False, description="The server's PMG_API_KEY, when one is configured.")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_assistant(request: Request):
    return request.app.state.assistant


def get_uploads(request: Request):
    return request.app.state.uploads


def same_key(given: str | None, key: str) -> bool:
    """Constant-time comparison, whatever the lengths (both sides hashed first: compare_digest of strings of
    different lengths returns early)."""
    digest = lambda text: hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()  # noqa: E731
    return secrets.compare_digest(digest(given or ""), digest(key))


def require_key(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    """With ``settings.api_key`` set, a matching ``Authorization: Bearer <key>`` header is required; a client
    that keeps failing is slowed down (``ui.security.Throttle``)."""
    key = get_settings(request).api_key
    if not key:
        return
    throttle = request.app.state.throttle
    client = request.client.host if request.client else "?"
    throttle.check(client)
    if creds is None:
        throttle.failed(client)
        raise AuthError("Missing API key: send the header 'Authorization: Bearer <PMG_API_KEY>'.")
    if not same_key(creds.credentials, key):
        throttle.failed(client)
        raise AuthError("Invalid API key.")
    throttle.succeeded(client)


def require_configured_key(request: Request) -> None:
    """Changing the index (upload, delete) is only possible when the server is protected by an API key."""
    if not get_settings(request).api_key:
        raise ForbiddenError("Uploading and deleting documents is disabled: configure an API key (PMG_API_KEY) "
                             "on the server to enable it.")
