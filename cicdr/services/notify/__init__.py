"""E-mail: messages composed from their templates, queued in the outbox in the transaction of
the change they announce, and delivered over SMTP by the outbox sender (`flask cicdr tick`)."""
