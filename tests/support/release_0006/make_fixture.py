"""Make ``database.json``: a site database written by the release before participant languages
(schema revision 0006, commit 06ee038), for tests/db/test_migration_language.py. Run it with THAT
release's code, never with today's (the point is a database today's code did not write):

    git archive 06ee038 src | tar -x -C /tmp/release
    PYTHONPATH=/tmp/release/src python tests/support/release_0006/make_fixture.py

It enrols participants at every stage the release knows (undated; planned; conditioned and infused
with visits done, booked and missed; protocol 1.0 moved to an amended 1.1; cohorts SSC-1A and SSC-1B
with a later dose given and one not given; a cohort change; withdrawn), through the release's own
services, with a site that has a closure date, then dumps every table row by row. ``audit.key`` (a
throw-away test key) sealed its audit trail, so ``audit verify`` can check the trail after the upgrade.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
work = Path(tempfile.mkdtemp(prefix="release-0006-"))
os.environ["LN_SCHEDULER_AUDIT_KEY"] = str(work / "key" / "audit.key")  # copied beside this file at the end
os.environ["LN_SCHEDULER_CONFIG_DIR"] = str(work / "config")
os.environ["LN_SCHEDULER_DATA_DIR"] = str(work / "data")

from sqlalchemy import MetaData, create_engine, inspect, select  # noqa: E402

from ln_scheduler.services.app import open_services  # noqa: E402
from ln_scheduler.services.records import ProcedureOutcome, SiteInfo  # noqa: E402

sys.path.insert(0, str(HERE.parents[2]))
from tests.support.amended_protocol import amended_text  # noqa: E402

TABLES = ("site_settings", "site_closures", "protocols", "participants", "doses", "visits", "procedure_records",
          "calendar_targets", "calendar_outbox", "audit_log", "audit_head", "alembic_version")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2027, 1, 14, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def to(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 15, 0, tzinfo=UTC)


def main() -> None:
    url = f"sqlite:///{work / 'release.sqlite3'}"
    clock = Clock()
    svc = open_services(url, user="coordinator", workstation="ws-104", clock=clock)
    svc.update_site(SiteInfo(name="Lakeside Kidney Research Unit", number="104", timezone="America/New_York",
                             closure_rules=("weekends", "us-holidays"), closed_dates=(date(2027, 2, 12),)),
                    "site set-up")
    v1 = svc.shipped_protocol("1.0")
    svc.enrol("104-001", "AB")
    svc.enrol("104-002", "CD", conditioning_start=date(2027, 3, 1), cohort="SSC-1A")
    svc.enrol("104-003", "EFG", conditioning_start=date(2027, 1, 26), screening_date=date(2027, 1, 12),
              cohort="SSC-1A")
    svc.enrol("104-004", "HI", conditioning_start=date(2027, 1, 19), screening_date=date(2027, 1, 5), protocol=v1)
    svc.enrol("104-005", "JK", conditioning_start=date(2027, 2, 2), screening_date=date(2027, 1, 5), protocol=v1)
    svc.enrol("104-006", "LM", conditioning_start=date(2027, 1, 19), screening_date=date(2027, 1, 5),
              cohort="SSC-1B")
    svc.change_cohort("104-002", "SSC-1B", "eligibility re-assessed")
    amended = work / "amended-1.1.toml"
    amended.write_text(amended_text("1.1"), encoding="utf-8")
    svc.change_protocol("104-005", svc.load_protocol_file(amended), "amendment 1.1 approved by the IRB")
    clock.to(date(2027, 1, 28))
    svc.record_conditioning("104-003", date(2027, 1, 26), days_done=3)
    svc.record_conditioning("104-004", date(2027, 1, 19), days_done=3)
    svc.record_conditioning("104-006", date(2027, 1, 19), days_done=3)
    clock.to(date(2027, 2, 1))
    svc.record_infusion("104-003", date(2027, 2, 1))
    svc.record_infusion("104-004", date(2027, 1, 24))
    svc.record_infusion("104-006", date(2027, 1, 25))
    clock.to(date(2027, 2, 10))
    svc.complete_visit("104-003", "D2", date(2027, 2, 2))
    svc.complete_visit("104-003", "D3", date(2027, 2, 3),
                       {"VS": ProcedureOutcome(True, time=time(9, 30)), "HEME": ProcedureOutcome(True, sample_id="S-1"),
                        "CHEM": ProcedureOutcome(False, "sample haemolysed")})
    svc.book_visit("104-003", "D14", date(2027, 2, 15), time=time(10, 0))
    svc.miss_visit("104-003", "D4", "participant unwell")
    svc.add_unscheduled_visit("104-003", date(2027, 2, 9), "rash")
    svc.withdraw("104-004", date(2027, 2, 10), "moved abroad")
    dose_days = [d for d in svc.participant("104-006").doses if d.number >= 2]
    if dose_days:
        clock.to(dose_days[0].planned)
        svc.record_dose("104-006", dose_days[0].number, dose_days[0].planned)
    if len(dose_days) > 1:
        svc.record_dose_not_given("104-006", dose_days[1].number, "toxicity")
    svc.close()
    dump(url, HERE / "database.json")
    (HERE / "audit.key").write_bytes((work / "key" / "audit.key").read_bytes())


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return {"datetime": (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    return value


def dump(url: str, out: Path) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = inspect(conn).get_table_names()
        assert set(found) == set(TABLES), found
        md = MetaData()
        md.reflect(conn)
        data = {name: [{k: _plain(v) for k, v in row._mapping.items()}
                       for row in conn.execute(select(md.tables[name]).order_by(*md.tables[name].primary_key.columns
                                                                                 or md.tables[name].columns))]
                for name in TABLES}
    engine.dispose()
    assert data["alembic_version"] == [{"version_num": "0006"}], data["alembic_version"]
    out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{out}: " + ", ".join(f"{k} {len(v)}" for k, v in data.items()))


if __name__ == "__main__":
    main()
