"""The command line in Spanish, as a coordinator whose environment asks for it sees it: help,
refusals (one line, exit 2), headings and confirmations in Spanish; option names, command names
and machine-readable output (--json) exactly as in English, so site scripts keep working.

Runner: in-process (``run_main``, with the language variables in the environment it is given: what
is printed is the point); the POSIX locale variables choosing Spanish are tested in real processes
(a new process's environment, as a Spanish desktop starts it), this file's main path."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ln_scheduler import i18n
from tests.support.cli_inprocess import run_main

from .cli_runner import Result, assert_one_line_error, run_cli

SPANISH = {"LN_SCHEDULER_LANGUAGE": "es"}


def es(*args: str, env: dict[str, str] | None = None) -> Result:
    return run_main(*args, env={**(env or {}), **SPANISH})


def ok(result: Result) -> Result:
    assert result.status == 0, (result.status, result.err, result.out)
    return result


def test_plan_help_is_spanish_with_argparses_own_words_and_the_same_option_names():
    text = ok(es("plan", "--help")).out
    for spanish in ("uso: ln-scheduler plan", "opciones:", "mostrar esta ayuda y salir",
                    "primer día de acondicionamiento (LD1, Día nominal -5)",
                    "imprimir JSON en lugar de una tabla"):
        assert spanish in text
    for english in ("usage:", "options:", "show this help message", "first conditioning day", "print JSON"):
        assert english not in text
    for option in ("--conditioning-start YYYY-MM-DD", "--infusion", "--not-given N", "--closures RULES", "--json"):
        assert option in text


def test_the_top_level_help_explains_the_exit_statuses_in_spanish():
    text = " ".join(ok(es("--help")).out.split())  # argparse wraps the epilog
    assert "estado de salida: 0 hecho; 1 un error inesperado; 4 'audit verify' encontró un problema" in text
    assert "argumentos posicionales: COMMAND plan imprimir el calendario de un participante" in text
    assert "exit status" not in text


@pytest.mark.parametrize(("args", "fragments"), [
    (("plan",), ("ln-scheduler: error: faltan los siguientes argumentos obligatorios: --conditioning-start",
                 "(consulte 'ln-scheduler plan --help')")),
    (("plan", "--conditioning-start", "2027-01-26", "--protocol", "x.toml", "--protocol-version", "1.0"),
     ("ln-scheduler: error: indique --protocol RUTA o --protocol-version V, no ambos",)),
    (("plan", "--conditioning-start", "2027-01-26", "--dose", "2=2027-02-20", "--dose", "2=2027-02-21"),
     ("--dose 2= aparece dos veces",)),
    (("worksheet", "104-001", "D1", "-o", "x.pdf", "--page-size", "a5"),
     ("argumento --page-size: opción no válida: 'a5' (elija entre 'letter', 'a4')",)),
    (("suggest-start", "--from", "2027-01-01", "--count", "0"),
     ("argumento --count: 0 debe ser 1 o más",)),
    (("worksheet", "104-001", "D1", "-o", ""),
     ("el nombre del archivo de salida está vacío: indique uno con -o",)),
])
def test_a_refusal_is_one_spanish_line_and_exit_2(args: tuple[str, ...], fragments: tuple[str, ...], tmp_path: Path):
    result = run_main(*args, env={**SPANISH, "LN_SCHEDULER_DB": f"sqlite:///{tmp_path / 'none.sqlite3'}"})
    assert_one_line_error(result, *fragments)


def test_plan_prints_spanish_headings_and_weekdays_and_the_same_json():
    text = ok(es("plan", "--conditioning-start", "2027-01-26", "--protocol-version", "1.0")).out
    assert text.startswith("Protocolo TAK007-LN-1001 versión 1.0: el acondicionamiento empieza el 2027-01-26 mar, "
                           "infusión el 2027-01-31 dom")
    assert "Centro cerrado: weekends, us-holidays" in text
    header = next(line for line in text.splitlines() if line.startswith("Código"))
    assert header.split() == ["Código", "Visita", "Día", "Objetivo", "Más", "temprana", "Más", "tardía",
                              "Programado"]
    assert "DÍA CERRADO" in text  # Day 1 falls on a Sunday in the worked example
    args = ("plan", "--conditioning-start", "2027-01-26", "--json")
    assert json.loads(ok(es(*args)).out) == json.loads(ok(run_main(*args)).out)


def test_the_posix_locale_variables_choose_spanish_too():
    """No LN_SCHEDULER_LANGUAGE: LANG (or LANGUAGE, LC_ALL, LC_MESSAGES) as a Spanish desktop sets it."""
    result = run_cli("plan", env={"LN_SCHEDULER_LANGUAGE": "", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "",
                                  "LANG": "es_US.UTF-8"})
    assert_one_line_error(result, "faltan los siguientes argumentos obligatorios")  # LANG read by a new process
    result = run_main("plan", env={"LN_SCHEDULER_LANGUAGE": "", "LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"})
    assert_one_line_error(result, "faltan los siguientes argumentos obligatorios")  # the first language we have
    result = run_main("plan", env={"LN_SCHEDULER_LANGUAGE": "", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "",
                                   "LANG": "fr_FR.UTF-8"})
    assert_one_line_error(result, "the following arguments are required")  # none we have: English


def test_due_and_a_worksheet_on_a_site_database_in_spanish(tmp_path: Path):
    env = {"LN_SCHEDULER_CONFIG_DIR": str(tmp_path / "config"), "LN_SCHEDULER_DATA_DIR": str(tmp_path / "data"),
           "LN_SCHEDULER_DB": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    today = datetime.now(ZoneInfo("America/New_York")).date()
    start = today + timedelta(days=20)
    added = ok(es("participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", start.isoformat(),
                  env=env)).out
    assert added.startswith("inscrito 104-001 (JQD) en la cohorte LN, versión del protocolo 2.0, "
                            f"acondicionamiento planificado para el {start.isoformat()}: ")
    end = today + timedelta(days=60)
    due = ok(es("due", "--from", today.isoformat(), "--to", end.isoformat(), env=env)).out.splitlines()
    assert due[0] == (f"Visitas pendientes del {today.isoformat()} al {end.isoformat()}, y visitas vencidas "
                      f"(hoy {today.isoformat()})")
    assert due[1].split() == ["Programado", "Hora", "ID", "Iniciales", "Visita", "Ventana", "Estado"]
    nothing = ok(es("due", "--from", "2020-01-01", "--to", "2020-01-02", "--no-overdue", env=env)).out
    assert nothing == "Visitas pendientes del 2020-01-01 al 2020-01-02 (hoy " + today.isoformat() + ")\n" \
        "No hay nada pendiente.\n"
    pdf = tmp_path / "ld1.pdf"
    done = ok(es("worksheet", "104-001", "LD1", "-o", str(pdf), env=env)).out
    assert done.startswith("hoja de trabajo 104-001 ") and f"1 página escrita(s) en {pdf}" in done
    ics = tmp_path / "site.ics"
    wrote = ok(es("export", "ics", "--all", "-o", str(ics), env=env)).out
    assert wrote.startswith("Se escribieron ") and f"eventos (todos los participantes) en {ics}" in wrote
    assert "X-WR-CALNAME:Study site: all participants" in ics.read_text(encoding="utf-8")  # the .ics: never
    english = tmp_path / "english.ics"
    ok(run_main("export", "ics", "--all", "-o", str(english), env=env))
    strip = [line for line in ics.read_text(encoding="utf-8").splitlines() if not line.startswith("DTSTAMP")]
    assert strip == [line for line in english.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("DTSTAMP")]
    unconfirmed = es("withdraw", "104-001", "--date", today.isoformat(), "--reason", "se mudó", env=env)
    assert_one_line_error(unconfirmed, "no confirmado: vuelva a ejecutarlo con --yes para retirar al participante")
    assert f"Retirar a 104-001 el {today.isoformat()}:" in unconfirmed.out


@pytest.fixture
def english_after():
    yield
    i18n.use_language("en")


def test_one_process_answers_in_each_language_its_environment_asks_for(monkeypatch, english_after):
    """In-process callers (the fuzzer) share the parser: one per language, so English stays English."""
    monkeypatch.setenv("LN_SCHEDULER_LANGUAGE", "es")
    assert "mostrar esta ayuda y salir" in run_main("plan", "--help").out
    monkeypatch.setenv("LN_SCHEDULER_LANGUAGE", "en")
    english = run_main("plan", "--help").out
    assert "show this help message and exit" in english and "usage: ln-scheduler plan" in english
    assert i18n.interface_language() == "en"
    assert date(2027, 1, 26).isoformat() in run_main("plan", "--conditioning-start", "2027-01-26").out


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_a_spanish_terminal_confirms_with_si_and_english_yes_still_works(monkeypatch, english_after):
    from ln_scheduler.cli.common import CliError
    from ln_scheduler.cli.db_commands import confirm

    i18n.use_language("es")
    monkeypatch.setattr("sys.stdin", _Terminal())
    answers = iter(["sí", "S", "si", "yes", "no", ""])
    prompts: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or next(answers))
    for _answer in range(4):
        confirm("¿Restaurar esta copia de seguridad?", "restaurar", "no se restauró nada")
    for _answer in range(2):
        with pytest.raises(CliError, match=r"^no confirmado: no se restauró nada$"):
            confirm("¿Restaurar esta copia de seguridad?", "restaurar", "no se restauró nada")
    assert prompts[0] == "¿Restaurar esta copia de seguridad? [s/N] "


def test_every_command_help_renders_in_spanish(english_after):
    """argparse %-formats every help text: a stray % in a translation would crash that --help."""
    import argparse

    from ln_scheduler.cli import build_parser

    i18n.use_language("es")
    rendered = []

    def walk(parser: argparse.ArgumentParser) -> None:
        rendered.append(parser.format_help())
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)

    walk(build_parser())
    assert len(rendered) > 30
    assert all(text.startswith("uso: ") and "mostrar esta ayuda y salir" in text for text in rendered)
