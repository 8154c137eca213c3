"""Which triggers cannot be taken back (workflows/irreversible.py), derived from the workflows:
every step that ends or archives a case, starts someone's term outside CICDR, or sends or
publishes something is declared, with a consequence a person can read."""

from __future__ import annotations

from workflows import workflows
from workflows.irreversible import CONSEQUENCES, consequence, is_irreversible

# The steps the issue names (issue 15 part 3), each in the workflow it belongs to.
NAMED = {("complaint", "archive"), ("complaint", "decide_non_opening"),
         ("complaint", "accept_withdrawal"), ("complaint", "refer_to_prosecutor"),
         ("complaint", "forward"), ("complaint", "open_proceeding"),
         ("proceeding", "decide"), ("proceeding", "notify_decision"),
         ("proceeding", "notify_accusation"), ("proceeding", "send_to_prosecutor"),
         ("proceeding", "publish"), ("proceeding", "close"), ("referral", "send"),
         ("referral", "close")}
# Terms that run for someone outside CICDR once they are told: starting one tells them.
OUTSIDE_TERMS = {"complainant_information", "non_opening_comment", "defence", "appeal"}
# Reversible: another firing of the same or another trigger brings things back.
UNDONE_BY = {("complaint", "assign"): "assign", ("proceeding", "transfer"): "transfer",
             ("complaint", "reconsider"): "propose_non_opening",
             ("complaint", "reopen"): "archive"}


def test_every_declared_irreversible_step_is_a_trigger_of_its_workflow() -> None:
    declared = {(name, t) for name, wf in workflows().items() for t in wf.triggers}
    assert set(CONSEQUENCES) <= declared, sorted(set(CONSEQUENCES) - declared)


def test_the_steps_the_issue_names_are_irreversible() -> None:
    assert set(CONSEQUENCES) >= NAMED, sorted(NAMED - set(CONSEQUENCES))


def test_every_step_that_ends_or_archives_a_case_is_irreversible() -> None:
    for name, wf in workflows().items():
        ending = wf.terminal | {"archived"}
        for t in wf.transitions:
            dest = t.get("dest")
            if dest is not None and str(getattr(dest, "value", dest)) in ending:
                assert is_irreversible(name, t["trigger"]), (name, t["trigger"])


def test_every_step_that_starts_a_term_outside_cicdr_is_irreversible() -> None:
    for name, wf in workflows().items():
        for spec in wf.triggers.values():
            if {s.kind for s in spec.starts} & OUTSIDE_TERMS:
                assert is_irreversible(name, spec.name), (name, spec.name)


def test_steps_another_step_undoes_ask_for_no_confirmation() -> None:
    for (name, trigger), undoer in UNDONE_BY.items():
        assert trigger in workflows()[name].triggers and undoer in workflows()[name].triggers
        assert consequence(name, trigger) is None, trigger


def test_each_consequence_is_said_in_full_sentences() -> None:
    for key, text in CONSEQUENCES.items():
        assert text[0].isupper() and text.endswith("."), key
        assert "cannot be undone" in text, key
        assert "_" not in text, key  # words, never a code
