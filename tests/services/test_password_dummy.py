"""The hash an unknown e-mail's password is checked against (so unknown e-mails cost what known
ones do): a stored literal, not hashed at import (64 MiB in every worker, issue 16)."""

from __future__ import annotations

from cicdr.services.admin import accounts


def test_the_dummy_hash_has_the_default_parameters_and_verifies() -> None:
    dummy = accounts._dummy()
    assert not accounts._hasher.check_needs_rehash(dummy)  # the same work as a real account's
    assert accounts._hasher.verify(dummy, "not-a-real-password")


def test_an_unknown_email_is_refused(session, users) -> None:  # type: ignore[no-untyped-def]
    assert accounts.authenticate(session, "nobody@cicdr.pt", "whatever-password") is None
    assert accounts.authenticate(session, users.officer.email, "wrong-password-1") is None
