"""The public portal (no account; never shows staff names, notes or internal data)."""

from __future__ import annotations

from typing import Any

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cicdr.extensions import db, limiter
from cicdr.forms.portal import EvidenceForm, FollowForm, MessageForm, WithdrawForm
from cicdr.languages import LANGUAGES
from cicdr.models import Complaint
from cicdr.services.casework import follow_sessions, follow_up
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import find_by_code
from cicdr.services.intake.uploads import UploadsRejected
from cicdr.status import STATUS
from cicdr.views import complaint_form as wizard
from cicdr.views import limits
from cicdr.views.portal import follow_words
from cicdr.views.portal.blueprint import bp

ACT_URL = "https://www.act.gov.pt/"
STATE_NAMES = {  # a state, in a word or two, for the timeline
    "received": _l("Received."),
    "triage": _l("An officer started checking it."),
    "awaiting_information": _l("CICDR asked you for information."),
    "non_opening_proposed": _l("CICDR proposed not to act on it."),
    "referred_to_prosecutor": _l("Sent to the Public Prosecutor."),
    "forwarded": _l("Sent to the body that can act on it."),
    "proceeding_opened": _l("CICDR opened a proceeding."),
    "archived": _l("Closed without further action."),
    "closed": _l("The handling finished."),
}
WITHDRAWABLE = ("received", "triage", "awaiting_information", "non_opening_proposed")


@bp.get("/")
def index() -> Any:
    """Landing page: what CICDR can and cannot act on, what happens next, privacy."""
    return render_template("portal/index.html", act_url=ACT_URL)


def _is_submission() -> bool:
    return request.method == "POST" and (request.view_args or {}).get("step") == "review" \
        and request.form.get("nav", "submit") == "submit"


def _is_upload() -> bool:
    return request.method == "POST" and (request.view_args or {}).get("step") == "evidence" \
        and bool(request.files)


@bp.get("/complaint")
def complaint_start() -> Any:
    """The complaint form: continue the draft on this browser, or start it."""
    return wizard.start(wizard.PUBLIC)


@bp.route("/complaint/<step>", methods=["GET", "POST"])
@limiter.limit(limits.setting("COMPLAINT_LIMIT"), exempt_when=lambda: not _is_submission(),
               deduct_when=limits.completed_filing)
@limiter.limit(limits.setting("UPLOAD_LIMIT"), exempt_when=lambda: not _is_upload())
@limiter.limit(limits.setting("COMPLAINT_STEP_LIMIT"), methods=["POST"])
def complaint_step(step: str) -> Any:
    """One step of the complaint form."""
    return wizard.step(wizard.PUBLIC, step)


@bp.get("/complaint/done")
def complaint_step_done() -> Any:
    """The reference and access code of the complaint just filed."""
    return wizard.done(wizard.PUBLIC)


@bp.get("/complaint/done/code.txt")
def complaint_step_done_text() -> Any:
    """The reference and access code as a text file."""
    return wizard.done_text(wizard.PUBLIC)


def _follow_limit() -> str:
    return str(current_app.config["FOLLOW_UP_LIMIT"])


@bp.route("/follow", methods=["GET", "POST"])
@limiter.limit(_follow_limit, methods=["POST"])
def follow() -> Any:
    """Sign in to a complaint with reference and access code (one generic error)."""
    form = FollowForm()
    if form.validate_on_submit():
        complaint = find_by_code(db.session, form.reference.data, form.code.data)
        if complaint is not None:
            language = session.get("lang")
            session.clear()  # a fresh session: nothing from before carries over...
            if language:
                session["lang"] = language  # ...except the language the person chose
            elif (complaint.preferred_language or complaint.language) in LANGUAGES:
                # none chosen on this browser: the language they filed in (or asked replies in)
                session["lang"] = complaint.preferred_language or complaint.language
            session["following"] = follow_sessions.start(db.session, complaint)
            return redirect(url_for("portal.case"))
        form.code.errors = [_("The reference or the access code is not right.")]
    status = 400 if request.method == "POST" else 200
    return render_template("portal/follow.html", form=form), status


def _followed() -> Complaint:
    """The complaint this browser signed in to, or back to the sign-in page."""
    complaint = follow_sessions.current(db.session, session.get("following"))
    if complaint is None:
        session.pop("following", None)
        abort(redirect(url_for("portal.follow")))
    return complaint


