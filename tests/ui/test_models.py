"""Table models, without a window: what each column says, how rows sort and filter, and that
every model honours Qt's model contract (pytest-qt's qtmodeltester)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ln_scheduler.domain.participant_status import ParticipantStatus
from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.records import (
    AuditEntry,
    ParticipantSummary,
    ProcedureRecord,
    VisitChange,
    WorklistItem,
)
from ln_scheduler.ui.models import (
    audit_model,
    month_model,
    participant_list_model,
    procedure_checklist_model,
    schedule_preview_model,
    timeline_model,
    worklist_model,
)
from ln_scheduler.ui.models.roles import Role
from tests.support.sample_records import SITE, sample_participant, with_visit

TODAY = date(2027, 2, 10)


@pytest.fixture
def participant():
    return sample_participant(today=TODAY, done_through=date(2027, 2, 5))


def _cell(model, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


# --- timeline ------------------------------------------------------------------------------------
def test_timeline_lists_every_visit_with_dates_and_a_text_status(qtmodeltester, participant):
    model = timeline_model.TimelineModel(TODAY)
    model.set_rows(participant.visits)
    qtmodeltester.check(model)
    assert model.rowCount() == len(participant.visits)
    d7 = [v.code for v in participant.visits].index("D7")
    assert _cell(model, d7, timeline_model.VISIT) == "Day 7"
    assert _cell(model, d7, timeline_model.STUDY_DAY) == "7"
    assert _cell(model, d7, timeline_model.TARGET) == "2027-02-06"
    assert _cell(model, d7, timeline_model.WINDOW) == "2027-02-05 … 02-07"
    assert _cell(model, d7, timeline_model.SCHEDULED) == "Done 2027-02-05 Fri"
    assert _cell(model, d7, timeline_model.STATUS) == "Done"


def test_timeline_marks_the_window_open_today_in_text_not_only_colour(participant):
    model = timeline_model.TimelineModel(TODAY)
    model.set_rows(participant.visits)
    d10 = [v.code for v in participant.visits].index("D10")  # window Feb 8..10, not done
    assert _cell(model, d10, timeline_model.STATUS, Role.CURRENT) is True
    assert _cell(model, d10, timeline_model.STATUS) == "Late · window open"
    assert _cell(model, d10, timeline_model.VISIT, Qt.ItemDataRole.FontRole).bold()
    assert model.current_row() == d10
    d14 = d10 + 1
    assert _cell(model, d14, timeline_model.STATUS, Role.CURRENT) is False
    assert _cell(model, d14, timeline_model.STATUS) == "Upcoming"


def test_timeline_current_window_follows_the_clock(participant):
    model = timeline_model.TimelineModel(TODAY)
    model.set_rows(participant.visits)
    model.set_today(date(2027, 2, 12))
    d14 = [v.code for v in participant.visits].index("D14")
    assert _cell(model, d14, timeline_model.STATUS, Role.CURRENT) is True


def test_timeline_notes_say_closed_day_and_reason(participant):
    record = with_visit(participant, "D1", closed_day=True)
    record = with_visit(record, "D10", status=VisitStatus.MISSED, reason="participant unwell")
    model = timeline_model.TimelineModel(TODAY)
    model.set_rows(record.visits)
    codes = [v.code for v in record.visits]
    assert "site closed" in _cell(model, codes.index("D1"), timeline_model.NOTES)
    assert _cell(model, codes.index("D10"), timeline_model.NOTES) == "participant unwell"
    assert _cell(model, codes.index("D10"), timeline_model.STATUS) == "Missed"


# --- participant list ----------------------------------------------------------------------------
def _summary(pid: str, status: ParticipantStatus, infusion: date | None = None) -> ParticipantSummary:
    return ParticipantSummary(id=pid, initials="ABC", status=status, protocol_id="P", protocol_version="1.0",
                              conditioning_start=None, infusion=infusion)


def test_participant_list_filters_by_status_and_searches_by_id(qtmodeltester):
    model = participant_list_model.ParticipantListModel()
    model.set_rows([
        _summary("104-001", ParticipantStatus.FOLLOW_UP, date(2027, 1, 31)),
        _summary("104-002", ParticipantStatus.SCREENING),
        _summary("104-010", ParticipantStatus.FOLLOW_UP, date(2026, 12, 1)),
        _summary("104-011", ParticipantStatus.WITHDRAWN),
    ])
    proxy = participant_list_model.ParticipantFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)

    def ids() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    proxy.set_status(ParticipantStatus.FOLLOW_UP)
    assert ids() == ["104-001", "104-010"]
    proxy.set_search(" 01 0")  # spaces typed by accident are ignored
    assert ids() == ["104-010"]
    proxy.set_status(None)
    proxy.set_search("104-01")
    assert ids() == ["104-010", "104-011"]
    proxy.set_search("")
    proxy.sort(participant_list_model.INFUSION, Qt.SortOrder.AscendingOrder)
    assert ids()[:2] == ["104-010", "104-001"]  # by date, not by the text of the date


def test_participant_refresh_with_the_same_rows_keeps_the_view_selection():
    model = participant_list_model.ParticipantListModel()
    rows = [_summary("104-001", ParticipantStatus.SCREENING), _summary("104-002", ParticipantStatus.SCREENING)]
    model.set_rows(rows)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_rows([replace(rows[0], status=ParticipantStatus.SCHEDULED), rows[1]])
    assert resets == []
    assert _cell(model, 0, participant_list_model.STATUS) == "Scheduled"
    model.set_rows(rows[:1])
    assert resets == [1]


# --- worklist ------------------------------------------------------------------------------------
def _items(record, codes):
    return [WorklistItem(record.id, record.initials, record.visit(c)) for c in codes]


def test_worklist_pins_overdue_visits_on_top_in_either_sort_order(qtmodeltester, participant):
    overdue = with_visit(participant, "D7", actual=None, status=VisitStatus.OVERDUE)
    items = _items(overdue, ["D10", "D14", "D21", "D7"])
    model = worklist_model.WorklistModel()
    model.set_rows(items)
    proxy = worklist_model.WorklistProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)

    def visits() -> list[str]:
        return [proxy.index(r, worklist_model.VISIT).data() for r in range(proxy.rowCount())]

    proxy.sort(worklist_model.DATE, Qt.SortOrder.AscendingOrder)
    assert visits() == ["Day 7", "Day 10", "Day 14", "Day 21"]
    proxy.sort(worklist_model.DATE, Qt.SortOrder.DescendingOrder)
    assert visits() == ["Day 7", "Day 21", "Day 14", "Day 10"]
    assert proxy.index(0, worklist_model.STATUS).data() == "Overdue"
    assert proxy.index(0, 0).data(Role.PINNED) is True


def test_worklist_search_by_participant(participant):
    other = sample_participant(pid="104-002", today=TODAY)
    model = worklist_model.WorklistModel()
    model.set_rows(_items(participant, ["D10"]) + _items(other, ["SCR"]))
    proxy = worklist_model.WorklistProxy()
    proxy.setSourceModel(model)
    proxy.set_search("002")
    assert proxy.rowCount() == 1
    assert proxy.index(0, worklist_model.PARTICIPANT).data() == "104-002"


# --- month calendar ------------------------------------------------------------------------------
def test_month_grid_holds_visits_per_day_closed_days_and_window_shading(qtmodeltester, participant):
    model = month_model.MonthModel(TODAY, SITE.calendar(), first_weekday=6)  # weeks start on Sunday
    items = [WorklistItem(participant.id, participant.initials, v) for v in participant.visits]
    start, end = (date(2027, 1, 31), date(2027, 3, 13))
    model.set_month(2027, 2, [i for i in items if start <= (i.visit.actual or i.visit.scheduled) <= end])
    qtmodeltester.check(model)
    assert model.visible_range() == (start, end)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Sunday"
    feb15 = model.index_of(date(2027, 2, 15))
    assert feb15.data(Role.CLOSED_REASON) == "Washington's Birthday"
    assert model.index_of(date(2027, 2, 13)).data(Role.CLOSED_REASON) == "Saturday"
    assert model.index_of(date(2027, 2, 12)).data(Role.CLOSED_REASON) is None
    feb12 = model.index_of(date(2027, 2, 12))
    assert [i.visit.code for i in feb12.data(Role.VISITS)] == ["D14"]
    assert "1 visit" in feb12.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index_of(date(2027, 2, 10)).data(Role.IS_TODAY) is True
    assert model.index_of(date(2027, 1, 31)).data(Role.IN_MONTH) is False
    model.set_highlight_window((date(2027, 2, 11), date(2027, 2, 15)))
    shaded = [model.date_at(model.index(r, c)) for r in range(6) for c in range(7)
              if model.index(r, c).data(Role.SHADED)]
    assert shaded == [date(2027, 2, d) for d in range(11, 16)]
    assert model.index_of(date(2027, 5, 1)) == QModelIndex()


# --- audit, preview, checklist -------------------------------------------------------------------
def _audit(seq: int = 7, **fields) -> AuditEntry:
    values = dict(seq=seq, at=datetime(2027, 2, 3, 15, 0, tzinfo=UTC), user="mkeller", workstation="CRU-PC2",
                  action="update", entity="visit", entity_key="104-001/D7#1", participant_id="104-001",
                  field="scheduled", old="2027-02-05", new="2027-02-06", reason="participant request")
    values.update(fields)
    return AuditEntry(**values)  # type: ignore[arg-type]


def test_audit_rows_say_who_changed_what_and_why_in_words(qtmodeltester):
    model = audit_model.AuditModel()
    model.set_rows([_audit()])
    qtmodeltester.check(model)
    assert _cell(model, 0, audit_model.WHAT) == "Visit D7"
    assert _cell(model, 0, audit_model.FIELD) == "Scheduled date"  # a label, not the column name
    assert (_cell(model, 0, audit_model.OLD), _cell(model, 0, audit_model.NEW)) == ("2027-02-05 Fri", "2027-02-06 Sat")
    assert _cell(model, 0, audit_model.REASON) == "participant request"
    assert _cell(model, 0, audit_model.USER) == "mkeller"
    assert "CRU-PC2" in _cell(model, 0, audit_model.USER, Qt.ItemDataRole.ToolTipRole)
    assert "Stored as: 2027-02-06" in _cell(model, 0, audit_model.NEW, Qt.ItemDataRole.ToolTipRole)


def test_audit_shows_created_records_as_sentences_not_json():
    outcome = _audit(8, action="insert", entity="procedure", entity_key="104-001/D7#1/PK", field="outcome", old=None,
                     new='{"done":false,"not_done_reason":"sample haemolysed","time_done":null,"sample_id":null}',
                     reason=None)
    done = _audit(9, action="insert", entity="procedure", entity_key="104-001/D7#1/VS", field="outcome", old=None,
                  new='{"done":true,"not_done_reason":null,"time_done":"09:05","sample_id":"T-0412"}', reason=None)
    visit = _audit(10, action="insert", field="visit", old=None, reason=None,
                   new='{"target":"2027-02-06","earliest":"2027-02-05","latest":"2027-02-07",'
                       '"scheduled":"2027-02-05","actual":null,"state":"open"}')
    booked = _audit(11, field="booked", old="no", new="yes", reason=None)
    corrected = _audit(12, action="correct", field="actual", old="2027-02-01", new=None, reason="wrong participant")
    model = audit_model.AuditModel()
    model.set_rows([outcome, done, visit, booked, corrected])
    new = [_cell(model, r, audit_model.NEW) for r in range(5)]
    assert new[0] == "PK: not done (sample haemolysed)"
    assert new[1] == "VS: done at 09:05, tube / result T-0412"
    assert new[2] == "Target 2027-02-06 Sat, window 2027-02-05 … 02-07, scheduled 2027-02-05 Fri"
    assert new[3] == "Yes"
    assert not any("{" in text or "_" in text for text in new)
    assert [_cell(model, r, audit_model.WHAT) for r in (0, 2)] == ["PK at D7", "Visit D7"]
    assert _cell(model, 0, audit_model.FIELD) == "Outcome"
    assert _cell(model, 0, audit_model.OLD) == ""  # nothing before a created record
    assert _cell(model, 4, audit_model.FIELD) == "Done on: corrected"
    assert (_cell(model, 4, audit_model.OLD), _cell(model, 4, audit_model.NEW)) == ("2027-02-01 Mon", "—")
    assert '"not_done_reason":"sample haemolysed"' in _cell(model, 0, audit_model.NEW, Qt.ItemDataRole.ToolTipRole)


def test_schedule_preview_says_which_booked_appointments_fall_outside_their_window(qtmodeltester):
    moved = VisitChange(code="D7", occurrence=1, name="Day 7", old_target=date(2027, 2, 6),
                        new_target=date(2027, 2, 9), old_earliest=date(2027, 2, 5), new_earliest=date(2027, 2, 8),
                        old_latest=date(2027, 2, 7), new_latest=date(2027, 2, 10), old_scheduled=date(2027, 2, 5),
                        new_scheduled=date(2027, 2, 9), old_study_day=7, new_study_day=7, booked=True, rebook=True)
    suggested = replace(moved, code="D10", name="Day 10", booked=False, rebook=False)
    model = schedule_preview_model.SchedulePreviewModel()
    model.set_rows([moved, suggested])
    qtmodeltester.check(model)
    assert _cell(model, 0, schedule_preview_model.SCHEDULED) == "2027-02-05 Fri → 02-09 Tue"
    assert "outside the new window" in _cell(model, 0, schedule_preview_model.ACTION)
    assert _cell(model, 1, schedule_preview_model.ACTION) == "Suggested date moves"
    assert _cell(model, 0, 0, Qt.ItemDataRole.FontRole).bold()


def test_checklist_starts_with_nothing_recorded_and_requires_a_reason_for_not_done(qtmodeltester):
    protocol = load_default_protocol()
    visit = protocol.visit("D7")
    model = procedure_checklist_model.ProcedureChecklistModel()
    model.set_rows(procedure_checklist_model.rows_for(visit.procedures, protocol.procedures))
    qtmodeltester.check(model)
    c = procedure_checklist_model
    assert model.rowCount() == len(visit.procedures)
    assert model.unrecorded() == list(visit.procedures)  # a first entry ticks nothing: Enter cannot record all
    assert model.outcomes() == {}
    assert all(_cell(model, r, col, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
               for r in range(model.rowCount()) for col in c.CHECK_COLUMNS)
    pk = [r.code for r in model.rows()].index("PK")
    assert not model.flags(model.index(pk, c.REASON)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(pk, c.NOT_DONE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.missing_reasons() == [protocol.procedure_name("PK")]
    assert model.flags(model.index(pk, c.REASON)) & Qt.ItemFlag.ItemIsEditable
    model.setData(model.index(pk, c.REASON), "sample haemolysed")
    assert not model.setData(model.index(0, c.TIME), "25:99")
    assert model.setData(model.index(0, c.TIME), "9:05")
    assert model.missing_reasons() == []
    assert "PK" not in model.unrecorded()
    model.mark_remaining_done()  # the explicit "Mark remaining done": PK keeps its not-done reason
    assert model.unrecorded() == []
    outcomes = model.outcomes()
    assert outcomes["PK"].done is False and outcomes["PK"].not_done_reason == "sample haemolysed"
    assert outcomes[model.rows()[0].code].time == time(9, 5)
    assert all(o.done for code, o in outcomes.items() if code != "PK")
    assert set(outcomes) == set(visit.procedures)


def test_checklist_done_and_not_done_exclude_each_other_and_unticking_leaves_it_unrecorded():
    c = procedure_checklist_model
    model = c.ProcedureChecklistModel()
    model.set_rows(c.rows_for(("VS",), {"VS": "Vital signs"}))
    check = Qt.ItemDataRole.CheckStateRole
    model.setData(model.index(0, c.DONE), Qt.CheckState.Checked.value, check)
    assert model.rows()[0].done is True
    model.setData(model.index(0, c.NOT_DONE), Qt.CheckState.Checked.value, check)
    assert model.rows()[0].done is False
    assert _cell(model, 0, c.DONE, check) == Qt.CheckState.Unchecked
    model.setData(model.index(0, c.NOT_DONE), Qt.CheckState.Unchecked.value, check)
    assert model.unrecorded() == ["VS"]


def test_checklist_starts_from_what_was_recorded_before():
    rows = procedure_checklist_model.rows_for(
        ("VS", "PK", "AE"), {"VS": "Vital signs", "PK": "PK sample", "AE": "Adverse events"},
        (ProcedureRecord("PK", "PK sample", done=False, not_done_reason="missed draw"),
         ProcedureRecord("VS", "Vital signs", done=True)),
    )
    assert [(r.code, r.done, r.not_done_reason) for r in rows] == [
        ("VS", True, ""), ("PK", False, "missed draw"), ("AE", None, "")]


def test_small_dialog_models_honour_the_model_contract(qtmodeltester):
    from ln_scheduler.ui.models.closure_dates_model import ClosureDatesModel
    from ln_scheduler.ui.models.procedure_pick_model import PICK, ProcedurePickModel
    from ln_scheduler.ui.models.recorded_procedures_model import RESULT, RecordedProceduresModel
    from ln_scheduler.ui.models.suggestion_model import SuggestionModel

    closures = ClosureDatesModel()
    assert closures.add(date(2027, 7, 5)) and closures.add(date(2027, 7, 2))
    assert not closures.add(date(2027, 7, 2))
    assert [d.day for d in closures.rows()] == [2, 5]  # kept in date order
    picks = ProcedurePickModel({"VS": "Vital signs", "AE": "Adverse events", "PK": "PK sample"}, ("VS", "AE"))
    picks.setData(picks.index(2, PICK), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    picks.setData(picks.index(0, PICK), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert picks.chosen() == ["AE", "PK"]
    recorded = RecordedProceduresModel()
    recorded.set_rows([ProcedureRecord("PK", "PK sample", done=False, not_done_reason="haemolysed"),
                       ProcedureRecord("VS", "Vital signs")])
    assert recorded.data(recorded.index(0, RESULT)) == "Not done: haemolysed"
    assert recorded.data(recorded.index(1, RESULT)) == "Not recorded yet"
    suggestions = SuggestionModel()
    suggestions.set_rows([(date(2027, 3, 10), date(2027, 3, 15))])
    assert suggestions.data(suggestions.index(0, 1)) == "2027-03-15 Mon"
    for model in (closures, picks, recorded, suggestions):
        qtmodeltester.check(model)


@pytest.mark.parametrize("first_weekday", [6, 0, 5])  # Sunday (a US site), Monday, Saturday
def test_month_rows_are_labelled_with_the_iso_week_of_most_of_their_days(first_weekday):
    model = month_model.MonthModel(TODAY, SITE.calendar(), first_weekday=first_weekday)
    model.set_month(2026, 11)
    row = model.index_of(date(2026, 11, 24)).row()  # a Tuesday in ISO week 48
    assert model.headerData(row, Qt.Orientation.Vertical) == "W48"
    for r in range(6):
        days = [model.date_at(model.index(r, c)) for c in range(7)]
        label = int(model.headerData(r, Qt.Orientation.Vertical)[1:])
        assert sum(d.isocalendar().week == label for d in days) >= 4


def test_a_week_starts_on_the_sites_first_weekday():
    from ln_scheduler.ui.views.worklist_view import week_of

    assert week_of(date(2027, 2, 10)) == (date(2027, 2, 8), date(2027, 2, 14))  # Monday first
    assert week_of(date(2027, 2, 10), 6) == (date(2027, 2, 7), date(2027, 2, 13))  # Sunday first
    assert week_of(date(2027, 2, 7), 6) == (date(2027, 2, 7), date(2027, 2, 13))  # a Sunday starts its week
