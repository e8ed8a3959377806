"""Every text of the window is marked for translation, and every marked text is translated.

1. No user-facing string literal in ``src/ln_scheduler/ui`` (the compiled forms aside: their texts
   come from forms/*.ui) escapes Qt's translation: it must sit inside ``self.tr(...)``,
   ``QCoreApplication.translate(...)`` or ``QT_TRANSLATE_NOOP(...)`` (or ``i18n._``/``N_``/
   ``ngettext`` when it belongs to the services' catalogue). *User-facing* is decided by where the
   text goes, not by guessing at its words:

   - an argument of a call that shows text (``setText``, ``setToolTip``, ``addAction``,
     ``QMessageBox.*``, ``QLabel(...)``, the file dialogs' titles and filters, the project's own
     ``ErrorText(...)`` and ``Prompter`` methods ... see ``SINK_METHODS``/``SINK_CALLS``);
   - a value returned by a model's ``data``/``headerData``;
   - a constant whose name says it is shown (``HEADERS``, ``TOOLTIPS``, ``*_TEXT``, ``*_LABEL`` ...);
   - and, wherever it goes, a literal of two or more words, or an f-string with a word in it:
     sentences are for people.

   Not user-facing: docstrings, logging, object names, settings keys, style sheets, date formats,
   dictionary keys and comparisons. Anything else is exempt only with a ``# notr: why`` comment on
   its line, so an exemption is explicit, rare and explained.
2. ``translations/build.py --check``: every ``.ts`` is up to date with its sources and every
   message has a finished translation, per area (app, dialogs, views, forms).

Both are parametrized by area, so each area's owner can run only theirs (``-k dialogs``).
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "src" / "ln_scheduler" / "ui"

#: Source folders of each translation area (translations/build.py's areas; forms are .ui files).
CODE_AREAS = {"app": (UI, UI / "models"), "dialogs": (UI / "dialogs",), "views": (UI / "views",)}

#: Calls whose arguments are the text to translate (the first positional for tr/_/N_, the second
#: for translate/QT_TRANSLATE_NOOP: the first is the context, a name).
MARKERS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "_", "N_", "ngettext"}
#: Methods whose string arguments are shown to the user.
SINK_METHODS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText", "setWhatsThis", "setTitle",
    "addItem", "addItems", "insertItem", "setItemText", "addAction", "addMenu", "showMessage", "setHeaderLabels",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setSuffix", "setPrefix", "setSpecialValueText",
    "setTabText", "addTab", "insertTab", "setLabelText", "setInformativeText", "setDetailedText", "addButton",
    "setAccessibleName", "setAccessibleDescription", "setCancelButtonText", "setOkButtonText", "setNameFilter",
    "setNameFilters", "setHtml", "setMarkdown", "setPlainText", "addRow", "setWindowIconText", "setTabToolTip",
    "setItemToolTip", "setButtonText", "getText", "getItem", "getInt", "getOpenFileName", "getSaveFileName",
    "getExistingDirectory", "information", "warning", "critical", "question", "about",
    # the project's own: Prompter (ui/prompter.py), status bar and progress helpers
    "error", "info", "confirm", "save_file", "open_file", "show_status", "show_message", "set_message",
}
#: Classes and functions whose string arguments are shown to the user.
SINK_CALLS = {"QAction", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QRadioButton", "QToolButton",
              "QMenu", "QMessageBox", "QCommandLinkButton", "QTableWidgetItem", "QListWidgetItem",
              "QStandardItem", "QTreeWidgetItem", "ErrorText", "QProgressDialog", "QWidgetAction"}
#: Receivers whose methods named like sinks only log (``log.error`` is not ``prompter.error``).
LOGGERS = {"log", "logger", "logging", "_log", "LOG", "getLogger"}
#: Calls whose string arguments are names, keys, formats or styles, never shown.
NOT_SHOWN_CALLS = {"setObjectName", "setProperty", "property", "setStyleSheet", "strftime", "strptime", "toString",
                   "fromString", "setDisplayFormat", "getattr", "setattr", "hasattr", "value", "setValue",
                   "save_state", "restore_state", "contains", "remove", "Option", "files", "joinpath",
                   "import_module", "getLogger", "Signal", "Slot", "Property", "environ", "get", "trace_line",
                   "findChild", "findChildren", "QRegularExpression", "compile", "match", "search", "sub",
                   "startswith", "endswith", "split", "replace", "join", "format", "isinstance", "TypeVar"}
#: Constants whose name says they are shown.
SHOWN_CONSTANT = re.compile(r"(HEADER|TOOLTIP|TITLE|LABEL|TEXT|LEGEND|CAPTION|MESSAGE|WORD|HELP|HINT|NAMES?$)")
#: A word: letters (an apostrophe or hyphen inside), two or more, punctuation around it allowed.
WORD = re.compile(r"^[(\"'«¿¡]*[^\W\d_]{2,}(?:['’-][^\W\d_]+)*[)\"'»,.:;!?…]*$")
TAG = re.compile(r"<[^>]+>|&[a-z]+;")
NOTR = re.compile(r"#\s*notr:\s*\S")


def words(text: str) -> int:
    """How many words of letters ``text`` has (HTML tags and placeholders not counted)."""
    return sum(1 for token in TAG.sub(" ", text).split() if WORD.match(token))


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _receiver(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        value = func.value
        if isinstance(value, ast.Call):  # logging.getLogger("x").error(...)
            return _call_name(value)
        return value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else ""
    return ""


class _Finder(ast.NodeVisitor):
    """Collects ``(line, text, why)`` for each unmarked user-facing literal of one module."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.found: list[tuple[int, int, str, str]] = []
        self.context: list[str] = []  # why the enclosing expression shows its strings ("" = it does not)
        self.functions: list[str] = []

    # --- where a string goes ------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        self.visit(node.func)
        if name in MARKERS:
            return  # marked: its literals are what lupdate/pybabel extract
        if name in NOT_SHOWN_CALLS or (_receiver(node) in LOGGERS):
            self._visit_all(node.args + [k.value for k in node.keywords], "not shown")
            return
        if name in SINK_METHODS or name in SINK_CALLS or _receiver(node) in ("QMessageBox", "QFileDialog"):
            self._visit_all(node.args + [k.value for k in node.keywords], f"shown by {name}()")
            return
        self._visit_all(node.args + [k.value for k in node.keywords], None)

    def _visit_all(self, nodes: list[ast.expr], why: str | None) -> None:
        for child in nodes:
            if why is not None:
                self.context.append(why)
            self.visit(child)
            if why is not None:
                self.context.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._skip_docstring(node)
        self.functions.append(node.name)
        for child in node.body:
            self.visit(child)
        self.functions.pop()
        for decorator in node.decorator_list:
            self.visit(decorator)
        if node.args.defaults or node.args.kw_defaults:
            for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]:
                self.visit(default)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._skip_docstring(node)
        for child in node.body:
            self.visit(child)

    def visit_Module(self, node: ast.Module) -> None:
        self._skip_docstring(node)
        for child in node.body:
            self.visit(child)

    def _skip_docstring(self, node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body[0].value.value = None  # a docstring is for developers

    def visit_Return(self, node: ast.Return) -> None:
        shown = self.functions and self.functions[-1] in ("data", "headerData")
        self._visit_all([node.value] if node.value else [], "returned by a model" if shown else None)

    def visit_Assign(self, node: ast.Assign) -> None:
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        shown = any(SHOWN_CONSTANT.search(n) for n in names if n.isupper())
        styles = any("STYLE" in n or "KEY" in n or "FORMAT" in n for n in names)
        self._visit_all([node.value], "not shown" if styles else f"constant {names[0]}" if shown else None)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit_Assign(ast.Assign(targets=[node.target], value=node.value, lineno=node.lineno))

    def visit_Compare(self, node: ast.Compare) -> None:
        self._visit_all([node.left, *node.comparators], "not shown")

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)
        self._visit_all([node.slice], "not shown")

    def visit_Dict(self, node: ast.Dict) -> None:
        self._visit_all([k for k in node.keys if k is not None], "not shown")
        self._visit_all(list(node.values), None)

    # --- the strings ----------------------------------------------------------------------
    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = "".join(v.value if isinstance(v, ast.Constant) else " {} " for v in node.values)
        self._judge(node, text, f_string=True)
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self._judge(node, node.value, f_string=False)

    def _judge(self, node: ast.expr, text: str, *, f_string: bool) -> None:
        why = self.context[-1] if self.context else None
        if why == "not shown":
            return
        lines = self.lines[node.lineno - 1:(node.end_lineno or node.lineno)]
        if any(NOTR.search(line) for line in lines):
            return
        count = words(text)
        if why and re.search(r"[^\W\d_]", TAG.sub("", text)):
            reason = why
        elif count >= 2:
            reason = "a sentence"
        elif f_string and count >= 1:
            reason = "an f-string with words"
        else:
            return
        self.found.append((node.lineno, node.col_offset, text.strip()[:60], reason))


