"""The desktop application: the only package that imports PySide6.

Layout: ``app`` starts Qt and opens the database after the first paint; ``main_window`` holds the
site and participant views (``views/``); every list is a table model in ``models/``; every
service has a dialog in ``dialogs/`` built from a Qt Designer form (``forms/``, compiled by
``forms/build.py``); ``printing``, ``exporting`` and ``tasks`` connect the reports and exports
packages to the GUI, off the UI thread when they take long.
"""
