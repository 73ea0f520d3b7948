"""Extractors: each reads a spaCy ``Doc`` of an article and returns typed mentions.

One module per kind of fact. Each module exposes ``VERSION`` (``"times.v1"``),
recorded with every stored row, and one ``extract_*`` function. The pipeline
(:mod:`newsledger.pipeline`) runs them in dependency order and records a
failure of one extractor against the article without stopping the others.
"""
