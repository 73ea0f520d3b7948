"""``/api/v1/changes``: the change feed, so another system can follow the ledger without downloading it again."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request

from newsledger.errors import LedgerError
from newsledger.ledger import Ledger
from newsledger.ledger.browse import MAX_PAGE
from newsledger.ledger.queries import parse_moment
from newsledger.serve.deps import ApiError, get_ledger, reader
from newsledger.serve.models import ChangePage, Error

router = APIRouter(tags=["changes"], dependencies=[Depends(reader)])


@router.get("/changes", response_model=ChangePage, responses={400: {"model": Error}, 401: {"model": Error}},
            summary="What changed since then")
def list_changes(
    request: Request,
    since: str | None = Query(None, max_length=60, description="a date or ISO time: changes after it"),
    after: int | None = Query(None, ge=0, le=2**62, description="the last seq seen: changes after it"),
    limit: int = Query(100, ge=1, le=MAX_PAGE),
    ledger: Ledger = Depends(get_ledger),
) -> dict[str, Any]:
    """New, updated, merged, split, corrected and retired incidents, oldest first.

    Poll with ``since`` once, then with ``after`` set to the last ``seq`` (or follow ``next``).
    """
    try:
        items = ledger.changes(parse_moment(since), after, limit)
    except LedgerError as exc:
        raise ApiError(400, str(exc)) from None
    following = None
    if items:
        following = str(request.url_for("list_changes")) + "?" + urlencode({"after": items[-1]["seq"], "limit": limit})
    return {"items": items, "next": following}
