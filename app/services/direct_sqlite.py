"""The import's merge statements executed on SQLite's own connection (issue 17).

SQLAlchemy Core costs ~50 µs per statement around ~5 µs of SQLite's work; a file's merge is a
dozen statements. Each statement is still built and compiled by SQLAlchemy, once, and its
values go through the very bind and result processors SQLAlchemy applies (the UTC times, the
booleans, the column defaults): only the per-execution machinery is skipped. The transaction
is the connection's own. Used for the batch import on SQLite; PostgreSQL and the dry run keep
the Core path (tests/services/test_direct_merge.py compares the rows both paths write).

Each file is its own savepoint: it is applied whole or not at all. With ``group`` > 1 the
savepoints of several files share one transaction (BEGIN ... COMMIT), committed when it holds
``group`` files or is ``group_s`` old, and whenever the caller asks (``settle``): a commit
writes every page a file touched (~30 for a submission, ~0.3 ms here), and files of one
group share their index, log and audit pages. The caller reports a file only once its group
is committed, so nothing it reported can be lost.
"""

from __future__ import annotations

import sqlite3
import time
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, exc
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.selectable import Select

Processor = Callable[[Any], Any] | None
_REQUIRED = object()  # a parameter the caller must give
_CACHE_MAX = 256  # a statement built per call must not grow a cache forever


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # the parameters, in the order of the "?" marks
    binds: tuple[Processor, ...]
    fixed: tuple[Any, ...]  # the statement's own value of each parameter (.values(x=1))
    defaults: tuple[tuple[str, Any], ...]  # (name, column default) of columns not given
    row: Any  # a named tuple class of the selected columns (None: no rows)
    results: tuple[Processor, ...]


class Rows:
    """What the merge reads from a result: ``first()``, ``all()``, ``scalar_one()``,
    ``scalar()``, ``rowcount``."""

    def __init__(self, rows: list[Any], rowcount: int = -1) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def all(self) -> list[Any]:
        return self._rows

    def scalar_one(self) -> Any:
        (row,) = self._rows
        return row[0]


