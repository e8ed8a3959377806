"""The three working views of the main window: the site's worklist, the month calendar, and
participants with their timeline and audit trail. Each gets the services object passed in."""
