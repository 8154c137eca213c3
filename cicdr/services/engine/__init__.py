"""The transaction engine: `transition.fire` is the one place where a case changes state (lock,
version check, trigger, effects, audit event, commit); `effects` holds what each trigger does
beyond the state (and `milestones` the dates the statistics count); `scheduler` fires the
system's own triggers from `flask cicdr tick`."""

# Registers the session listeners that copy a case's owner onto its deadlines and referrals
# (My work reads them by owner), whatever code changes them.
from cicdr.services.engine import owners as _owners  # noqa: E402, F401