def _page(complaint: Complaint, status: int = 200, **forms: Any) -> Any:
    forms.setdefault("message_form", MessageForm(prefix="message"))
    forms.setdefault("answer_form", MessageForm(prefix="answer"))
    forms.setdefault("comment_form", MessageForm(prefix="comment"))
    forms.setdefault("withdraw_form", WithdrawForm(prefix="withdraw"))
    forms.setdefault("evidence_form", EvidenceForm(prefix="evidence"))
    return render_template(
        "portal/case.html", complaint=complaint, status_text=_(STATUS[complaint.state]),
        messages=follow_up.messages(db.session, complaint),
        request_text=follow_up.pending_request(db.session, complaint),
        comment_until=follow_up.comment_deadline(complaint),
        answer_by=follow_up.answer_by(complaint), outcome=follow_up.outcome(complaint),
        words=follow_words, next_step=follow_words.NEXT_STEPS.get(complaint.state),
        can_withdraw=complaint.state in WITHDRAWABLE and not complaint.withdrawal_pending,
        state_names=STATE_NAMES,
        can_add_evidence=complaint.state in follow_up.EVIDENCE_STATES,
        timeline=follow_up.timeline(db.session, complaint),
        files=follow_up.own_files(db.session, complaint), **forms), status


@bp.get("/follow/case")
def case() -> Any:
    """The complaint's status in plain words, messages, and what the person can do now."""
    return _page(_followed())


@bp.post("/follow/case/<action>")
@limiter.limit(limits.setting("FOLLOW_WRITE_LIMIT"))
@limiter.limit(limits.setting("UPLOAD_LIMIT"), exempt_when=lambda: not request.files)
def act(action: str) -> Any:
    """Send a message, answer a request, comment, or withdraw."""
    complaint = _followed()
    prefix = {"message": "message", "answer": "answer", "comment": "comment",
              "withdraw": "withdraw", "evidence": "evidence"}.get(action)
    if prefix is None:
        abort(404)
    form_class: Any = {"withdraw": WithdrawForm, "evidence": EvidenceForm}.get(action,
                                                                               MessageForm)
    form = form_class(prefix=prefix)
    if not form.validate_on_submit():
        return _page(complaint, 422, **{f"{prefix}_form": form})
    if action == "evidence":
        return _add_evidence(complaint, form)
    try:
        actor = follow_up.actor_for(complaint)
        if action == "message":
            follow_up.send_message(db.session, complaint, form.body.data)
        elif action == "answer":
            fire(db.session, complaint, "information_received", actor, answer=form.body.data)
        elif action == "comment":
            fire(db.session, complaint, "comment_non_opening", actor, comment=form.body.data)
        else:
            fire(db.session, complaint, "withdraw", actor)
    except (TransitionDenied, Conflict, InvalidData):
        flash(_("This is not possible any more. The page now shows the current status."),
              "error")
        return redirect(url_for("portal.case"))
    flash({"message": _("Your message was sent."), "answer": _("Your answer was sent."),
           "comment": _("Your comment was sent."),
           "withdraw": _("Your withdrawal was recorded. The president of CICDR decides "
                         "whether to close your complaint or to continue on CICDR's own "
                         "initiative.")}[action], "success")
    return redirect(url_for("portal.case"))


def _add_evidence(complaint: Complaint, form: EvidenceForm) -> Any:
    chosen = [(f.filename or "", f.read()) for f in form.files.data if f and f.filename]
    try:
        added = follow_up.add_evidence(db.session, complaint, chosen, wizard.store(),
                                    wizard.limits())
    except UploadsRejected as rejected:
        form.files.errors = wizard.upload_errors(rejected)
        return _page(complaint, 422, evidence_form=form)
    except TransitionDenied:
        flash(_("This is not possible any more. The page now shows the current status."),
              "error")
        return redirect(url_for("portal.case"))
    flash(_("Files added: %(count)s.", count=len(added)), "success")
    return redirect(url_for("portal.case"))


@bp.post("/follow/leave")
def leave() -> Any:
    """End the follow-up session on this browser, for good (a copy of the cookie opens nothing)."""
    follow_sessions.revoke(db.session, session.pop("following", None))
    flash(_("You have left your complaint's page."), "info")
    return redirect(url_for("portal.follow"))


