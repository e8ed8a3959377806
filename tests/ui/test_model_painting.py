"""A table paints each cell with one call into the model (``RecordTableModel.multiData``), and paints
exactly what Qt's one-call-per-role path paints.

Qt's item delegates ask for seven roles per cell at every repaint. Each call from Qt into Python
waits its turn for the interpreter while a worker reads, so a participant switch that lands during a
refresh paid that wait ~1,250 times (``benchmarks/bench_gui.py``). The proxies the worklist and the
participant list sit behind pass the whole request on to the model as well."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView

from ln_scheduler.services.records import WorklistItem
from ln_scheduler.ui.models.timeline_model import TimelineModel
from ln_scheduler.ui.models.worklist_model import WorklistModel, WorklistProxy
from tests.support.sample_records import sample_participant

TODAY = date(2027, 2, 10)


def counting(model_class: type, *, one_call_per_cell: bool) -> Any:
    """``model_class`` that counts the calls Qt makes into its ``data()`` (those not made by the
    model's own ``multiData``); without ``one_call_per_cell`` it has Qt's own ``multiData``, which
    calls ``data()`` once per role."""

    class Counted(model_class):  # type: ignore[misc, valid-type]
        if not one_call_per_cell:
            multiData = QAbstractTableModel.multiData

        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            self.calls: Counter[str] = Counter()

        def data(self, index: Any, role: int = 0) -> Any:
            caller = sys._getframe(1).f_code.co_name
            self.calls["from its multiData" if caller == "multiData" else "from Qt"] += 1
            return super().data(index, role)

    return Counted


class PerRoleProxy(WorklistProxy):
    """The worklist's proxy with Qt's own ``multiData``: one call into the model per role."""

    multiData = QSortFilterProxyModel.multiData


def painted(model: Any, shown: Any = None) -> QImage:
    view = QTableView()
    view.setModel(shown if shown is not None else model)
    view.resize(1100, 520)
    for column in range(model.columnCount()):
        view.setColumnWidth(column, 150)
    view.show()
    model.calls.clear()
    image = view.grab().toImage()
    view.deleteLater()
    return image


@pytest.fixture
def participant() -> Any:
    return sample_participant(today=TODAY, done_through=date(2027, 2, 5))


def test_the_timeline_paints_each_cell_with_one_call_and_the_same_pixels(qtbot: Any, participant: Any) -> None:
    one = counting(TimelineModel, one_call_per_cell=True)(TODAY)
    per_role = counting(TimelineModel, one_call_per_cell=False)(TODAY)
    for model in (one, per_role):
        model.set_rows(participant.visits)
    image = painted(one)
    calls = Counter(one.calls)
    assert painted(per_role) == image  # bold window, grey proposed dates, status marks: all alike
    assert calls["from Qt"] == 0 and calls["from its multiData"] >= 7 * len(participant.visits)
    assert per_role.calls["from Qt"] >= 7 * len(participant.visits)


def test_the_worklist_behind_its_proxy_paints_each_cell_with_one_call(qtbot: Any, participant: Any) -> None:
    items = [WorklistItem(participant.id, participant.initials, v) for v in participant.visits[:12]]
    models = []
    for one_call in (True, False):
        model = counting(WorklistModel, one_call_per_cell=one_call)()
        proxy = WorklistProxy() if one_call else PerRoleProxy()
        proxy.setSourceModel(model)
        model.set_rows(items)
        models.append((model, proxy))
    (one, one_proxy), (per_role, per_role_proxy) = models
    image = painted(one, one_proxy)
    calls = Counter(one.calls)
    assert painted(per_role, per_role_proxy) == image
    assert calls["from Qt"] == 0 and calls["from its multiData"] >= 7 * len(items)
    assert per_role.calls["from Qt"] >= 7 * len(items)
