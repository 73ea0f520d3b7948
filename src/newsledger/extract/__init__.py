"""Extractors: each reads a spaCy ``Doc`` of an article and returns typed mentions.

One module per kind of fact. Each module exposes ``VERSION`` (``"times.v1"``),
recorded with every stored row, one ``extract_*`` function, and an
``EXTRACTOR`` declaring its name, version, needs and the fields it sets
(:mod:`newsledger.extract.registry`). The pipeline (:mod:`newsledger.pipeline`)
runs them in the dependency order those declarations give and records a
failure of one extractor against the article without stopping the others.
"""
