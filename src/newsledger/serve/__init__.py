"""The ledger on the web: the HTTP API (``/api/v1``) and the pages, over the same ledger calls as the CLI.

``newsledger serve`` runs :func:`newsledger.serve.app.create_app` on uvicorn.
Routers are one module per resource under :mod:`newsledger.serve.api`; the
pages are :mod:`newsledger.serve.pages` with Jinja2 templates (autoescaped:
article text is never trusted) and static files served from the package,
front-end packages included (fetched from npm at install time), so nothing
is loaded from the internet.
"""
