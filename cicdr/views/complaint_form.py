"""The complaint form in steps, for the public portal and for staff registering a complaint
received by another channel (the same form; staff also record the channel and are the actor).

Every POST first saves what was sent into the server-side draft, valid or not, so that a
validation error, the back button or a reload never loses what was typed. Moving forward
validates the step; the review step validates every step again before filing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from flask import (
    Response,
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
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from cicdr.extensions import db
from cicdr.forms import complaint as forms
from cicdr.forms.draft_fields import step_limits
from cicdr.forms.report_codes import report_codes_of
from cicdr.i18n import LANGUAGES, current_language
from cicdr.models import ComplaintDraft
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import record_id, whole_number
from cicdr.services.intake import drafts, filing
from cicdr.services.intake.registration import NewComplaint, PartyData
from cicdr.services.intake.uploads import UploadLimits, UploadsRejected
from cicdr.views import limits as client_limits
from cicdr.views.complaint_parts import StepParts

SLUGS = [slug for slug, _title, _cls in forms.STEPS]
NOT_SAVED = {"csrf_token", "nav", "website", "files", "draft"}
WITH_FILES = ("evidence", "review")  # the steps that list or file the draft's files
SUMMARISED = SLUGS[:-2]  # the steps the review summarises from their forms (files: the draft's)
FRESH = SLUGS[:-1]  # the steps whose fields may be kept whole when never sent (not the review)
DONE_SECONDS = 15 * 60  # the reference and code stay visible on this browser for 15 minutes
ROWS = {"respondent": ("who-did-it", "respondents", forms.MAX_RESPONDENTS),
        "victim": ("people", "victims", forms.MAX_PEOPLE),
        "witness": ("people", "witnesses", forms.MAX_PEOPLE)}


@dataclass(frozen=True)
class Mode:
    """Where the form runs: its URLs, its layout and who files."""

    name: str  # public or staff
    endpoint: str  # the step endpoint; `<endpoint>_done` shows the result
    layout: str

    @property
    def key(self) -> str:
        return f"draft_{self.name}"

    @property
    def staff(self) -> bool:
        return self.name == "staff"

    def url(self, slug: str, **args: Any) -> str:
        return url_for(self.endpoint, step=slug, **args)

    def user_id(self) -> int | None:
        return int(current_user.id) if self.staff else None


PUBLIC = Mode("public", "portal.complaint_step", "portal/base.html")
STAFF = Mode("staff", "workspace.new_complaint_step", "portal/base.html")


def store() -> BlobStore:
    return BlobStore(current_app.config["BLOB_DIR"])


def upload_errors(rejected: UploadsRejected) -> list[str]:
    """Each refused file's message in the visitor's language."""
    return [_(template).format(**params)
            for template, params in (e.translatable() for e in rejected.errors)]


def limits() -> UploadLimits:
    return UploadLimits(**current_app.config.get("UPLOAD_LIMITS", {}))


# -- the draft ---------------------------------------------------------------------------------

def current_draft(mode: Mode, create: bool = False,
                  files: bool = False) -> drafts.Draft | None:
    """This browser's draft; `create` starts one when there is none (a public draft counts
    against its client's cap on open drafts: 429 beyond it). With `files`, the mapped draft
    with its files' list; without, only its row's values (`drafts.DraftValues`: cheaper)."""
    token, user_id = session.get(mode.key), mode.user_id()
    draft: drafts.Draft | None = \
        drafts.find(db.session, token, mode.name, user_id, files=True) if files else \
        drafts.find_values(db.session, token, mode.name, user_id)
    return new_draft(mode) if draft is None and create else draft


def new_draft(mode: Mode, commit: bool = True) -> ComplaintDraft:
    """A new draft for this browser (429 beyond the client's cap on open public drafts);
    commit=False leaves it for the commit of the step that starts it."""
    capped: dict[str, Any] = {} if mode.staff else {
        "client_key": client_limits.client_key(),
        "most": int(current_app.config.get("DRAFT_CLIENT_LIMIT", 20))}
    try:
        draft, token = drafts.start(db.session, mode.name, current_language(),
                                    mode.user_id(), commit=commit, **capped)
    except drafts.TooManyDrafts:
        abort(429)
    session[mode.key] = token
    return draft


def save(draft: drafts.Draft, slug: str, pairs: list[list[str]], **extra: Any) -> None:
    """Keep what was sent for a step: the form's fields only, each within its limit (413 when
    the draft would grow beyond any real complaint). Not committed: the step commits once,
    with whatever else it writes (`step`)."""
    try:
        drafts.save_step(db.session, draft, slug, pairs, limits=step_limits(slug),
                         commit=False, **extra)
    except drafts.DraftTooLarge:
        db.session.rollback()
        abort(413)


def _pairs(data: MultiDict[str, str]) -> list[list[str]]:
    return [[k, v] for k, v in data.items(multi=True) if k not in NOT_SAVED]


def make_form(mode: Mode, slug: str, formdata: Any = None, *, saved: bool = False,
              csrf: bool = True) -> Any:
    """The step's form: from the request, or (saved=True) from the draft's values; a form
    only checked, never shown, needs no CSRF token (csrf=False)."""
    cls = forms.STEPS[SLUGS.index(slug)][2]
    meta = {} if csrf else {"csrf": False}
    form = cls(formdata=formdata, meta=meta) if saved else cls(meta=meta)
    if slug == "about-you":
        if not mode.staff:
            del form["channel"]
        if not form.preferred_language.data or form.preferred_language.data not in LANGUAGES:
            form.preferred_language.data = current_language()
    return form


def saved_form(mode: Mode, draft: drafts.Draft, slug: str, *, csrf: bool = False) -> Any:
    """The step's form holding what the draft saved (csrf=True for a form to show)."""
    pairs = drafts.step_pairs(draft, slug)
    return make_form(mode, slug, MultiDict([(k, v) for k, v in pairs]) if pairs else None,
                     saved=True, csrf=csrf)