def unmarked(source: str) -> list[tuple[int, str, str]]:
    """``(line, text, why it is user-facing)`` of each unmarked user-facing literal of ``source``."""
    finder = _Finder(source.splitlines())
    finder.visit(ast.parse(source))
    return [(line, text, why) for line, _col, text, why in sorted(finder.found)]


def area_files(area: str) -> Iterator[Path]:
    for folder in CODE_AREAS[area]:
        yield from sorted(folder.glob("*.py"))


@pytest.mark.parametrize("area", sorted(CODE_AREAS))
def test_every_user_facing_string_is_marked_for_translation(area: str) -> None:
    problems = [f"{path.relative_to(ROOT)}:{line}: {text!r} ({why})"
                for path in area_files(area)
                for line, text, why in unmarked(path.read_text(encoding="utf-8"))]
    assert not problems, ("not marked for translation (wrap in self.tr()/QCoreApplication.translate(), "
                          "or add '# notr: why' if it is never shown):\n" + "\n".join(problems))


SAMPLE = '''
"""Module docstring: not shown."""
import logging
log = logging.getLogger(__name__)
HEADERS = ("Visit", "Status")
STYLE = "QLabel { color: red; font-weight: bold }"


class Panel(QWidget):
    """Class docstring."""

    def __init__(self):
        self.setObjectName("visit panel main")
        self.title.setText("Visits")
        self.save.setToolTip(self.tr("Save the visit"))
        self.note.setText(QCoreApplication.translate("Panel", "Nothing due today"))
        log.warning("could not read the settings file")
        self.settings.value("window/main geometry")
        if self.mode == "booked only":
            self.hint = f"Booked {self.time}"
        message = "The visit was saved."
        internal = "id-list"  # notr: a key the services read, never shown
        self.date = d.strftime("%Y-%m-%d %a")

    def headerData(self, section, orientation, role):
        return "Participant"
'''


