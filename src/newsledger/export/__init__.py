"""Exports of stored extractions: one ``newsledger/1`` object per line (``jsonl``) or one row per mention (``csv``).

Both take the dicts that :meth:`newsledger.store.Store.iter_results` yields (or
``ExtractionResult.to_dict()``), so an export never needs the database itself.
"""
