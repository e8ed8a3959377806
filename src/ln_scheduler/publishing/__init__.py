"""Publishing the site's calendar to a CalDAV server: the edge that talks to the server
(:mod:`.caldav_server`) and the OS keyring that holds its password (:mod:`.passwords`). What to
publish and when is decided in :mod:`ln_scheduler.services.calendar_publishing`."""
