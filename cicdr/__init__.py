"""CICDR case management: the Flask application factory."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, render_template

from cicdr import logs, routing
from cicdr.config import ROOT, Config


def create_app(config: Any = None) -> Flask:
    """Build the application; `config` is a config object (defaults to the environment)."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), instance_relative_config=True)
    app.config.from_object(config or Config())
    logs.init_app(app)  # first: every later hook and log line has the request id
    routing.init_app(app)  # before the blueprints add their <int:...> rules
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_mail_settings(app)
    configure_legal_core(app)
    register_template_globals(app)
    return app


def register_extensions(app: Flask) -> None:
    from flask_babel import format_date, format_datetime

    from cicdr.extensions import babel, compress, csrf, db, limiter, login_manager, migrate
    from cicdr.forms.errors import leaf_errors
    from cicdr.i18n import (
        LANGUAGES,
        current_language,
        refresh_locale,
        select_locale,
        template_gettext,
        text_direction,
        tr,
    )
    from cicdr.machine_time import html_date, machine_time
    from cicdr.views import staff_session

    db.init_app(app)
    # Importing the search service registers the session listener that keeps the full-text
    # index in step with complaints and parties, whatever code changes them (CLI, jobs, views).
    import cicdr.services.queries.search  # noqa: F401

    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    compress.init_app(app)
    # Registered before the limiter, so it runs after it: the limiter would otherwise stretch an
    # outage's Retry-After to the end of its counting window.
    app.after_request(outage_retry_after)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_locale="pt",
                   default_translation_directories=str(ROOT / "cicdr" / "translations"))
    # The locale is cached on the app context; a request must choose afresh (?lang= may change).
    app.before_request(refresh_locale)
    template_gettext(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current_language,
                                 text_direction=text_direction, form_errors=leaf_errors,
                                 tr=tr)
    app.jinja_env.filters["tr"] = tr
    app.after_request(security_headers)
    app.jinja_env.filters["fromjson"] = json.loads
    app.jinja_env.filters["machine_time"] = machine_time
    app.jinja_env.tests["html_date"] = html_date
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    staff_session.init_app(app)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            _sqlite_pragmas(db.engine)


