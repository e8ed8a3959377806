"""Use cases a coordinator performs (enrol, plan, record, withdraw, ...), one transaction each."""
