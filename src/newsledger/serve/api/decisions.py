"""``/api/v1/decisions/merge|split|correct``: a reviewer's decisions, the same ledger calls as the CLI's."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from newsledger.errors import LedgerError, NotFoundError
from newsledger.ledger import Ledger
from newsledger.serve.accounts import User
from newsledger.serve.deps import ApiError, get_ledger, reviewer
from newsledger.serve.models import CorrectIn, DecisionOut, Error, MergeIn, SplitIn

router = APIRouter(prefix="/decisions", tags=["decisions"])
ERRORS = {400: {"model": Error}, 401: {"model": Error}, 403: {"model": Error}, 404: {"model": Error}}


def _decide(call):
    try:
        return call()
    except NotFoundError as exc:
        raise ApiError(404, str(exc)) from None
    except LedgerError as exc:
        raise ApiError(400, str(exc)) from None


@router.post("/merge", response_model=DecisionOut, responses=ERRORS, summary="Merge incidents")
def merge(body: MergeIn, user: User = Depends(reviewer), ledger: Ledger = Depends(get_ledger)) -> DecisionOut:
    """Join incidents that are one event; later updates keep them together."""
    merged = _decide(lambda: ledger.merge(body.incident_ids, body.note, by=user.name))
    return DecisionOut(incident_id=merged)


@router.post("/split", response_model=DecisionOut, responses=ERRORS, summary="Split reports out of an incident")
def split(body: SplitIn, user: User = Depends(reviewer), ledger: Ledger = Depends(get_ledger)) -> DecisionOut:
    """Take reports (member keys or article ids) out into an incident of their own; later updates keep them apart."""
    rest, new = _decide(lambda: ledger.split(body.incident_id, body.members, body.note, by=user.name))
    return DecisionOut(incident_id=rest, other_id=new)


@router.post("/correct", response_model=DecisionOut, responses=ERRORS, summary="Correct one field")
def correct(body: CorrectIn, user: User = Depends(reviewer), ledger: Ledger = Depends(get_ledger)) -> DecisionOut:
    """Set one field by hand; kept over later reports until corrected again."""
    _decide(lambda: ledger.correct(body.incident_id, body.field, body.value, body.note, by=user.name))
    return DecisionOut(incident_id=body.incident_id)