# Styles come only from the stylesheets under /static (no inline <style> or style=), scripts only
# from /static too; the diagram's SVG response sets a policy of its own.
CSP = ("default-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


# Pages that show or take personal data: the staff side (sign-in included), the complainant's
# follow-up and the complaint form. None may be kept by the browser or a proxy, so Back after
# Exit on a shared computer shows nothing.
PRIVATE_PREFIXES = ("/staff", "/follow", "/complaint")


def security_headers(response: Any) -> Any:
    """No framing, no sniffing, no referrer (a reference must not leak to another site); no
    storing of private pages."""
    from flask import request

    if request.path.startswith(PRIVATE_PREFIXES):  # whatever the view said, nothing is kept
        response.cache_control.no_store = True
        response.cache_control.public = False
        response.cache_control.max_age = None
        response.headers["Pragma"] = "no-cache"  # HTTP/1.0 caches
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def _sqlite_pragmas(engine: Any) -> None:
    """Foreign keys on, WAL for concurrent readers, and wait for the write lock, not fail."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()


def register_blueprints(app: Flask) -> None:
    from cicdr.views import admin, audit, auth, health, portal, workspace

    app.register_blueprint(admin.bp)
    app.register_blueprint(audit.bp)
    app.register_blueprint(portal.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(workspace.bp)
    app.register_blueprint(health.bp)


def register_errorhandlers(app: Flask) -> None:
    from flask import request
    from flask_wtf.csrf import CSRFError

    from workflows.text import N_

    def render_error(error: Any) -> Any:
        code = getattr(error, "code", 500)
        if not request.path.startswith("/staff"):  # the public, translated error page
            return render_template("portal/error.html", code=code,
                                   csrf=isinstance(error, CSRFError)), code
        description = (N_("The form expired or was not sent from this site. Go back, reload "
                          "the page and try again.") if isinstance(error, CSRFError)
                       else N_("Wait a few minutes, then try again.") if code == 429
                       else _own_description(error))
        return render_template("error.html", code=code, description=description), code

    for code in (400, 403, 404, 405, 413, 422, 429, 500):
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_error)
    register_outage_handler(app)


RETRY_SECONDS = 30
OUTAGE_PAGE = """<!doctype html>
<html lang="pt"><head><meta charset="utf-8"><title>Serviço indisponível</title></head>
<body><h1>Serviço temporariamente indisponível</h1>
<p>Não conseguimos guardar nem mostrar a informação neste momento. Nada do que já enviou se
perdeu. Tente de novo dentro de um minuto.</p>
<p lang="en">The service is temporarily unavailable. Nothing you already sent was lost.
Please try again in a minute.</p></body></html>
"""


def outage_retry_after(response: Any) -> Any:
    """The Retry-After of a database outage (see `register_outage_handler`)."""
    from flask import g

    if g.get("database_outage"):
        response.headers["Retry-After"] = str(RETRY_SECONDS)
    return response


def register_outage_handler(app: Flask) -> None:
    """A database that cannot be reached answers 503 with Retry-After and a plain page (no
    template: a page would ask the database for the signed-in user again); the log says what
    failed. The connection pool checks connections before use, so the next request after the
    database is back works without restarting anything."""
    from flask import g
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    from cicdr.extensions import db

    def unavailable(error: DBAPIError) -> Any:
        if not (isinstance(error, (OperationalError, InterfaceError))
                or error.connection_invalidated):
            raise error  # not an outage: the ordinary 500
        app.logger.error("database unavailable (%s): %s", type(error.orig).__name__,
                         str(error.orig).strip().splitlines()[0] if str(error.orig) else error)
        g.database_outage = True
        try:
            db.session.rollback()
        except DBAPIError:
            app.logger.debug("rollback during the outage failed too", exc_info=True)
        return app.response_class(OUTAGE_PAGE, status=503, mimetype="text/html",
                                  headers={"Retry-After": str(RETRY_SECONDS),
                                           "Cache-Control": "no-store"})

    app.register_error_handler(DBAPIError, unavailable)


def _own_description(error: Any) -> str:
    """What the view said about the error; not the HTTP library's generic English text."""
    description = getattr(error, "description", "") or ""
    return "" if description == getattr(type(error), "description", None) else description


def register_commands(app: Flask) -> None:
    from cicdr.cli import cli

    app.cli.add_command(cli)


def register_mail_settings(app: Flask) -> None:
    """Mail composed through this app's database sessions (requests, CLI commands) links to
    its PUBLIC_URL: the services read a plain value from the session, never the app."""
    from sqlalchemy import event

    from cicdr.extensions import db
    from cicdr.services.notify.compose import MailSettings

    app.extensions["cicdr.mail_settings"] = MailSettings.from_config(app.config)
    if not event.contains(db.session, "after_begin", _mail_settings_on_begin):
        event.listen(db.session, "after_begin", _mail_settings_on_begin)


def _mail_settings_on_begin(session: Any, _transaction: Any, _connection: Any) -> None:
    from flask import current_app, has_app_context

    from cicdr.services.notify.compose import use

    if has_app_context() and "cicdr.mail_settings" in current_app.extensions:
        use(session, current_app.extensions["cicdr.mail_settings"])


def configure_legal_core(app: Flask) -> None:
    """Give the legal tables the environment's holiday defaults and build them once at start.

    Afterwards every request takes the tables in force (`cicdr.request_tables.tables`): the
    cached value, or a new one when the `settings_version` counter has moved (an administrator
    changed reference data, possibly in another worker process)."""
    from cicdr.extensions import db
    from cicdr.request_tables import forget_request_tables, tables
    from cicdr.services.audit import configure_hmac
    from cicdr.services.core.legal_tables import (
        CalendarDefaults,
        current_tables,
        use_calendar_defaults,
        use_check_interval,
    )

    use_calendar_defaults(CalendarDefaults(carnival=app.config.get("CALENDAR_CARNIVAL", False),
                                           lisbon=app.config.get("CALENDAR_LISBON", False)))
    use_check_interval(app.config.get("SETTINGS_CHECK_SECONDS", 1.0))
    configure_hmac(app.config.get("AUDIT_HMAC_KEY"))
    with app.app_context():  # not migrated yet: logged, and `flask db upgrade` comes first
        current_tables(db.session)
        db.session.remove()

    @app.before_request
    def take_tables_afresh() -> None:
        """A request reusing an app context (the tests do) takes the tables afresh too."""
        forget_request_tables()

    @app.template_filter("label")
    def label(code: str | None, vocabulary: str) -> str:
        """The Portuguese label of a vocabulary code (the code itself when unknown)."""
        return tables().label(vocabulary, code, "—")


def register_template_globals(app: Flask) -> None:
    """Reference tables the staff pages render (vocabularies, sanctions, approvals)."""
    from cicdr.request_tables import tables
    from workflows.proceeding import INSTRUCTION_TRIGGERS
    from workflows.sanctions import ACCESSORY_KINDS

    @app.context_processor
    def legal_tables() -> dict[str, Any]:
        """The vocabularies and approvals of the request's legal tables."""
        current = tables()
        return {"VOCABULARY": current.vocabularies, "needs_approval": current.needs_approval}

    app.jinja_env.globals["ACCESSORY_KINDS"] = ACCESSORY_KINDS
    register_label_globals(app)
    # The proceeding page's instruction log: the instruction triggers the proceeding workflow
    # declares, and the files added or generated meanwhile (documents service, not triggers).
    app.jinja_env.globals["INSTRUCTION_ACTIONS"] = (
        *INSTRUCTION_TRIGGERS, "add_document", "generate_document")


def register_label_globals(app: Flask) -> None:
    """The names of the legal core's codes, in the request's language (`workflows.labels`)."""
    from cicdr.i18n import tr
    from workflows import labels

    def name_of(group: str, code: Any) -> str:
        """The name of `code` in `group` ("state", "deadline", "role", "outcome"...)."""
        return str(tr(labels.label(group, code)))

    from cicdr.services.queries.history import action_label as named_action

    def action_label(subject_type: str, action: str) -> str:
        """An audit event's action by its name: its trigger's label, or the action's own."""
        return str(tr(named_action(subject_type, action)))

    def trigger_label(name: Any) -> str:
        """The trigger that ended a deadline, by its label."""
        return action_label("", name) if name else "—"

    def actor_of(event: Any) -> str:
        """Who an audit event records as the actor: the staff member's label and role; the
        complainant or the system by their role (their stored label is a code phrase)."""
        if event.role in ("complainant", "system"):
            return name_of("role", event.role)
        return f"{event.actor_label} ({name_of('role', event.role)})"

    app.jinja_env.globals.update(
        actor_of=actor_of, name_of=name_of, trigger_label=trigger_label, action_label=action_label,
        state_label=lambda code: name_of("state", code),
        deadline_label=lambda code: name_of("deadline", code),
        role_label=lambda code: name_of("role", code),
        party_role=lambda code: name_of("party", code),
        file_source=lambda code: name_of("file_source", code),
        vocabulary_name=lambda code: name_of("vocabulary", code),
        unit_name=lambda code: name_of("unit", code),
        counting_name=lambda code: name_of("counting", code))
    app.jinja_env.filters["state_name"] = lambda code: name_of("state", code)
