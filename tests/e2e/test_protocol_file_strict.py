"""Moving a participant to a protocol file with a mistyped table: refused with one line naming the
file, the visit and the table, and nothing changes (the lenient loader dropped Month 24 from the
file, and the move cancelled the participant's Month 24).

Runner: the refused change runs in a real process (the file's one test, its main path); the set-up
and the read-back in-process (test_cli_protocol_change's helpers)."""

from __future__ import annotations

from tests.support.amended_protocol import amended_text

from .cli_runner import assert_one_line_error
from .test_cli_protocol_change import _change, _infused, _show


def test_a_file_with_visit_for_visits_is_refused_and_month_24_stays(db, env, tmp_path):
    _infused(db, env)
    text = amended_text("1.2")
    start = text.index('[[visits]]\ncode = "M24"')
    path = tmp_path / "typo.toml"
    path.write_text(text[:start] + "[[visit]]" + text[start + len("[[visits]]"):], encoding="utf-8")
    refused = _change(db, env, path, "--yes", process=True)
    assert_one_line_error(refused, str(path), "visit M24", "unknown table [[visit]]")
    shown = _show(db, env)
    assert shown["protocol"]["version"] == "1.0"
    assert {v["code"]: v["status"] for v in shown["visits"]}["M24"] not in ("cancelled",)
