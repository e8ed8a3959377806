"""The .csv export: the rows of the calendar export, for spreadsheets (RFC 4180, UTF-8)."""

import csv
import io
from dataclasses import replace

from ln_scheduler.exports import COLUMNS, build_csv, write_csv

from .helpers import INITIALS, NOTE, SAMPLE_ID, events_by_uid, export, participant


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_one_header_row_then_the_same_visits_in_the_same_order_as_the_calendar():
    p = participant()
    data = build_csv(p.visits)
    assert data.split(b"\r\n", 1)[0].decode() == ",".join(COLUMNS)
    table = rows(data)
    assert [r["uid"] for r in table] == list(events_by_uid(export(p.visits)))
    d7 = next(r for r in table if r["visit_code"] == "D7")
    assert d7 == {**d7, "participant_id": "104-001", "visit": "Day 7", "kind": "follow-up",
                  "study_day": "7", "date": "2027-02-05", "time": "09:30",
                  "calendar_status": "CONFIRMED", "target": "2027-02-06",
                  "earliest": "2027-02-05", "latest": "2027-02-07", "actual": "",
                  "site_closed": "no", "procedures": "PE VS HEME CHEM CONMED AE CRS PK CYTO BCELL",
                  "sequence": "1"}
    assert (d7["booked"], d7["calendar_status"]) == ("yes", "CONFIRMED")
    d21 = next(r for r in table if r["visit_code"] == "D21")
    assert (d21["booked"], d21["time"], d21["calendar_status"]) == ("yes", "", "CONFIRMED")
    d14 = next(r for r in table if r["visit_code"] == "D14")
    assert (d14["booked"], d14["calendar_status"]) == ("no", "TENTATIVE")  # only proposed
    scr = next(r for r in table if r["visit_code"] == "SCR")
    assert (scr["study_day"], scr["actual"], scr["visit_status"]) == ("-12", "2027-01-19", "done")


def test_crlf_line_ends_utf8_and_quoting_only_where_needed():
    p = participant()
    odd = replace(p.visit("D21"), name='Contrôle "J+21", sans jeûne')
    data = build_csv([odd])
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert '"Contrôle ""J+21"", sans jeûne"'.encode() in data
    assert rows(data)[0]["visit"] == 'Contrôle "J+21", sans jeûne'
    assert b",D21,Contr" not in data  # the field is quoted, not split


def test_a_visit_name_that_looks_like_a_formula_stays_text():
    odd = replace(participant().visit("D21"), name='=HYPERLINK("http://x","y")')
    assert rows(build_csv([odd]))[0]["visit"] == "'=HYPERLINK(\"http://x\",\"y\")"


def test_no_initials_reasons_or_sample_ids_in_the_spreadsheet():
    text = build_csv(participant().visits).decode("utf-8")
    assert INITIALS not in text and NOTE not in text and SAMPLE_ID not in text
    assert "Jane" not in text


def test_write_csv_writes_the_file_and_counts_the_rows(tmp_path):
    p = participant()
    target = tmp_path / "visits.csv"
    assert write_csv(target, p.visits) == len(p.visits)
    assert target.read_bytes() == build_csv(p.visits)
