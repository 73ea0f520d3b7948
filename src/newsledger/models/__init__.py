"""Trained models that ship inside the package (read with importlib.resources, never downloaded).

``acled_subtype/``: the ACLED sub-event type classifier used by
:func:`newsledger.extract.event_types.classify_subtypes`; MODEL_CARD.md beside
this file says how it was trained, on what, and how well it does.
"""
