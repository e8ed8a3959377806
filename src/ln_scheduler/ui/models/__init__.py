"""Table models for every list in the GUI: plain QAbstractTableModels over the detached records
that services return, with column constants and named roles, testable without a window."""