class DirectSqlite:
    """Executes Core statements on the SQLite connection under ``conn``."""

    def __init__(self, conn: Connection, *, group: int = 1, group_s: float = 0.1) -> None:
        self.dialect = conn.dialect
        self.group, self.group_s = group, group_s
        self._grouped = 0  # files in the open transaction
        self._opened = 0.0  # when it began (time.monotonic)
        self._savepoint = False
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        self.raw = raw
        # Compiled once per process, not per batch (17 statements: ~10 ms, a fifth of a
        # millisecond per file of a 50-file batch): what a statement compiles to depends on
        # the dialect's class and the SQLite version it found, nothing else of a connection.
        key = (type(self.dialect), self.dialect.server_version_info, self.dialect.paramstyle)
        self._compiled = _COMPILED.setdefault(key, {})

    # -- the transaction: one savepoint per file, several files per commit ----------------
    def begin(self) -> None:
        """A file's work begins (inside the group's transaction, opened if need be)."""
        if not self.raw.in_transaction:
            self.raw.execute("BEGIN IMMEDIATE")  # the write lock first: see write_locked
            self._grouped, self._opened = 0, time.monotonic()
            return  # the group's first file: undone by rolling the transaction back
        self.raw.execute("SAVEPOINT file")
        self._savepoint = True

    def commit(self) -> None:
        """The file's work is done: it joins the group, committed now if the group is full."""
        if self._savepoint:
            self.raw.execute("RELEASE file")
            self._savepoint = False
        self._grouped += 1
        if self._grouped >= self.group or time.monotonic() - self._opened >= self.group_s:
            self.settle()

    def rollback(self) -> None:
        """Undo the file's work; the group's finished files stay."""
        if self._savepoint:
            self._savepoint = False
            self.raw.execute("ROLLBACK TO file")
            self.raw.execute("RELEASE file")
        if self.raw.in_transaction and not self._grouped:
            self.raw.execute("ROLLBACK")

    def settle(self) -> None:
        """Commit the finished files of the group (nothing to do outside one, nor while a
        file's work is under way: its savepoint is still open)."""
        if self._savepoint or not self.raw.in_transaction:
            return
        self.raw.execute("COMMIT")
        self._grouped = 0

    @property
    def write_locked(self) -> bool:
        """Inside a file's work the connection holds SQLite's write lock: every group's
        transaction begins IMMEDIATE (what import_merge.lock_store takes otherwise)."""
        return self.raw.in_transaction

    @property
    def settled(self) -> bool:
        """Every finished file is committed."""
        return not self.raw.in_transaction

    # -- statements ------------------------------------------------------------------------
    def execute(
        self,
        stmt: ClauseElement,
        params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    ) -> Rows:
        """One execution with ``params`` (a mapping, or none), or one per mapping of a list."""
        many = isinstance(params, Sequence)
        rows: Sequence[Mapping[str, Any]] = (
            params if isinstance(params, Sequence) else [params or {}]
        )
        if not rows:
            return Rows([])
        c = self._compile(stmt, tuple(rows[0]) if isinstance(stmt, Insert) else ())
        values = [self._values(c, r) for r in rows]
        try:
            if many and len(values) > 1:
                self.raw.executemany(c.sql, values)
                return Rows([])
            cur = self.raw.execute(c.sql, values[0])
            got = cur.fetchall()
        except sqlite3.IntegrityError as e:  # as Core raises it: the importer retries on it
            raise exc.IntegrityError(c.sql, values[0], e) from e
        if c.row is None:
            return Rows([tuple(r) for r in got], cur.rowcount)
        procs = c.results
        return Rows(
            [c.row(*(v if p is None else p(v) for v, p in zip(r, procs, strict=True))) for r in got]
        )

    def as_session(self) -> Session:
        """For a helper written against a Session that only runs statements on its
        connection (app.services.audit.record)."""
        return cast(Session, _SessionOf(self))

    def _values(self, c: _Compiled, row: Mapping[str, Any]) -> tuple[Any, ...]:
        if c.defaults:
            row = {**{k: _default(d) for k, d in c.defaults}, **row}
        out = []
        for n, p, fixed in zip(c.names, c.binds, c.fixed, strict=True):
            v = row[n] if n in row or fixed is _REQUIRED else fixed
            out.append(v if p is None else p(v))
        return tuple(out)

    def _compile(self, stmt: ClauseElement, keys: tuple[str, ...]) -> _Compiled:
        found = self._compiled.get((stmt, keys))
        if found is not None:
            return found
        d = self.dialect
        compiled = stmt.compile(dialect=d, column_keys=list(keys) if keys else None)
        assert isinstance(compiled, SQLCompiler)
        names = tuple(compiled.positiontup or ())
        binds = tuple(compiled.binds[n].type.dialect_impl(d).bind_processor(d) for n in names)
        fixed = tuple(
            _REQUIRED if compiled.binds[n].required else compiled.binds[n].effective_value
            for n in names
        )
        prefetch = getattr(compiled, "insert_prefetch", ()) or ()
        defaults = tuple((col.key, col.default) for col in prefetch)
        row: Any = None
        results: tuple[Processor, ...] = ()
        if isinstance(stmt, Select):
            cols = list(stmt.selected_columns)
            row = namedtuple("Row", [col.key for col in cols])  # type: ignore[misc,no-redef]
            results = tuple(col.type.dialect_impl(d).result_processor(d, None) for col in cols)
        found = _Compiled(compiled.string, names, binds, fixed, defaults, row, results)
        if len(self._compiled) >= _CACHE_MAX:
            self._compiled.clear()
        self._compiled[(stmt, keys)] = found
        return found


_COMPILED: dict[tuple[Any, ...], dict[tuple[ClauseElement, tuple[str, ...]], _Compiled]] = {}


@dataclass(frozen=True)
class _SessionOf:
    direct: DirectSqlite

    def connection(self) -> DirectSqlite:
        return self.direct


def _default(default: Any) -> Any:
    """A column's Python-side default, as SQLAlchemy fills it in for a row without it."""
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)  # wrapped by SQLAlchemy to take the execution context
    return default.arg
