"""The office's merged view of one period: the task x unit matrix, a task's detail with its
version history, the indicator board, the submission tracker and the figures behind charts.

Only current versions (``Submission.is_current``) feed the matrix, the details and the board;
superseded versions appear only in a task's history. Every loader opens one session, runs a
handful of queries (never one per cell) and returns frozen dataclasses.

Definitions (shared by the window, the report and the assessment):
- effective percent of an entry: the percent the clerk gave; else 100 for 已完成 and 0 for
  未启动; unknown (None) for 推进中/滞后 without a percent.
- completion by section / unit: the mean effective percent of the entries reported for the
  period (entries with an unknown percent left out); 0.0 where nothing was reported.
- a target's actual on the board: see ``board``.

Modules: ``labels`` (words and the effective percent), ``current`` (the queries every view
starts from), ``matrix_types`` and ``matrix``, ``detail``, ``board``, ``tracking``, ``charts``,
``sources``. Callers import from the package; each name loads its module at its first use (the
office's first view needs the matrix's types, and none of the queries: docs/design.md §6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.lazy_names import lazy_names

if TYPE_CHECKING:
    from app.services.consolidation.board import (
        BOARD_STATES,
        BoardRow,
        indicator_board,
    )
    from app.services.consolidation.charts import (
        completion_by_section,
        completion_by_unit,
        status_counts,
        submissions_over_time,
    )
    from app.services.consolidation.detail import (
        TargetActual,
        TaskDetail,
        UnitEntryDetail,
        VersionInfo,
        parse_targets,
        period_details,
        target_actuals,
        task_detail,
    )
    from app.services.consolidation.labels import (
        NOT_REPORTED,
        effective_percent,
        section_label,
        source_text,
        status_label,
    )
    from app.services.consolidation.matrix import (
        load_matrix,
    )
    from app.services.consolidation.matrix_types import (
        Matrix,
        MatrixCell,
        matrix_units,
    )
    from app.services.consolidation.sources import (
        SourceInfo,
        current_sources,
    )
    from app.services.consolidation.tracking import (
        STATE_LABELS,
        Tracker,
        TrackerRow,
        tracker,
    )

_LAZY = {
    "BOARD_STATES": "app.services.consolidation.board",
    "BoardRow": "app.services.consolidation.board",
    "Matrix": "app.services.consolidation.matrix_types",
    "MatrixCell": "app.services.consolidation.matrix_types",
    "NOT_REPORTED": "app.services.consolidation.labels",
    "STATE_LABELS": "app.services.consolidation.tracking",
    "SourceInfo": "app.services.consolidation.sources",
    "TargetActual": "app.services.consolidation.detail",
    "TaskDetail": "app.services.consolidation.detail",
    "Tracker": "app.services.consolidation.tracking",
    "TrackerRow": "app.services.consolidation.tracking",
    "UnitEntryDetail": "app.services.consolidation.detail",
    "VersionInfo": "app.services.consolidation.detail",
    "completion_by_section": "app.services.consolidation.charts",
    "completion_by_unit": "app.services.consolidation.charts",
    "current_sources": "app.services.consolidation.sources",
    "effective_percent": "app.services.consolidation.labels",
    "indicator_board": "app.services.consolidation.board",
    "load_matrix": "app.services.consolidation.matrix",
    "matrix_units": "app.services.consolidation.matrix_types",
    "parse_targets": "app.services.consolidation.detail",
    "period_details": "app.services.consolidation.detail",
    "section_label": "app.services.consolidation.labels",
    "source_text": "app.services.consolidation.labels",
    "status_counts": "app.services.consolidation.charts",
    "status_label": "app.services.consolidation.labels",
    "submissions_over_time": "app.services.consolidation.charts",
    "target_actuals": "app.services.consolidation.detail",
    "task_detail": "app.services.consolidation.detail",
    "tracker": "app.services.consolidation.tracking",
}


__getattr__ = lazy_names(__name__, _LAZY, globals())


__all__ = [
    "BOARD_STATES",
    "NOT_REPORTED",
    "STATE_LABELS",
    "BoardRow",
    "Matrix",
    "MatrixCell",
    "SourceInfo",
    "TargetActual",
    "TaskDetail",
    "Tracker",
    "TrackerRow",
    "UnitEntryDetail",
    "VersionInfo",
    "completion_by_section",
    "completion_by_unit",
    "current_sources",
    "effective_percent",
    "indicator_board",
    "load_matrix",
    "matrix_units",
    "parse_targets",
    "period_details",
    "section_label",
    "source_text",
    "status_counts",
    "status_label",
    "submissions_over_time",
    "target_actuals",
    "task_detail",
    "tracker",
]
