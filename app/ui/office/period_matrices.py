"""Every period's matrix, each read from the store the first time a page asks for it.

The window used to read all five periods' matrices before the first view had its data; the
matrix page shows one period (its rows are that period's tasks), the charts the chosen one,
the status line the chosen one. Read on demand, a start reads the period shown and the ones
searched for data after it, not all five (docs/design.md §6). One mapping per refresh, as
before: pages compare it by identity to know whether the data changed, and a matrix once read
stays the one every page sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from app.ui.common.periods import period_due

if TYPE_CHECKING:
    from app.services.consolidation import Matrix


class PeriodMatrices(Mapping[str, "Matrix"]):
    """The periods' codes in plan order; a matrix is loaded at its first look-up."""

    def __init__(self, periods: Iterable[str], load: Callable[[str], Matrix]) -> None:
        self._periods = tuple(periods)
        self._known = frozenset(self._periods)
        self._load = load
        self._loaded: dict[str, Matrix] = {}

    def __getitem__(self, period: str) -> Matrix:
        matrix = self._loaded.get(period)
        if matrix is None:
            if period not in self._known:
                raise KeyError(period)
            matrix = self._loaded[period] = self._load(period)
        return matrix

    def __contains__(self, period: object) -> bool:
        return period in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._periods)

    def __len__(self) -> int:
        return len(self._periods)

    def read_with(self, load: Callable[[str], Matrix]) -> None:
        """Read the periods not read yet with ``load`` (the store's, after the first view's)."""
        self._load = load

    def loaded(self) -> list[str]:
        """The periods read so far (for tests)."""
        return [p for p in self._periods if p in self._loaded]


def default_period(matrices: Mapping[str, Any], periods: list[Any], today: date) -> str | None:
    """The latest period anyone reported for; before any report, the one now due. From the
    last period back: the earlier ones' matrices need not be read (they load on demand)."""
    for p in reversed(periods):
        if p.code in matrices and any(
            c.status is not None for c in matrices[p.code].cells.values()
        ):
            return str(p.code)
    return period_due(periods, today)
