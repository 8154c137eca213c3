"""The indexes the statistics read (services/statistics; migration 0020_statistics_indexes).

Declared here against the tables, not in each model, so they are found in one place with the
queries they serve:

- the complaints received in a period by each coded field, read from the index alone
  (`ix_complaints_statistics`; the id last, for the grounds' and parties' joins);
- the backlog: complaints open now (a partial index), closed after a day, archived after a day
  (the triage index, which also serves the triage outcomes, archive reasons and durations);
- the prosecutor's answers, the respondents named in a complaint, referrals sent by purpose,
  decisions per respondent, proceedings closed, deadlines due in a period.
"""

from __future__ import annotations

from sqlalchemy import Index, text

from cicdr.models.complaints import Complaint, Party
from cicdr.models.deadlines import Deadline
from cicdr.models.proceedings import Proceeding, ProceedingRespondent
from cicdr.models.referrals import Referral

C = Complaint
OPEN = text("closed_on IS NULL AND (triage_outcome IS NULL OR triage_outcome <> 'archived')")
CLOSED = text("closed_on IS NOT NULL")

INDEXES = (
    Index("ix_complaints_statistics", C.received_at, C.origin, C.channel, C.district,
          C.context, C.practice, C.expression, C.victim_kind, C.victim_sex, C.incident_id,
          C.id),
    Index("ix_complaints_open_received_at", C.received_at, sqlite_where=OPEN,
          postgresql_where=OPEN),
    # Partial: the open complaints (closed_on IS NULL) are read from the index above.
    Index("ix_complaints_closed_on", C.closed_on, C.received_at, sqlite_where=CLOSED,
          postgresql_where=CLOSED),
    Index("ix_complaints_triage_statistics", C.triage_outcome_on, C.triage_outcome,
          C.archive_reason, C.received_at, C.closed_on),
    Index("ix_complaints_prosecutor_outcome_on", C.prosecutor_outcome_on,
          C.prosecutor_outcome),
    Index("ix_parties_complaint_id_role_kind", Party.complaint_id, Party.role, Party.kind,
          Party.security_force),
    Index("ix_referrals_purpose_sent_on", Referral.purpose, Referral.sent_on, Referral.body),
    Index("ix_proceeding_respondents_decided_on", ProceedingRespondent.decided_on,
          ProceedingRespondent.outcome, ProceedingRespondent.proceeding_id),
    Index("ix_proceedings_closed_on", Proceeding.closed_on, Proceeding.opened_at),
    Index("ix_deadlines_due_on_kind", Deadline.due_on, Deadline.kind, Deadline.ended_on,
          Deadline.suspended_since),
)
