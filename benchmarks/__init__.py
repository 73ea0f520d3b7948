"""Benchmarks on the public data in ``../shared/data``; see BENCHMARKS.md."""
