from PySide6.QtWidgets import QApplication, QWidget, QLayout
from .test_workflows import enrolled_in_follow_up, select_participant

def test_dbg(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    for tab in (0, 1, 2):
        window.show_tab(tab)
        QApplication.processEvents()
    tabs = window.ui.tabs if hasattr(window.ui, 'tabs') else None
    for w in window.findChildren(QWidget):
        if w.minimumSizeHint().width() > 700 and w.isVisibleTo(window):
            print(w.metaObject().className(), w.objectName(), w.minimumSizeHint().width())
    for l in window.findChildren(QLayout):
        if l.minimumSize().width() > 600:
            print('L', l.metaObject().className(), l.objectName(), l.minimumSize().width())
