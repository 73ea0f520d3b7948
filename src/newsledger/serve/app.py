"""The web application: the API under ``/api/v1`` and the pages, over one store's ledger.

:func:`create_app` wires what every request shares: the :class:`Store` and its
:class:`~newsledger.ledger.Ledger` (``app.state``), signed session cookies
(Starlette's ``SessionMiddleware``, keyed by :func:`~newsledger.serve.accounts.session_key`),
the security headers, static files (the package's own and the front-end
packages fetched from npm at install time, :mod:`newsledger_build`), and the
error answers: ``{"error", "status"}`` JSON under ``/api``, a page elsewhere.
FastAPI's interactive docs are off (they load their scripts from a CDN); the
schema is at ``/api/v1/openapi.json``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

import newsledger
from newsledger.errors import NewsledgerError
from newsledger.ledger import Ledger
from newsledger.serve.accounts import session_key
from newsledger.serve.api import articles, changes, decisions, exports, incidents
from newsledger.serve.deps import ApiError
from newsledger.serve.security import SecurityHeaders
from newsledger.store import Store

LOGGER = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
API = "/api/v1"
SESSION_COOKIE = "newsledger_session"
SESSION_DAYS = 14


@dataclass(frozen=True)
class ServeOptions:
    """How the server behaves: anonymous reading, and whether session cookies are sent over HTTPS only."""

    anonymous_read: bool = True
    secure_cookies: bool = False


def create_app(store: Store, options: ServeOptions = ServeOptions()) -> FastAPI:
    """The application over ``store`` (which the caller opens and closes)."""
    app = FastAPI(
        title="newsledger", version=newsledger.__version__,
        description="A sourced ledger of incidents read from news reports: every value with its evidence.",
        openapi_url=f"{API}/openapi.json", docs_url=None, redoc_url=None,
    )
    store.analyze()
    app.state.store = store
    app.state.ledger = Ledger(store)
    app.state.anonymous_read = options.anonymous_read
    api = APIRouter(prefix=API)
    for module in (incidents, articles, exports, changes, decisions):
        api.include_router(module.router)
    app.include_router(api)
    from newsledger.serve import pages

    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Added last, so it runs first: every response, errors included, gets the headers.
    app.add_middleware(
        SessionMiddleware, secret_key=session_key(store), session_cookie=SESSION_COOKIE,
        max_age=SESSION_DAYS * 86400, same_site="strict", https_only=options.secure_cookies,
    )
    app.add_middleware(SecurityHeaders)
    _error_handlers(app)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _json_error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def _error_handlers(app: FastAPI) -> None:
    from newsledger.serve.pages import error_page

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        if _is_api(request):
            return _json_error(exc.status, exc.message, exc.headers)
        return error_page(request, exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        message = f"bad request: {problems}"[:1000]
        return _json_error(400, message) if _is_api(request) else error_page(request, 400, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.status_code != 404 else f"nothing at {request.url.path[:200]}"
        if _is_api(request):
            return _json_error(exc.status_code, message, getattr(exc, "headers", None))
        return error_page(request, exc.status_code, message)

    @app.exception_handler(NewsledgerError)
    async def ledger_error(request: Request, exc: NewsledgerError) -> Response:
        return _json_error(400, str(exc)) if _is_api(request) else error_page(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        LOGGER.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        message = "internal error: the server's log has the details."
        return _json_error(500, message) if _is_api(request) else error_page(request, 500, message)


__all__ = ["API", "ServeOptions", "create_app"]