def _rows_changed(mode: Mode, draft: drafts.Draft, nav: str) -> tuple[str, str] | None:
    """Add or remove a row of respondents, victims or witnesses; return (step, list id)."""
    action, _sep, rest = nav.partition("-")
    kind, _sep, index = rest.partition("-")
    if action not in ("add", "remove") or kind not in ROWS:
        return None
    slug, prefix, most = ROWS[kind]
    form = saved_form(mode, draft, slug)
    rows = [e.data for e in form[prefix].entries]
    if action == "add" and len(rows) < most:
        rows.append({})
    elif action == "remove" and (row := whole_number(index)) is not None and row < len(rows):
        rows.pop(row)
    pairs = [p for p in drafts.step_pairs(draft, slug) or []
             if not p[0].startswith(prefix + "-")]
    for i, row in enumerate(rows):
        pairs += [[f"{prefix}-{i}-{k}", v or ""] for k, v in row.items()] or \
            [[f"{prefix}-{i}-name", ""]]
    if kind == "respondent" and not rows:
        pairs.append([f"{prefix}-0-kind", ""])
    drafts.save_step(db.session, draft, slug, pairs, commit=False)
    return slug, prefix


# -- from the steps to a complaint ---------------------------------------------------------------

def collect(mode: Mode, draft: ComplaintDraft,
            review: Any) -> tuple[NewComplaint | None, str | None]:
    """The complaint the draft describes, with the review step's form (`review`, as just sent
    and saved), or the first step that needs attention."""
    valid: dict[str, Any] = {}
    for slug in SLUGS[:-2]:  # evidence is optional, review is this page
        form = saved_form(mode, draft, slug)
        if drafts.step_pairs(draft, slug) is None or not form.validate():
            return None, slug
        valid[slug] = form
    about, facts, why = valid["about-you"], valid["what-happened"], valid["why"]
    origin, party_kind = forms.COMPLAINANT_TYPES[about.complainant_type.data]
    complainant = None
    if not about.anonymous.data:
        complainant = PartyData(role="complainant", kind=party_kind,
                                name=about.name.data.strip(),
                                email=(about.email.data or "").strip() or None,
                                phone=(about.phone.data or "").strip() or None,
                                address=(about.address.data or "").strip() or None)
    respondents = []
    for r in valid["who-did-it"].respondents.data:
        police = r["kind"] == "security_force"
        officer = police and bool(r.get("identified"))  # a natural person, not the force
        respondents.append(PartyData(
            role="respondent", kind="security_officer" if officer else r["kind"],
            name=(r["name"] or "").strip() or None,
            security_force=r["security_force"] if police else None,
            unit=(r["unit"] or "").strip() or None if police else None,
            officer_identification=(r["officer_identification"] or "").strip() or None
            if police else None))
    people = valid["people"]

    def persons(role: str, rows: list[dict[str, str]]) -> list[PartyData]:
        found = []
        for row in rows:
            name, contact = (row["name"] or "").strip(), (row["contact"] or "").strip()
            if name or contact:
                found.append(PartyData(role=role, name=name or None,
                                       email=contact if "@" in contact else None,
                                       phone=contact if contact and "@" not in contact
                                       else None))
        return found

    new = NewComplaint(
        origin=origin, facts_date=facts.facts_date.data, district=facts.district.data,
        context=facts.context.data, description=facts.description.data,
        grounds=[(g, (why.expression(g).data or "").strip() or None)
                 for g in why.grounds.data],
        respondents=respondents,
        channel=about.channel.data if mode.staff else "online",
        language=draft.language, preferred_language=about.preferred_language.data,
        place=(facts.place.data or "").strip() or None,
        practice=forms.PRACTICE_CODES.get(facts.practice.data, facts.practice.data) or None,
        complainant=complainant, victims=persons("victim", people.victims.data),
        witnesses=persons("witness", people.witnesses.data),
        withhold_identity=bool(review.withhold_identity.data),
        contact_channel="portal" if about.anonymous.data else about.contact_channel.data,
        **cast(dict[str, Any], report_codes_of(why)))
    return new, None


