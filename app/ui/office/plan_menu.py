"""工作方案 in the office window: opens the plans window (a window of its own, since drawing
up a year's plan is an afternoon's work beside the daily pages), and tells the office window
when a plan was published so its period selector shows the new periods."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.ui.common.retranslate import Retranslating

if TYPE_CHECKING:
    from app.models.store import Store
    from app.ui.office.plans.window import PlansWindow


class PlanMenu(Retranslating, QMenu):
    def __init__(
        self,
        parent: QWidget,
        store: Callable[[], Store | None],
        on_published: Callable[[str], Any],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planMenu")
        self._store, self._on_published = store, on_published
        self.window_: PlansWindow | None = None
        self.open_action = QAction(self)
        self.open_action.setObjectName("openPlans")
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.open_action.triggered.connect(lambda _checked=False: self.open_plans())
        self.addAction(self.open_action)
        parent.addAction(self.open_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("工作方案(&L)"))
        self.open_action.setText(self.tr("管理工作方案(&M)…"))
        self.open_action.setToolTip(self.tr("新建、复制、导入、修订和发布工作方案（Ctrl+Shift+L）"))

    def set_enabled(self, on: bool) -> None:
        self.open_action.setEnabled(on)

    def open_plans(self) -> PlansWindow | None:
        """Show the plans window (made on first use, kept while the office window lives)."""
        store = self._store()
        if store is None:
            return None
        if self.window_ is None or self.window_.store is not store:
            from app.ui.office.actor import current_actor
            from app.ui.office.plans.window import PlansWindow

            window = PlansWindow(store, self.parentWidget(), actor=current_actor(store))
            window.setWindowFlag(Qt.WindowType.Window, True)
            window.published.connect(self._on_published)
            self.window_ = window
        self.window_.show()
        self.window_.raise_()
        self.window_.activateWindow()
        return self.window_
