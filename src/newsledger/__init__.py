"""newsledger: news reports in, a sourced ledger of incidents and claims out."""

__version__ = "0.1.0"
