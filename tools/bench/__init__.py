"""The performance benchmarks of DESIGN.md §6 (``python -m tools.bench``; docs/benchmarks.md)."""
