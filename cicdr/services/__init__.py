"""The application's services: the only code that opens and commits a transaction.

One subpackage per capability (each docstring says what it owns):

- `core`: database session type, domain errors, actors, blob storage, case numbering, and the
  legal tables read from the database.
- `engine`: `fire` (lock, version check, trigger, effects, audit event, commit), the effects of
  each trigger, and the system's own scheduled triggers.
- `intake`: complaint drafts, filing from the public form, registration, evidence uploads.
- `casework`: what staff and the complainant do on a case besides firing a trigger: editing,
  messages and notes, referral drafts, bulk actions, duplicates, the complainant's follow-up.
- `queries`: read-only views of cases: lists, filters, search, My work, history in words,
  exports, diagrams, published decisions.
- `audit`: the hash chain of audit events, its anchors and verification, access records.
- `notify`: e-mail composed, queued in the outbox and delivered by the worker.
- `admin`: staff accounts and second factor, reference data, retention.
- `documents`: legal letters and case histories as PDF, staff uploads.

Services take a SQLAlchemy session and an actor, raise `core.errors` exceptions and never
return HTTP responses.
"""
