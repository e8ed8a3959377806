"""One dialog per service (enrol, plan, record, book, done, missed, ...), each built from its
Qt Designer form. Dialogs save through the services object they are given; on an error they stay
open with what the user typed, and show why inline."""
