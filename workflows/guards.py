"""Guards shared by several workflows."""

from __future__ import annotations

from workflows.spec import Field, Guard, a_date, choice, text
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

# -- the prosecutor's answer (RGCO arts 38, 40) ------------------------------------------------

# The coded outcomes of the MP's handling of a possible crime, stored on the case with their date.
PROSECUTOR_OUTCOMES = ("inquiry_opened", "archived", "charged", "convicted", "acquitted",
                       "returned")
# The file comes back: the MP archived the crime or it was not proven, the offence subsists.
RETURN_OUTCOMES = ("archived", "acquitted", "returned")
# A complaint's part ends at the MP: the MP has the case, or ended it with nothing left to CICDR.
CONCLUDE_OUTCOMES = ("inquiry_opened", "charged", "convicted", "archived", "acquitted")
# The MP takes over a proceeding: criminal proceedings include the offence (RGCO art. 38).
TAKE_OVER_OUTCOMES = ("inquiry_opened", "charged", "convicted", "acquitted")

# A case the MP took over (complaint `prosecutor_concluded`, proceeding `prosecutor_took_over`)
# is closed, but the MP may still return the file when it archives the crime and the offence
# subsists. The subject exposes `closed_by_prosecutor`.
closed_by_prosecutor = Guard(
    "closed_by_prosecutor",
    lambda c: bool(c.subject.closed_by_prosecutor),
    N_("Only a file closed because the prosecutor took it can come back from the prosecutor."),
)


def prosecutor_answer(outcomes: tuple[str, ...]) -> tuple[Field, ...]:
    """The data of a trigger that records the MP's answer: its coded outcome (one of
    `outcomes`), the date of the answer and an optional note."""
    return (choice("outcome", N_("Prosecutor's outcome"), outcomes, "prosecutor_outcome"),
            a_date("outcome_on", N_("Date of the prosecutor's answer")),
            text("note", N_("Note"), required=False))
