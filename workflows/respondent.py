"""Each respondent's own procedure inside a proceeding (domain.md 3.2; RGCO art. 50, Lei 93/2017
art. 20(3)): the stages of a respondent, and the proceeding's state as the summary of its
respondents' stages.

A respondent's stage is a column of the respondent, moved by the proceeding's per-respondent
triggers (the proceeding stays the one audit subject):

    pending -> accused -> decided -> notified -> [appealed -> at_court] -> final
            -> paying -> enforcement -> closed

and `prescribed` from any stage before `final` when that respondent's prescription date has
passed (never while the court's suspension runs). `revoke_decision` and a court's
`returned_for_new_decision` send the respondent back to `accused`.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """A respondent's stage (the column `proceeding_respondents.stage`)."""

    pending = "pending"  # no accusation notified
    accused = "accused"  # accusation notified: defence term running or closed
    decided = "decided"
    notified = "notified"  # decision notified: appeal term running
    appealed = "appealed"  # appeal lodged: the file goes to the MP (appeal_send_mp)
    at_court = "at_court"  # file sent: the court decides
    final = "final"  # decision final
    paying = "paying"  # fine final and unpaid: payment term or instalments
    enforcement = "enforcement"  # referred to the MP for enforcement
    closed = "closed"
    prescribed = "prescribed"


# Before finality: the procedure's prescription runs (RGCO art. 27).
BEFORE_FINAL = frozenset({Stage.pending, Stage.accused, Stage.decided, Stage.notified,
                          Stage.appealed, Stage.at_court})
# At court: not prescribed automatically (the court's suspension, RGCO art. 27-A(1)(c)).
AT_COURT = frozenset({Stage.appealed, Stage.at_court})
# Final or beyond: the decision is final.
FINAL_OR_BEYOND = frozenset({Stage.final, Stage.paying, Stage.enforcement, Stage.closed})
ENDED = frozenset({Stage.closed, Stage.prescribed})
# Why a respondent's procedure closed (`proceeding_respondents.close_reason`).
CLOSE_REASONS = ("paid", "admonished", "enforced", "fine_prescribed", "not_condemnatory",
                 "annulled", "prescribed")