def test_the_check_finds_unmarked_texts_and_only_those() -> None:
    found = [(text, why) for _line, text, why in unmarked(SAMPLE)]
    assert found == [
        ("Visit", "constant HEADERS"), ("Status", "constant HEADERS"),
        ("Visits", "shown by setText()"),
        ("Booked  {}", "an f-string with words"),
        ("The visit was saved.", "a sentence"),
        ("Participant", "returned by a model"),
    ]


def test_a_notr_exemption_must_say_why() -> None:
    assert unmarked('x = "two words"  # notr:\n') == [(1, "two words", "a sentence")]
    assert unmarked('x = "two words"  # notr: a test fixture\n') == []


def _translations_build():
    spec = importlib.util.spec_from_file_location("translations_build", ROOT / "translations" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("area", ["app", "dialogs", "views", "forms"])
def test_every_translation_is_current_and_finished(area: str) -> None:
    build = _translations_build()
    assert build.languages(), "no language folder in translations/"
    problems = build.check([area])
    assert not problems, "\n".join(problems)


STALE = "translations/fr/app.ts is out of date with its sources (run: python translations/build.py)"


def test_the_translation_check_notices_a_new_string_and_an_unfinished_one(tmp_path, monkeypatch) -> None:
    build = _translations_build()
    source = tmp_path / "src" / "panel.py"
    source.parent.mkdir()
    source.write_text('from PySide6.QtCore import QCoreApplication\n'
                      'QCoreApplication.translate("Panel", "Nothing due today")\n', encoding="utf-8")
    (tmp_path / "translations" / "fr").mkdir(parents=True)
    monkeypatch.setattr(build, "ROOT", tmp_path)
    monkeypatch.setattr(build, "HERE", tmp_path / "translations")
    monkeypatch.setattr(build, "AREAS", {"app": ("src/*.py",)})
    assert build.check() == [STALE]
    build.update("fr", "app")
    assert build.check() == ["translations/fr/app.ts: unfinished translation of Panel: 'Nothing due today'"]
    ts = tmp_path / "translations" / "fr" / "app.ts"
    ts.write_text(ts.read_text(encoding="utf-8").replace('<translation type="unfinished"></translation>',
                                                         "<translation>Nada {hoy}</translation>"),
                  encoding="utf-8")
    assert build.check() == ["translations/fr/app.ts: fields or tags differ in the translation of Panel: "
                             "'Nothing due today'"]
    ts.write_text(ts.read_text(encoding="utf-8").replace("Nada {hoy}", "Rien à faire"), encoding="utf-8")
    assert build.check() == []
    source.write_text(source.read_text(encoding="utf-8") + 'QCoreApplication.translate("Panel", "New")\n',
                      encoding="utf-8")
    assert build.check() == [STALE]


def test_the_translation_check_notices_two_areas_disagreeing(tmp_path, monkeypatch) -> None:
    build = _translations_build()
    for area in ("app", "forms"):
        (tmp_path / area).mkdir()
        (tmp_path / area / "panel.py").write_text('from PySide6.QtCore import QCoreApplication\n'
                                                  'QCoreApplication.translate("Panel", "Save")\n', encoding="utf-8")
    (tmp_path / "translations" / "es").mkdir(parents=True)
    monkeypatch.setattr(build, "ROOT", tmp_path)
    monkeypatch.setattr(build, "HERE", tmp_path / "translations")
    monkeypatch.setattr(build, "AREAS", {"app": ("app/*.py",), "forms": ("forms/*.py",)})
    for area, spanish in (("app", "Guardar"), ("forms", "Salvar")):
        build.update("es", area)
        ts = tmp_path / "translations" / "es" / f"{area}.ts"
        ts.write_text(ts.read_text(encoding="utf-8").replace('<translation type="unfinished"></translation>',
                                                             f"<translation>{spanish}</translation>"),
                      encoding="utf-8")
    assert build.check(["app"]) == ["translations/es: Panel: 'Save' is translated differently in app and forms"]
