"""E-mail: every message composed in `compose` (its own Jinja environment on templates/mail and
the translation catalogues, no Flask), queued in the outbox in the transaction of the change it
announces (`events`, `deadline_reminders`, `intake.filing`), and delivered over SMTP only by the
outbox sender (`flask cicdr worker` / `tick`), never inside a web request."""
