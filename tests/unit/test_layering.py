"""The architecture rules of DESIGN.md, enforced: a pure core, Qt only at the edge."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ln_scheduler"


def _imports(path: Path, package: str | None = None) -> set[str]:
    """Absolute module names a file imports (relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = package or ".".join(("ln_scheduler", *path.relative_to(PACKAGE).parent.parts))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.add(node.module)
    return names


def _modules(sub: str = "") -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


def test_only_the_ui_package_imports_qt():
    offenders = [
        (str(p.relative_to(PACKAGE)), m)
        for p in _modules()
        if "ui" not in p.relative_to(PACKAGE).parts[:1]
        for m in _imports(p)
        if m.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert offenders == []


_EDGE_LIBRARIES = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "psycopg", "reportlab", "icalendar")


def test_domain_imports_nothing_of_ours_outside_itself_and_no_qt_or_database():
    """The domain may name its labels for translation (``ln_scheduler.i18n``: gettext and Babel,
    itself pure), and nothing else of ours."""
    offenders = []
    for p in _modules("domain"):
        for m in _imports(p):
            top = m.split(".")[0]
            if top in _EDGE_LIBRARIES:
                offenders.append((p.name, m))
            if top == "ln_scheduler" and not m.startswith(("ln_scheduler.domain", "ln_scheduler.i18n")):
                offenders.append((p.name, m))
    assert offenders == []


def test_the_language_package_is_as_pure_as_the_domain():
    """Every layer translates through ``ln_scheduler.i18n``: it must import nothing of ours and no
    edge library, or the pure core would reach the database or Qt through it."""
    offenders = [(p.name, m) for p in _modules("i18n") for m in _imports(p)
                 if m.split(".")[0] in _EDGE_LIBRARIES
                 or (m.split(".")[0] == "ln_scheduler" and not m.startswith("ln_scheduler.i18n"))]
    assert offenders == []


def test_reports_and_exports_do_not_touch_qt_or_the_database_directly():
    offenders = [
        (str(p.relative_to(PACKAGE)), m)
        for sub in ("reports", "exports")
        for p in _modules(sub)
        for m in _imports(p)
        if m.split(".")[0] in ("PySide6", "sqlalchemy") or m.startswith("ln_scheduler.store")
    ]
    assert offenders == []


def test_only_publishing_talks_caldav_and_it_does_not_touch_the_database():
    """The CalDAV server is an edge like Qt and PDF: one package talks to it (through the caldav
    library), and that package knows nothing of the store; services decide what to publish."""
    outside = [(str(p.relative_to(PACKAGE)), m) for p in _modules()
               if p.relative_to(PACKAGE).parts[0] != "publishing"
               for m in _imports(p) if m.split(".")[0] in ("caldav", "niquests")]
    inside = [(p.name, m) for p in _modules("publishing") for m in _imports(p)
              if m.split(".")[0] in ("sqlalchemy", "PySide6") or m.startswith(("ln_scheduler.store",
                                                                               "ln_scheduler.services"))]
    assert outside == [] and inside == []


def test_the_ui_reaches_the_calendar_server_only_through_the_services():
    """The GUI asks the services (check, set up, publish, the keyring's answer): one place decides
    what a workstation may do with the shared calendar, and the CLI and GUI behave alike."""
    offenders = [(str(p.relative_to(PACKAGE)), m) for p in _modules("ui") for m in _imports(p)
                 if m.startswith("ln_scheduler.publishing") or m.split(".")[0] in ("caldav", "keyring")]
    assert offenders == []


def test_the_layering_check_sees_a_violation(tmp_path):
    bad = tmp_path / "probe.py"
    bad.write_text("from ..store import models\nfrom . import schedule\nimport PySide6.QtCore\n")
    names = _imports(bad, "ln_scheduler.domain")
    assert names == {"ln_scheduler.store", "ln_scheduler.domain", "PySide6.QtCore"}
