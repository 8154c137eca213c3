"""E-mail through an outbox: queued in the change's transaction, delivered by the sender.

`queue` runs inside the change (composed by `compose`); `deliver` runs only in the outbox
sender (`flask cicdr worker`, `tick`, `notify`, `send-mail`), never in a web request, so a slow
or absent mail server never slows or fails what a person does. SMTP comes from the
configuration (MAIL_SERVER, MAIL_PORT, MAIL_SECURITY none|starttls|ssl, MAIL_USERNAME,
MAIL_PASSWORD, MAIL_FROM; `SmtpSettings.from_config` reads a Flask config or `os.environ`).
Without MAIL_SERVER nothing is sent and messages wait in the outbox.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from sqlalchemy import select

from cicdr.models import OutboxMail
from cicdr.models.base import utcnow
from cicdr.services.core.types import DbSession

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
# A mail that carries an access code (compose.ACCESS_CODE_KIND): once sent, its body is
# replaced by this, so the code does not stay readable in the database or its backups.
SECRET_KIND = "access_code"  # noqa: S105 - a kind of mail, not a password
ERASED = "(This message contained an access code; its text was erased once it was sent.)"


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send."""

    server: str | None
    port: int = 25
    security: str = "none"  # none, starttls or ssl
    username: str | None = None
    password: str | None = None
    sender: str = "CICDR <nao-responder@cicdr.pt>"
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: Any) -> SmtpSettings:
        """From a Flask config or `os.environ` (the same names, the same defaults)."""
        return cls(server=config.get("MAIL_SERVER") or None,
                   port=int(config.get("MAIL_PORT") or 25),
                   security=str(config.get("MAIL_SECURITY") or "none").lower(),
                   username=config.get("MAIL_USERNAME") or None,
                   password=config.get("MAIL_PASSWORD") or None,
                   sender=str(config.get("MAIL_FROM") or cls.sender))


def queue(session: DbSession, *, to: str, subject: str, body: str, language: str, kind: str,
          complaint_id: int | None = None) -> OutboxMail:
    """Add a message to the outbox, in the caller's transaction (no commit)."""
    mail = OutboxMail(to_address=to, subject=subject, body=body, language=language, kind=kind,
                      complaint_id=complaint_id, attempts=0)
    session.add(mail)
    return mail


def _message(mail: OutboxMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="cicdr.pt")
    message.set_content(mail.body)  # first: set_content drops any Content-* header set before
    message["Content-Language"] = mail.language
    return message


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    assert settings.server
    if settings.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.server, settings.port,
                                              timeout=settings.timeout,
                                              context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
        if settings.security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if settings.username:
        smtp.login(settings.username, settings.password or "")
    return smtp


def deliver(session: DbSession, settings: SmtpSettings,
            ids: Iterable[int] | None = None) -> tuple[int, int]:
    """Send pending messages (only `ids` when given); return (sent, failed). Commits each."""
    if not settings.server:
        return 0, 0
    query = select(OutboxMail).where(OutboxMail.sent_at.is_(None),
                                     OutboxMail.attempts < MAX_ATTEMPTS).order_by(OutboxMail.id)
    if ids is not None:
        query = query.where(OutboxMail.id.in_(list(ids)))
    pending = list(session.scalars(query))
    if not pending:
        return 0, 0
    sent = failed = 0
    try:
        smtp = _connect(settings)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("mail server unreachable: %s", error)
        for mail in pending:
            mail.attempts += 1
            mail.last_error = f"connect: {error}"[:1000]
        session.commit()
        return 0, len(pending)
    with smtp:
        for mail in pending:
            mail.attempts += 1
            try:
                smtp.send_message(_message(mail, settings.sender))
                mail.sent_at, mail.last_error = utcnow(), None
                if mail.kind == SECRET_KIND:  # nobody reads an access code in the outbox later
                    mail.body = ERASED
                sent += 1
            except (OSError, smtplib.SMTPException) as error:
                mail.last_error = str(error)[:1000]
                failed += 1
                log.warning("mail %s not sent: %s", mail.id, _without_addresses(error))
            session.commit()
    return sent, failed


def _without_addresses(error: BaseException) -> str:
    """What went wrong, for the log, without the text of the error: SMTP refusals quote the
    recipient's address, which is personal data (it stays in the outbox row's last_error)."""
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__}" + (f" (SMTP {code})" if code else "")
