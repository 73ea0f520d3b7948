"""The API's request and response bodies, as pydantic models (they make the OpenAPI schema).

One incident is the typed :class:`~newsledger.incident.IncidentRecord`, the
same ``newsledger-incident/1`` JSON the exports write; lists carry
:class:`IncidentSummary`, the flat columns a list, a map point or a timeline
needs, so a page of a large ledger never loads every incident's sources.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from newsledger.incident import IncidentRecord, IncidentVersion


class Error(BaseModel):
    """Every error the API answers: what is wrong and what to do, one line."""

    error: str
    status: int


class IncidentSummary(BaseModel):
    """One incident in a list: its flat fields (see ``newsledger-incident/1`` for their meaning)."""

    id: str
    event_type: str | None
    sub_event_type: str | None
    date_start: str | None
    date_end: str | None
    country_code: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    fatalities_min: int | None
    fatalities_max: int | None
    fatalities_conservative: int | None
    injured_min: int | None
    injured_max: int | None
    arrested_min: int | None
    arrested_max: int | None
    grade: str | None
    independent_sources: int | None
    reports: int
    contested: str | None
    updated_at: str


class IncidentPage(BaseModel):
    """A page of incidents; ask for ``next`` (or pass ``next_cursor`` as ``cursor``) for the one after."""

    items: list[IncidentSummary]
    total: int = Field(description="incidents matching the filters, on every page")
    next_cursor: str | None
    next: str | None = Field(description="the URL of the next page; null on the last")


class IncidentOut(BaseModel):
    """One incident: the typed record, the ids it was reached through (merged away), and its history."""

    model_config = ConfigDict(populate_by_name=True)

    incident: IncidentRecord
    reached_through: list[str] = Field(description="ids merged into this one that the request named")
    history: list[IncidentVersion]


class Change(BaseModel):
    """One change to the ledger: a new version of an incident."""

    seq: int = Field(description="the feed position; pass the last one seen as `after` to resume")
    at: str
    incident_id: str
    version: int
    kind: Literal["new", "updated", "merged", "split", "corrected", "retired"]
    status: str
    replaced_by: str | None
    reason: str


class ChangePage(BaseModel):
    items: list[Change]
    next: str | None = Field(description="the URL that resumes after the last change here; null when none")


class ArticleOut(BaseModel):
    """One stored article: its latest extraction (``newsledger/1``) and the incident each event joined."""

    extraction: dict[str, Any] = Field(description="the newsledger/1 object: article, text, every extraction with offsets")
    incidents: dict[str, str] = Field(description="event id -> incident id, or 'none: why'")


class MergeIn(BaseModel):
    incident_ids: list[str] = Field(min_length=2, max_length=100)
    note: str | None = Field(default=None, max_length=2000)


class SplitIn(BaseModel):
    incident_id: str = Field(max_length=200)
    members: list[str] = Field(min_length=1, max_length=1000, description="report keys or article ids to take out")
    note: str | None = Field(default=None, max_length=2000)


class CorrectIn(BaseModel):
    incident_id: str = Field(max_length=200)
    field: Literal["sub_event_type", "date", "actor1", "actor2", "fatalities", "injured", "arrested"]
    value: Annotated[str, StringConstraints(max_length=500)] | int = Field(
        description="the right value; a date as YYYY-MM-DD or START/END")
    note: str | None = Field(default=None, max_length=2000)


class DecisionOut(BaseModel):
    """What a decision left: the incident(s) now holding the reports, and the decision's change."""

    incident_id: str
    other_id: str | None = Field(default=None, description="a split's new incident")


__all__ = [
    "ArticleOut", "Change", "ChangePage", "CorrectIn", "DecisionOut", "Error", "IncidentOut", "IncidentPage",
    "IncidentSummary", "MergeIn", "SplitIn",
]
