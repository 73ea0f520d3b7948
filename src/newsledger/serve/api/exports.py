"""``/api/v1/export/{format}``: the incidents that pass the filters, in any export format of the CLI."""

from __future__ import annotations

import io

from fastapi import APIRouter, Depends, Path
from fastapi.responses import Response

from newsledger.export.incidents import INCIDENT_FORMATS, write_incidents
from newsledger.ledger import Ledger
from newsledger.serve.api.filters import Filters, filters
from newsledger.serve.deps import get_ledger, reader
from newsledger.serve.models import Error

router = APIRouter(tags=["export"], dependencies=[Depends(reader)])
MEDIA = {
    "csv": "text/csv; charset=utf-8", "acled": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
    "plover": "application/x-ndjson", "geojson": "application/geo+json",
}
SUFFIX = {"csv": "csv", "acled": "acled.csv", "jsonl": "jsonl", "plover": "plover.jsonl", "geojson": "geojson"}


@router.get("/export/{fmt}", responses={200: {"content": {m: {} for m in set(MEDIA.values())}},
                                        400: {"model": Error}, 401: {"model": Error}, 422: {"model": Error}},
            summary="Export incidents")
def export_incidents(
    fmt: str = Path(pattern="^(" + "|".join(INCIDENT_FORMATS) + ")$", description=", ".join(INCIDENT_FORMATS)),
    found: Filters = Depends(filters),
    ledger: Ledger = Depends(get_ledger),
) -> Response:
    """Every incident that passes the filters, as the CLI's ``export --format`` writes it."""
    out = io.StringIO(newline="")
    write_incidents(ledger.incidents(found.where, found.as_of), out, fmt)
    name = f"newsledger-incidents.{SUFFIX[fmt]}"
    return Response(out.getvalue(), media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
