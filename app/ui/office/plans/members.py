"""A group's members: all reporting units, or the units ticked in a list.

The plan file says ``"members": "all"`` or a list of unit codes (an empty list: a group of
bodies outside the plan's units, such as the district governments). Each tick is one undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QListView, QVBoxLayout, QWidget

from app.ui.common.retranslate import Retranslating
from app.ui.office.plans import pointers as jp
from app.ui.office.plans.document import PlanDocument
from app.ui.office.plans.marks import PlanChecks

_Index = QModelIndex | QPersistentModelIndex


class MembersModel(QAbstractListModel):
    """Every unit of the plan, ticked when it is a member of the bound group."""

    def __init__(self, doc: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.pointer: str | None = None  # /groups/i/members
        doc.reset.connect(self._reset)
        doc.value_changed.connect(self._changed)
        doc.inserted.connect(self._structure)
        doc.removed.connect(self._structure)

    def bind(self, pointer: str | None) -> None:
        self.beginResetModel()
        self.pointer = pointer
        self.endResetModel()

    def units(self) -> list[dict[str, Any]]:
        return [u for u in self.doc.rows("/units") if isinstance(u, dict)]

    def members(self) -> Any:
        return self.doc.value(self.pointer) if self.pointer else jp.MISSING

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.pointer is None else len(self.units())

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.doc.read_only or self.members() == "all":
            return base
        return base | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        units = self.units()
        if not index.isValid() or index.row() >= len(units):
            return None
        unit = units[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{unit.get('short_name') or unit.get('id')}（{unit.get('name', '')}）"
        if role == Qt.ItemDataRole.CheckStateRole:
            members = self.members()
            ticked = members == "all" and unit.get("reports") is not False
            ticked = ticked or (isinstance(members, list) and unit.get("id") in members)
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        members = self.members()
        if role != Qt.ItemDataRole.CheckStateRole or self.pointer is None:
            return False
        if not isinstance(members, list) or self.doc.read_only:
            return False
        unit = self.units()[index.row()].get("id")
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        order = [u.get("id") for u in self.units()]
        chosen = {m for m in members if m != unit} | ({unit} if on else set())
        ordered = [u for u in order if u in chosen] + [m for m in members if m not in order]
        return self.doc.set_value(self.pointer, ordered)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _changed(self, pointer: str) -> None:
        if self.pointer is not None and (
            jp.under(pointer, self.pointer) or jp.under(pointer, "/units")
        ):
            self._reset()

    def _structure(self, list_pointer: str, _row: int) -> None:
        if list_pointer in ("/units", "/groups"):
            self._reset()


class MembersPanel(Retranslating, QWidget):
    def __init__(self, doc: PlanDocument, checks: PlanChecks, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.caption = QLabel()
        self.all_box = QCheckBox()
        self.all_box.setObjectName("groupAll")
        self.model = MembersModel(doc, self)
        self.view = QListView()
        self.view.setObjectName("groupMembers")
        self.view.setModel(self.model)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.all_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self.all_box.clicked.connect(self._all_clicked)
        self.model.modelReset.connect(self._show)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("本组成员"))
        self.all_box.setText(self.tr("全部报送单位（以后新增的单位也算）"))
        self.note.setText(
            self.tr(
                "不勾选任何单位：本组单位不在本方案的成员单位中（如各区政府），不向本系统报送。"
            )
        )

    def bind(self, pointer: str | None) -> None:
        self.model.bind(pointer)

    def _show(self) -> None:
        members = self.model.members()
        self.all_box.setChecked(members == "all")
        bound = self.model.pointer is not None
        self.all_box.setEnabled(bound and not self.doc.read_only)
        self.view.setEnabled(bound)

    def _all_clicked(self, on: bool) -> None:
        if self.model.pointer is None:
            return
        if on:
            self.doc.set_value(self.model.pointer, "all")
        else:  # from "all" to the reporting units, ticked one by one from here
            reporting = [u.get("id") for u in self.model.units() if u.get("reports") is not False]
            self.doc.set_value(self.model.pointer, reporting)

    def focus(self) -> None:
        self.view.setFocus()
