"""The transaction engine: `transition.fire` is the one place where a case changes state (lock,
version check, trigger, effects, audit event, commit); `effects` holds what each trigger does
beyond the state (and `milestones` the dates the statistics count); `scheduler` fires the
system's own triggers from `flask cicdr tick`."""
