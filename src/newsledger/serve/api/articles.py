"""``/api/v1/articles/{id}``: one stored article, its cleaned text and every extraction with its offsets."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from newsledger.ledger import Ledger
from newsledger.serve.deps import ApiError, get_ledger, reader
from newsledger.serve.models import ArticleOut, Error

router = APIRouter(prefix="/articles", tags=["articles"], dependencies=[Depends(reader)])


@router.get("/{article_id}", response_model=ArticleOut,
            responses={401: {"model": Error}, 404: {"model": Error}}, summary="One article")
def one_article(article_id: str, request: Request, ledger: Ledger = Depends(get_ledger)) -> dict[str, Any]:
    """The article's latest extraction as ``newsledger/1`` and the incident each of its events joined."""
    extraction = request.app.state.store.result(article_id)
    if extraction is None:
        raise ApiError(404, f"no article {article_id}.")
    return {"extraction": extraction, "incidents": ledger.article_incidents(article_id)}
