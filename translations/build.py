"""Update the Qt translation sources (.ts) of the desktop application and compile them (.qm).

    python translations/build.py             # lupdate every area of every language, then compile
    python translations/build.py --compile   # only compile: resources/translations/ln_scheduler_<lang>.qm
    python translations/build.py --check     # exit 1 listing stale or unfinished .ts (CI and tests/ui)
    python translations/build.py --add fr    # start a new language: translations/fr/<area>.ts
    python translations/build.py --area app  # update (or --check) one area only

Each language is a folder here (``translations/es/``) with one ``.ts`` per *area*, so that people
translating different parts of the window never edit the same file. The ``.ts`` files are the
source (open them with ``pyside6-linguist``); the ``.qm`` files are built, never committed
(``.gitignore``): bootstrap.py and packaging/build.sh compile them. All areas of a language compile
into one ``ln_scheduler_<lang>.qm`` that ``ui/translations.py`` loads at start.

Why ``--check`` runs lupdate on copies: a .ts is stale when the sources gained, changed or dropped
a string since it was last updated; running lupdate on a copy and comparing is the only test that
agrees exactly with what lupdate would write.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUTPUT = ROOT / "src" / "ln_scheduler" / "resources" / "translations"
SOURCE_LANGUAGE = "en"

#: area -> the source files (globs relative to the repository root) whose strings it holds.
AREAS: dict[str, tuple[str, ...]] = {
    "app": ("src/ln_scheduler/ui/*.py", "src/ln_scheduler/ui/models/*.py"),
    "dialogs": ("src/ln_scheduler/ui/dialogs/*.py",),
    "views": ("src/ln_scheduler/ui/views/*.py",),
    "forms": ("forms/*.ui",),
}


def _tool(name: str) -> list[str]:
    """lupdate/lrelease from the installed PySide6 wheel (the runtime's own Qt version, so the
    .ts text is reproducible and the .qm readable by the Qt that loads it)."""
    return [sys.executable, "-c", f"import sys; from PySide6.scripts.pyside_tool import {name}; "
            f"sys.argv[0] = 'pyside6-{name}'; {name}()"]


def languages() -> list[str]:
    """The languages with a folder of .ts files here, by code."""
    return sorted(d.name for d in HERE.iterdir() if d.is_dir() and not d.name.startswith((".", "_")))


def sources(area: str) -> list[str]:
    """The area's source files, relative to the repository root (sorted: a stable lupdate order)."""
    return sorted(str(p.relative_to(ROOT)) for pattern in AREAS[area] for p in ROOT.glob(pattern))


def ts_file(lang: str, area: str) -> Path:
    return HERE / lang / f"{area}.ts"