# -- the pages -----------------------------------------------------------------------------------

def render_step(mode: Mode, draft: drafts.Draft, slug: str, form: Any, status: int = 200,
                fresh: bool = False, **extra: Any) -> Any:
    """The step's page; `fresh`: a step never sent, shown without errors (its fields are the
    same for every visitor, so the page keeps them whole)."""
    index = SLUGS.index(slug)
    context: dict[str, Any] = {
        "fresh": fresh,
        "mode": mode, "draft": draft, "slug": slug, "form": form, "steps": forms.STEPS,
        "index": index, "labels": forms, "draft_mark": draft_mark, "step_url": mode.url,
        "parts": StepParts(mode.name, slug, current_language()),
        "limits": limits(),
        "today_iso": date.today().isoformat(),
        "earliest_iso": forms.earliest_facts_date().isoformat(), **extra}
    if slug == "review":
        context["saved"] = {s: saved_form(mode, draft, s) for s in SUMMARISED}
    return render_template("portal/complaint_step.html", **context), status


def start(mode: Mode) -> Any:
    """Continue the draft where it is, or begin with the first step."""
    draft = current_draft(mode)
    if draft is not None:
        for slug in SLUGS:
            if drafts.step_pairs(draft, slug) is None:
                return redirect(mode.url(slug))
        return redirect(mode.url("review"))
    return redirect(mode.url(SLUGS[0]))


def step(mode: Mode, slug: str) -> Any:
    """Show or handle one step: the draft is read once, and a step sent is written in one
    commit (its values, and the draft itself on the first step, files on the evidence step)."""
    if slug not in SLUGS:
        abort(404)
    found = current_draft(mode, files=slug in WITH_FILES)
    if request.method == "GET":
        draft = found or ComplaintDraft(mode=mode.name, language=current_language(), data={})
        if slug == "review" and found is None and filed(mode) is not None:
            return _sent_already(mode), 200  # Back after sending: say so, offer no Send
        form = saved_form(mode, draft, slug, csrf=True)
        checked = bool(request.args.get("check"))
        if checked:
            form.validate()
            if "csrf_token" in form:
                form.csrf_token.errors = []  # a page shown, not a form sent
        fresh = not checked and slug in FRESH and drafts.step_pairs(draft, slug) is None and \
            not (slug == "evidence" and draft.files)
        return render_step(mode, draft, slug, form, fresh=fresh)

    stale = _stale(mode, found)
    if stale is not None:
        return stale
    # A draft is stored from the first form sent; a page only looked at stores nothing.
    draft = found or new_draft(mode, commit=False)
    nav = request.form.get("nav", "next")
    form = make_form(mode, slug)
    if slug == "review":  # WITH_FILES: the mapped draft (or a new one)
        return _review_post(mode, cast(ComplaintDraft, draft), form, nav)
    save(draft, slug, _pairs(request.form), language=current_language())
    if slug == "evidence":
        return _evidence_post(mode, cast(ComplaintDraft, draft), form, nav)
    changed = _rows_changed(mode, draft, nav)
    db.session.commit()
    if changed:
        return redirect(mode.url(changed[0]) + f"#{changed[1]}")
    if nav == "back":
        return redirect(mode.url(SLUGS[max(SLUGS.index(slug) - 1, 0)]))
    if not form.validate():
        return render_step(mode, draft, slug, form, 422)
    return redirect(mode.url(SLUGS[SLUGS.index(slug) + 1]))


def draft_mark(draft: drafts.Draft) -> str:
    """Which draft a page of the form belongs to (a prefix of its token's hash, which reveals
    nothing of the token): sent back with every step, so an old page is recognised."""
    return (draft.token_hash or "")[:16]


def _stale(mode: Mode, draft: drafts.Draft | None) -> Any:
    """A page of a draft this browser no longer has (sent, or expired), sent again from the
    browser's history: say what happened instead of starting an empty draft. None otherwise.
    `draft` is this browser's draft (`current_draft`)."""
    mark = request.form.get("draft", "")
    if not mark or (draft is not None and draft_mark(draft) == mark):
        return None
    if draft is None:
        session.pop(mode.key, None)  # an expired draft: the next page starts a new one
    return _sent_already(mode), 409


def _sent_already(mode: Mode) -> str:
    """The page saying that this form's draft was sent (its reference, while this browser may
    still see it) or expired, with the ways forward."""
    return render_template("portal/stale_form.html", mode=mode, shown=filed(mode),
                           start_url=mode.url(SLUGS[0]))


