"""The pages: incidents, map, timeline, one incident, one article, login (being written)."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

router = APIRouter()


def error_page(request: Request, status: int, message: str) -> Response:
    body = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{escape(message)}</p>"
    return HTMLResponse(body, status_code=status)