def update(lang: str, area: str, target: Path | None = None) -> None:
    """Run lupdate for one area of one language into ``target`` (default: the committed .ts)."""
    target = target or ts_file(lang, area)
    target.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([*_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                             "-source-language", SOURCE_LANGUAGE, "-target-language", lang,
                             *sources(area), "-ts", str(target)],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    if "won't be updated" in result.stderr:  # lupdate exits 0 when it refuses (an unknown language)
        raise SystemExit(f"lupdate did not update {target}: {result.stderr.strip()}")


def stale(lang: str, area: str) -> bool:
    """True when lupdate would change the committed .ts (a string added, changed or removed)."""
    committed = ts_file(lang, area)
    if not committed.exists():
        return True
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / committed.name
        shutil.copyfile(committed, copy)
        update(lang, area, copy)
        return copy.read_bytes() != committed.read_bytes()


def unfinished(ts: Path) -> list[str]:
    """``context: source`` of every message of ``ts`` without a finished, non-empty translation."""
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = translation.findall("numerusform") if translation is not None else []
            texts = [f.text for f in forms] if forms else [translation.text if translation is not None else None]
            if (translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete")
                    or not all(t and t.strip() for t in texts)):
                problems.append(f"{name}: {message.findtext('source', '')!r}")
    return problems


FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%\d|</?[A-Za-z]+[^>]*>")


def mismatched(ts: Path) -> list[str]:
    """``context: source`` of every finished translation whose ``{fields}``, ``%n`` or tags differ
    from its source's (``.format(name=...)`` would raise, or a word would be lost)."""
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished":
                continue
            forms = translation.findall("numerusform") or [translation]
            if any(sorted(FIELD.findall(f.text or "")) != sorted(FIELD.findall(source)) for f in forms):
                problems.append(f"{name}: {source!r}")
    return problems


def disagreeing(lang: str) -> list[tuple[str, str, str]]:
    """``(context: source, area, other area)`` of every message that two areas of ``lang``
    translate differently: the .qm holds one translation per context and source, so one of them
    would silently win."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    problems = []
    for area in AREAS:
        ts = ts_file(lang, area)
        if not ts.exists():
            continue
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                key = (name, message.findtext("source", ""))
                translation = "\n".join(t.text or "" for t in message.iter() if t.tag in ("translation", "numerusform"))
                if key in seen and seen[key][1] != translation:
                    problems.append((f"{key[0]}: {key[1]!r}", seen[key][0], area))
                seen.setdefault(key, (area, translation))
    return problems


def check(areas: list[str] | None = None) -> list[str]:
    """Every problem that would make the shipped translations of ``areas`` (default: all) wrong or
    incomplete."""
    problems = []
    for lang in languages():
        for area in areas or AREAS:
            ts = ts_file(lang, area)
            rel = ts.relative_to(ROOT)
            if stale(lang, area):
                problems.append(f"{rel} is out of date with its sources (run: python translations/build.py)")
            if ts.exists():
                problems += [f"{rel}: unfinished translation of {what}" for what in unfinished(ts)]
                problems += [f"{rel}: fields or tags differ in the translation of {what}" for what in mismatched(ts)]
        problems += [f"translations/{lang}: {what} is translated differently in {one} and {other}"
                     for what, one, other in disagreeing(lang) if {one, other} & set(areas or AREAS)]
    return problems


def compile_all(output: Path = OUTPUT) -> list[Path]:
    """lrelease all areas of each language into ``output/ln_scheduler_<lang>.qm``."""
    output.mkdir(parents=True, exist_ok=True)
    built = []
    for lang in languages():
        qm = output / f"ln_scheduler_{lang}.qm"
        ts_files = [str(ts_file(lang, area)) for area in AREAS if ts_file(lang, area).exists()]
        # a new file, then renamed over the old: Qt maps a loaded .qm into memory, and one rewritten
        # in place under a running window turned its texts to garbage
        fresh = qm.with_name(qm.name + ".new")
        subprocess.run([*_tool("lrelease"), "-silent", *ts_files, "-qm", str(fresh)],
                       cwd=ROOT, check=True, capture_output=True, text=True)
        fresh.replace(qm)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="only report stale or unfinished .ts (exit 1 if any)")
    mode.add_argument("--compile", action="store_true", help="only compile the .qm files")
    mode.add_argument("--add", metavar="LANG", help="start the .ts files of a new language (e.g. fr)")
    parser.add_argument("--area", action="append", choices=list(AREAS),
                        help="update or check only this area (repeatable; default: all)")
    args = parser.parse_args(argv)
    areas = args.area or list(AREAS)
    if args.check:
        problems = check(areas)
        for p in problems:
            print(p)
        if problems:
            print("update with: python translations/build.py, then translate with pyside6-linguist")
        return 1 if problems else 0
    if not args.compile:
        for lang in sorted({*languages(), *([args.add] if args.add else [])}):
            for area in areas:
                update(lang, area)
        print(f"updated {', '.join(areas)} of: {', '.join(languages())}")
    built = compile_all()
    print(f"compiled {', '.join(str(qm.relative_to(ROOT)) for qm in built)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
