"""Keyboard mnemonics (the underlined letter, Alt+letter) of a window, grouped the way Qt scopes
them: one window's labels, buttons, check boxes, group boxes, tab titles and menu-bar titles share
the Alt+letter space; widgets on a tab page are live only while that page is shown; each menu's
items are a space of their own (Alt+H in Site settings, meant for the Reason field, unticked "US
federal holidays")."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QWidget,
)


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), lower case."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def _page_of(widget: QWidget, root: QWidget) -> QWidget | None:
    """The innermost tab or stack page ``widget`` is on (below ``root``), else None."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not root:
        if isinstance(parent, QStackedWidget):
            return child
        child, parent = parent, parent.parentWidget()
    return None


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabWidget):
        return [widget.tabText(i) for i in range(widget.count())]
    return []


def clashes(root: QWidget) -> list[str]:
    """Every letter used twice in one scope of ``root``, as ``scope: &x in 'A', 'B'``."""
    common: list[tuple[str, str]] = []
    pages: dict[QWidget, list[tuple[str, str]]] = defaultdict(list)
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QMenu) or widget.window() is not root:
            continue
        for text in _texts(widget):
            key = mnemonic(text)
            if key:
                page = _page_of(widget, root)
                (pages[page] if page is not None else common).append((key, text))
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            key = mnemonic(action.text())
            if key:
                common.append((key, f"menu {action.text()}"))
    problems = _duplicates(root.objectName(), common)
    for page, items in pages.items():
        problems += _duplicates(f"{root.objectName()} page {page.objectName()}", common + items)
    for menu in root.findChildren(QMenu):
        items = [(k, a.text()) for a in menu.actions() if (k := mnemonic(a.text()))]
        problems += _duplicates(f"{root.objectName()} menu {menu.title()}", items)
    return sorted(set(problems))


def _duplicates(scope: str, items: list[tuple[str, str]]) -> list[str]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, text in items:
        if text not in by_key[key]:
            by_key[key].append(text)
    return [f"{scope}: &{key} in {', '.join(repr(t) for t in texts)}"
            for key, texts in sorted(by_key.items()) if len(texts) > 1]
