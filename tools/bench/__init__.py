"""The performance benchmarks of docs/design.md §6 (``python -m tools.bench``; see
docs/benchmarks.md)."""
