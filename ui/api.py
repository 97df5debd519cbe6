"""The HTTP surface: one FastAPI app with the OpenAI-compatible API under /v1, the plain JSON API under /api,
/healthz, offline /docs, and (optionally) the Gradio chat mounted at /.

Every route calls the one core (``assistant.service.Assistant``); errors are translated in one place
(``UserError`` -> its status code, with an OpenAI-style body ``{"error": {"message", "type"}}``).
Routes are plain ``def``: the core is CPU-bound and synchronous, so FastAPI runs them in its threadpool.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY
from starlette.routing import Match, Mount

from assistant.errors import NotFoundError, TooManyAttemptsError, UserError
from assistant.settings import Settings
from ui.deps import JSON_BODY_LIMIT, require_key
from ui.routes.feedback import BODY_LIMIT as FEEDBACK_LIMIT
from ui.security import GuardLogin, Hardening, Throttle

log = logging.getLogger("pmg.api")

DOCS_STATIC = "/static-docs"

ERROR_TYPES = {
    400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error",
    405: "invalid_request_error", 409: "conflict_error", 413: "request_too_large", 415: "invalid_request_error",
    422: "invalid_request_error", 429: "rate_limit_error", 503: "service_unavailable", 500: "server_error",
}


class MethodNotAllowedError(UserError):
    status_code = 405


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": ERROR_TYPES.get(status, "invalid_request_error")}},
                        status_code=status, headers=headers)


# --- error translation -----------------------------------------------------------------------------------


def _where(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header"):
        return f"{parts[0]} parameter '{'.'.join(parts[1:])}'"
    if parts and parts[0] == "body":
        parts = parts[1:]
    return "body" if not parts else "field '" + ".".join(parts) + "'"


def describe_validation(errors: list[dict]) -> tuple[int, str]:
    """A readable message (and 400 or 422) for FastAPI's validation errors."""
    first = errors[0] if errors else {"type": "", "loc": (), "msg": "invalid request"}
    if first["type"] == "json_invalid":
        err = (first.get("ctx") or {}).get("error", "")
        pos = first["loc"][1] if len(first["loc"]) > 1 else "?"
        return 400, f"Malformed JSON in the request body: {err} (at character {pos})."
    if first["type"] == "missing" and tuple(first["loc"]) == ("body",):
        return 400, "The request body is empty: send a JSON object (Content-Type: application/json)."
    messages = []
    for e in errors[:5]:
        msg = e["msg"]
        if e["type"] == "missing":
            msg = "field required"
        messages.append(f"{_where(tuple(e['loc']))}: {msg}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return 422, "Invalid request: " + "; ".join(messages) + more + "."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        if isinstance(exc, TooManyAttemptsError):
            headers = {"Retry-After": str(exc.retry_after)}
        elif isinstance(exc, MethodNotAllowedError):
            headers = {"Allow": exc.args[1]}
            return error_response(405, exc.args[0], headers)
        return error_response(exc.status_code, str(exc), headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        status, message = describe_validation(list(exc.errors()))
        return error_response(status, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 413:
            limit = request.scope.get(MAX_BODY_SIZE_SCOPE_KEY)
            message = f"The request body is too large: the limit is {limit:,} bytes." if limit else \
                "The request body is too large."
        elif exc.status_code == 404:
            message = f"Not found: {request.method} {request.url.path}."
        elif exc.status_code == 405:
            message = f"Method {request.method} is not allowed on {request.url.path}."
        return error_response(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, f"Internal error ({type(exc).__name__}); the server log has the details.")


class ContentLengthLimit:
    """Refuses a too-large API request from its Content-Length, before reading the body, with the JSON error.

    (The routes' own ``max_body_size`` limits also count bodies sent without a length.)"""

    def __init__(self, app, settings: Settings, upload_limit: int) -> None:
        self.app = app
        self.settings = settings
        self.upload_limit = upload_limit

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path.startswith(("/v1/", "/api/")) and scope.get("method") in ("POST", "PUT", "PATCH"):
            length = dict(scope.get("headers") or []).get(b"content-length", b"")
            size = int(length) if length.isdigit() else 0
            message = None
            if path.rstrip("/") == "/api/documents":
                if size > self.upload_limit:
                    message = (f"The upload is too large ({size / 2**20:.1f} MB); the limit is "
                               f"{self.settings.max_upload_mb:g} MB (PMG_MAX_UPLOAD_MB).")
            else:
                limit = FEEDBACK_LIMIT if path.rstrip("/") == "/api/feedback" else JSON_BODY_LIMIT
                if size > limit:
                    message = f"The request body is too large ({size:,} bytes); the limit is {limit:,} bytes."
            if message:
                await error_response(413, message)(scope, receive, send)
                return
        await self.app(scope, receive, send)


# --- docs, served from local assets ------------------------------------------------------------------------


def docs_assets_dir() -> Path:
    """Swagger UI and ReDoc files, shipped by the fastapi-offline package (no CDN at run time)."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def install_docs(app: FastAPI) -> None:
    app.mount(DOCS_STATIC, StaticFiles(directory=docs_assets_dir()), name="static-docs")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} - API",
            oauth2_redirect_url=app.swagger_ui_oauth2_redirect_url,
            swagger_js_url=f"{DOCS_STATIC}/swagger-ui-bundle.js", swagger_css_url=f"{DOCS_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_STATIC}/favicon.png",
        )

    @app.get(app.swagger_ui_oauth2_redirect_url, include_in_schema=False)
    def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title} - API",
                              redoc_js_url=f"{DOCS_STATIC}/redoc.standalone.js",
                              redoc_favicon_url=f"{DOCS_STATIC}/favicon.png", with_google_fonts=False)


# --- the factory ---------------------------------------------------------------------------------------------


def create_app(settings: Settings, assistant=None, *, ui: bool = True) -> FastAPI:
    """The app `pmg serve` runs. ``assistant`` may be passed in (tests share one); ``ui=False`` leaves out Gradio."""
    from assistant.service import Assistant
    from ingest.uploads import Uploads
    from ui.links import PREFIX, Links
    from ui.routes import core, examples, feedback, openai_compat, sources

    assistant = assistant or Assistant(settings)
    app = FastAPI(
        title="Preventie met Gezag assistant",
        version="0.1.0",
        description="Grounded answers from the documents of the programme Preventie met Gezag. "
                    "OpenAI-compatible chat under /v1; plain JSON under /api. With PMG_API_KEY set, send it as a "
                    "bearer token.",
        docs_url=None, redoc_url=None,
    )
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.throttle = Throttle()
    app.state.uploads = uploads = Uploads(settings, assistant)
    uploads.recover()  # what a killed server left half-done, before the first request
    install_error_handlers(app)
    install_docs(app)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict:
        """Always 200: ``status`` is "ok" with the number of documents, or "no-index". Names no paths."""
        try:
            return {"status": "ok", "documents": len(assistant.store.documents())}
        except UserError:
            return {"status": "no-index", "documents": 0, "message": "No index yet: run `pmg ingest` first."}

    app.include_router(openai_compat.router(), prefix="/v1", dependencies=[Depends(require_key)])
    app.include_router(core.router(settings), prefix="/api", dependencies=[Depends(require_key)])
    app.include_router(examples.router(), prefix="/api", dependencies=[Depends(require_key)])
    app.include_router(feedback.router(), prefix="/api", dependencies=[Depends(require_key)])
    app.state.links = links = Links(settings)
    app.include_router(sources.router(links), prefix=PREFIX)  # signed links from the chat: no bearer token

    @app.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown_route(request: Request, rest: str) -> None:
        """Keeps unknown API paths from falling through to the chat app mounted at /; a known path asked with
        another method is a 405 that says which methods it takes."""
        allowed = [m for m in ("GET", "POST", "DELETE") if m != request.method and any(
            r.matches(request.scope | {"method": m})[0] == Match.FULL for r in app.routes if r not in catch_alls and not isinstance(r, Mount))]
        if allowed:
            raise MethodNotAllowedError(f"Method {request.method} is not allowed on {request.url.path}; use "
                                        f"{' or '.join(allowed)}.", ", ".join(allowed))
        raise NotFoundError(f"No route {request.method} {request.url.path}; the API is described at /docs.")

    catch_alls = [r for r in app.routes if "{rest:path}" in getattr(r, "path", "")]

    if ui:
        import gradio as gr

        from ui.chat_assets import CSS, HEAD_JS, I18N, DutchPage
        from ui.chat_ui import build_ui, gradio_auth

        blocks = build_ui(assistant, settings, uploads, links)
        # mounted last: the mount at "/" catches every path the routes above do not
        gr.mount_gradio_app(app, blocks, path="/", auth=gradio_auth(settings), ssr_mode=False, css=CSS,
                            head=HEAD_JS, i18n=gr.I18n(**I18N),
                            max_file_size=int(settings.max_upload_mb * 1024 * 1024),
                            theme=gr.themes.Default(), footer_links=["api"], show_error=True,
                            auth_message="Log in met een willekeurige naam en de toegangssleutel van de beheerder "
                                         "als wachtwoord.")
        # Gradio checks that a file an event is given was uploaded by a user (lies in its upload folder) only
        # once `has_launched` is set, which `launch()` does and a mounted app never does: without it, an event
        # called by number with {"path": "/any/server/file"} reads that file. The flag has no other use in Gradio.
        blocks.has_launched = True
    # Only the origins configured may call the API or the chat from a browser page (none by default: the chat's
    # own page is same-origin). A CORS policy of the parent app also switches Gradio's own off, which would let
    # any page on another localhost port call the chat with the user's login cookie.
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
                       allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(ContentLengthLimit, settings=settings, upload_limit=core.upload_limit(settings))
    app.add_middleware(GuardLogin, throttle=app.state.throttle)
    if ui:
        app.add_middleware(DutchPage)
    app.add_middleware(Hardening)
    return app

