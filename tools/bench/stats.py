"""Timing helpers: repeated runs, median / min / max, and one printed line per figure."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stats:
    """Seconds (or any unit) of repeated runs."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    def scaled(self, factor: float) -> Stats:
        return Stats(tuple(s * factor for s in self.samples))

    def text(self, unit: str = "ms", factor: float = 1000.0, digits: int = 2) -> str:
        m, lo, hi = (f"{x * factor:.{digits}f}" for x in (self.median, self.low, self.high))
        return f"{m} {unit} (min {lo}, max {hi}, n={len(self.samples)})"


@dataclass
class Figure:
    """One benchmark figure: the product's stats, the same-run baseline, and the budget."""

    name: str
    product: Stats
    unit: str = "ms"
    factor: float = 1000.0  # samples are seconds; printed in ms
    baseline: Stats | None = None
    baseline_name: str = ""
    budget_ratio: float | None = None  # product median / baseline median must stay below
    budget_abs: float | None = None  # product median (in samples' unit) must stay below
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.median <= 0:
            return None
        return self.product.median / self.baseline.median

    @property
    def ok(self) -> bool | None:
        if self.budget_ratio is not None:
            r = self.ratio
            return None if r is None else r <= self.budget_ratio
        if self.budget_abs is not None:
            return self.product.median <= self.budget_abs
        return None

    def lines(self) -> list[str]:
        out = [f"{self.name}: {self.product.text(self.unit, self.factor)}"]
        if self.baseline is not None:
            out.append(
                f"    baseline {self.baseline_name}: {self.baseline.text(self.unit, self.factor)}"
            )
        verdict = {True: "OK", False: "OVER BUDGET", None: "(no budget)"}[self.ok]
        if self.budget_ratio is not None and self.ratio is not None:
            out.append(f"    ratio {self.ratio:.2f}x, budget {self.budget_ratio:g}x: {verdict}")
        elif self.budget_abs is not None:
            limit = self.budget_abs * self.factor
            out.append(f"    budget {limit:g} {self.unit}: {verdict}")
        out += [f"    {n}" for n in self.notes]
        return out


def timed(fn: Callable[[], object]) -> float:
    """Wall seconds of one call, with the garbage collector settled first."""
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def repeat(
    runs: int,
    product: Callable[[], object],
    baseline: Callable[[], object] | None = None,
    setup: Callable[[], object] | None = None,
) -> tuple[Stats, Stats | None]:
    """Alternate baseline and product ``runs`` times (noise hits both alike); ``setup`` runs
    untimed before every product run."""
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        if baseline is not None:
            theirs.append(timed(baseline))
        if setup is not None:
            setup()
        ours.append(timed(product))
    return Stats(tuple(ours)), (Stats(tuple(theirs)) if baseline is not None else None)


def print_figures(figures: Sequence[Figure]) -> None:
    for f in figures:
        for line in f.lines():
            print(line, flush=True)
