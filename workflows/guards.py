"""Guards shared by several workflows."""

from __future__ import annotations

from workflows.spec import Guard
from workflows.text import N_

# Separation of duties for referrals to the Public Prosecutor (domain.md section 2): an officer
# drafts, someone else (the president) approves. The subject exposes `prosecutor_draft_by`.
prosecutor_draft_exists = Guard(
    "prosecutor_draft_exists",
    lambda c: c.subject.prosecutor_draft_by is not None,
    N_("An officer must first draft the referral to the Public Prosecutor."),
)
not_own_draft = Guard(
    "not_own_draft",
    lambda c: c.subject.prosecutor_draft_by != c.actor.id,
    N_("You drafted this referral: another person must approve it (separation of duties)."),
)