def _evidence_post(mode: Mode, draft: ComplaintDraft, form: Any, nav: str) -> Any:
    """The evidence step: the step's values and the files sent, in one commit."""
    chosen = [(f.filename or "", f.read()) for f in request.files.getlist("files")
              if f and f.filename]
    if chosen:
        try:
            drafts.add_files(db.session, draft, chosen, store(), limits())  # commits
        except UploadsRejected as rejected:
            db.session.commit()  # the step's values; none of the files
            form.files.errors = upload_errors(rejected)
            return render_step(mode, draft, "evidence", form, 422)
        flash(_("Files added: %(count)s.", count=len(chosen)), "success")
    if nav.startswith("remove-file-") and (file_id := record_id(nav[12:])) is not None:
        removed = drafts.remove_file(db.session, draft, file_id)  # commits when removed
        db.session.commit()
        if removed:
            flash(_("The file was removed."), "success")
        return redirect(mode.url("evidence"))
    db.session.commit()  # without files sent: the step's values (nothing left otherwise)
    if nav == "back":
        return redirect(mode.url("people"))
    if nav == "upload":
        return redirect(mode.url("evidence"))
    return redirect(mode.url("review"))


def _review_post(mode: Mode, draft: ComplaintDraft, form: Any, nav: str) -> Any:
    """The review step: its values committed unless the complaint is filed (filing deletes
    the draft in the same transaction as the complaint: nothing to keep then)."""
    pairs = _pairs(request.form)
    save(draft, "review", pairs)
    if nav == "back":
        db.session.commit()
        return redirect(mode.url("evidence"))
    if (request.form.get("website") or "").strip():
        db.session.commit()
        flash(_("This form could not be accepted. Please check it and send it again."),
              "error")
        return render_step(mode, draft, "review", form, 400)
    # Checked without writing the draft first: when it is filed, its DELETE is the first write
    # (a second request filing it meanwhile is told so, `drafts.claim`).
    with db.session.no_autoflush:
        new, bad_step = collect(mode, draft, form)
        valid = bad_step is None and form.validate()
    if bad_step is not None:
        db.session.commit()
        flash(_("Some information is missing or needs correcting. It is shown below."),
              "error")
        return redirect(mode.url(bad_step, check=1))
    if not valid:
        db.session.commit()
        return render_step(mode, draft, "review", form, 422)
    assert new is not None
    actor = current_user if mode.staff else ComplainantActor("(new)")
    try:
        complaint, code, mail_id = filing.file_draft(db.session, draft, new, actor,
                                                     store=store())
    except InvalidData:  # rolled back: the draft is still there; keep the review's values
        kept = current_draft(mode, files=True)
        if kept is not None:
            save(kept, "review", pairs)
            db.session.commit()
            draft = cast(ComplaintDraft, kept)
        flash(_("Some information is missing or needs correcting. It is shown below."),
              "error")
        return render_step(mode, draft, "review", form, 422)
    except drafts.AlreadyFiled:  # a double click: the first request filed it
        session.pop(mode.key, None)
        if filed(mode) is None:
            flash(_("Your complaint had already been sent. If you did not see its reference "
                    "and access code, contact CICDR."), "info")
        return redirect(url_for(mode.endpoint + "_done"))
    client_limits.mark_filed()  # only a completed filing counts against the filing limit
    session.pop(mode.key, None)
    session[f"filed_{mode.name}"] = {"reference": complaint.reference, "code": code,
                                     "at": time.time(), "email": bool(mail_id)}
    return redirect(url_for(mode.endpoint + "_done"))


def filed(mode: Mode) -> dict[str, Any] | None:
    shown = session.get(f"filed_{mode.name}")
    if not shown or time.time() - shown.get("at", 0) > DONE_SECONDS:
        session.pop(f"filed_{mode.name}", None)
        return None
    return dict(shown)


def done(mode: Mode) -> Any:
    """The reference and the access code, to print or save (this browser, 15 minutes)."""
    shown = filed(mode)
    if shown is None:
        return redirect(mode.url(SLUGS[0]) if mode.staff else url_for("portal.follow"))
    response = Response(render_template("portal/complaint_done.html", mode=mode, **shown))
    response.headers["Cache-Control"] = "no-store"
    return response


def done_text(mode: Mode) -> Any:
    """The same as a text file to keep."""
    shown = filed(mode)
    if shown is None:
        abort(404)
    text = render_template("portal/complaint_done.txt", today=date.today(), **shown)
    response = Response(text, mimetype="text/plain; charset=utf-8")
    response.headers["Content-Disposition"] = \
        f'attachment; filename="{shown["reference"]}.txt"'
    response.headers["Cache-Control"] = "no-store"
    return response
