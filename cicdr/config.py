"""Configuration from environment variables, with safe defaults for a local install."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("CICDR_INSTANCE", ROOT / "instance"))


def database_url(raw: str | None) -> str:
    """Normalise a DATABASE_URL: plain postgres URLs get the psycopg 3 driver."""
    if not raw:
        return f"sqlite:///{INSTANCE / 'cicdr.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept under instance/.

    Several processes may start together (gunicorn workers): each writes a candidate to its own
    temporary file, then hard-links it to the final name, which succeeds for exactly one of
    them and never shows a half-written file; the others read the winner's key."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = INSTANCE / "secret_key"
    if not path.exists():
        INSTANCE.mkdir(parents=True, exist_ok=True)
        _create_once(path, secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it (sessions restart) or set SECRET_KEY")
    return key


def _create_once(path: Path, content: str) -> None:
    """Create `path` holding `content` (mode 0600) unless it exists; atomic (link, O_EXCL)."""
    candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process created it first
            os.link(candidate, path)
    finally:
        candidate.unlink(missing_ok=True)


# Letter settings without a safe default: printed like this until the variable is set.
UNSET = {
    "CICDR_FILE_CONSULTATION_PLACE": "[local a definir: CICDR_FILE_CONSULTATION_PLACE]",
    "CICDR_FILE_CONSULTATION_HOURS": "[horário a definir: CICDR_FILE_CONSULTATION_HOURS]",
    "CICDR_PAYMENT_IBAN": "[IBAN a definir: CICDR_PAYMENT_IBAN]",
    "CICDR_PAYMENT_HOLDER": "[titular a definir: CICDR_PAYMENT_HOLDER]",
}


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def secure_cookies() -> bool:
    """Whether the session and remember cookies carry `Secure` (sent over HTTPS only).

    Yes by default: production is served over HTTPS. No for the plain-HTTP demo (`make run`
    sets CICDR_DEMO=1) and in debug mode (FLASK_DEBUG, set by `flask run --debug`), or the
    browser would drop the cookie and nobody could sign in on http://127.0.0.1:5000.
    CICDR_SECURE_COOKIES, when set, wins either way."""
    if os.environ.get("CICDR_SECURE_COOKIES", "").strip():
        return _flag("CICDR_SECURE_COOKIES")
    return not (_flag("CICDR_DEMO") or _flag("FLASK_DEBUG"))


class Config:
    """Production-shaped defaults; every value can come from the environment."""

    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BLOB_DIR = os.environ.get("CICDR_BLOB_DIR", str(INSTANCE / "blobs"))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True  # set per instance from the environment: secure_cookies()
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = True
    # Staff sessions end after this long without a request, and this long after signing in.
    STAFF_IDLE_MINUTES = float(os.environ.get("CICDR_STAFF_IDLE_MINUTES", "30"))
    STAFF_MAX_HOURS = float(os.environ.get("CICDR_STAFF_MAX_HOURS", "12"))
    PERMANENT_SESSION_LIFETIME = int(STAFF_MAX_HOURS * 3600)  # no cookie outlives the session
    WTF_CSRF_TIME_LIMIT = None  # a long form must not expire while someone types
    # Flask-Compress: text worth compressing, above ~500 bytes (smaller gains nothing). Brotli
    # for the browsers that accept it, else gzip; streamed responses (static files) too, with
    # the ETag marked per encoding (":gzip") so a cache never mixes the two.
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript",
                          "application/json", "image/svg+xml"]
    COMPRESS_MIN_SIZE = 500
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "gzip"]
    MAX_CONTENT_LENGTH = 52 * 1024 * 1024  # a complaint's 50 MB of evidence, plus the form
    CALENDAR_CARNIVAL = _flag("CICDR_CARNIVAL")
    CALENDAR_LISBON = _flag("CICDR_LISBON_HOLIDAY")
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    FOLLOW_UP_LIMIT = os.environ.get("CICDR_FOLLOW_UP_LIMIT", "10 per 15 minutes")
    # Second-factor codes tried, per client address and per account (views.auth)
    STAFF_CODE_LIMIT = os.environ.get("CICDR_STAFF_CODE_LIMIT", "10 per 15 minutes")
    # Password guesses per client address (not per account: that would let anyone lock staff out).
    STAFF_LOGIN_LIMIT = os.environ.get("CICDR_STAFF_LOGIN_LIMIT", "30 per 15 minutes")
    UPLOAD_LIMITS: dict[str, int] = {}  # overrides of services.uploads.UploadLimits
    # Complaints filed per client address; only completed filings count, so an association's
    # office can file for several people.
    COMPLAINT_LIMIT = os.environ.get("CICDR_COMPLAINT_LIMIT", "30 per day")
    UPLOAD_LIMIT = os.environ.get("CICDR_UPLOAD_LIMIT", "40 per hour")
    # Any step of the complaint form sent (a complaint takes a few dozen).
    COMPLAINT_STEP_LIMIT = os.environ.get("CICDR_COMPLAINT_STEP_LIMIT", "600 per hour")
    # Unfinished complaint drafts one client address keeps open (filing one closes it).
    DRAFT_CLIENT_LIMIT = int(os.environ.get("CICDR_DRAFT_CLIENT_LIMIT", "20"))
    # Messages, answers, comments, withdrawals and evidence sent from the follow-up page.
    FOLLOW_WRITE_LIMIT = os.environ.get("CICDR_FOLLOW_WRITE_LIMIT", "30 per hour")
    PUBLIC_URL = os.environ.get("CICDR_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    # CICDR's contacts as the portal shows them (the lost-code page, the follow-up page). Only
    # what is set is shown: no telephone number or address is assumed.
    CONTACT_EMAIL = os.environ.get("CICDR_CONTACT_EMAIL", "cicdr@cicdr.pt")
    CONTACT_PHONE = os.environ.get("CICDR_CONTACT_PHONE", "")
    CONTACT_ADDRESS = os.environ.get("CICDR_CONTACT_ADDRESS", "")
    # New access codes asked for on the lost-code page, per client address.
    LOST_CODE_LIMIT = os.environ.get("CICDR_LOST_CODE_LIMIT", "5 per hour")
    # The earliest date of facts the complaint form accepts (ISO date).
    EARLIEST_FACTS_DATE = os.environ.get("CICDR_EARLIEST_FACTS_DATE", "2000-01-01")
    # Letterhead lines under CICDR's name on generated letters, separated by "|".
    LETTERHEAD_CONTACTS = os.environ.get("CICDR_LETTERHEAD_CONTACTS", "")
    # What the accusation says about consulting the file (RGCO art. 50), and the payment order
    # of a decision's fine (RGCO arts 58(3), 88). The defaults are placeholders that print as
    # "[... a definir: VARIABLE]" in the letters: set them in production.
    FILE_CONSULTATION_PLACE = os.environ.get("CICDR_FILE_CONSULTATION_PLACE",
                                             UNSET["CICDR_FILE_CONSULTATION_PLACE"])
    FILE_CONSULTATION_HOURS = os.environ.get("CICDR_FILE_CONSULTATION_HOURS",
                                             UNSET["CICDR_FILE_CONSULTATION_HOURS"])
    PAYMENT_IBAN = os.environ.get("CICDR_PAYMENT_IBAN", UNSET["CICDR_PAYMENT_IBAN"])
    PAYMENT_HOLDER = os.environ.get("CICDR_PAYMENT_HOLDER", UNSET["CICDR_PAYMENT_HOLDER"])
    PAYMENT_BIC = os.environ.get("CICDR_PAYMENT_BIC", "")  # shown only when set
    # The reference the payer writes on the transfer: {proceeding} and {respondent} (the
    # respondent's number in the proceeding) are filled in per letter.
    PAYMENT_REFERENCE = os.environ.get("CICDR_PAYMENT_REFERENCE",
                                       "{proceeding}-A{respondent}")
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_SECURITY = os.environ.get("MAIL_SECURITY", "none")  # none, starttls, ssl
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_FROM = os.environ.get("MAIL_FROM", "CICDR <nao-responder@cicdr.pt>")
    RETENTION_YEARS = os.environ.get("CICDR_RETENTION_YEARS", "")  # e.g. archived=5,published=10
    PRESCRIPTION_HORIZON_DAYS = int(os.environ.get("CICDR_PRESCRIPTION_HORIZON_DAYS", "180"))
    AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY")  # audit hashes keyed (services.audit)
    # Each worker reads the reference-data counter at most once per this many seconds
    # (services/core/legal_tables.py): an administrator's change reaches the other workers
    # within it.
    SETTINGS_CHECK_SECONDS = float(os.environ.get("CICDR_SETTINGS_CHECK_SECONDS", "1"))

    def __init__(self) -> None:
        self.SECRET_KEY = secret_key()
        self.SESSION_COOKIE_SECURE = self.REMEMBER_COOKIE_SECURE = secure_cookies()


class TestConfig(Config):
    """Tests: a throwaway database (TEST_DATABASE_URL for PostgreSQL), fast hashing."""

    __test__ = False  # not a pytest test class, despite the name
    TESTING = True
    WTF_CSRF_ENABLED = False
    ARGON2_FAST = True
    RATELIMIT_STORAGE_URI = "memory://"
    STAFF_LOGIN_LIMIT = "100000 per minute"  # the suite signs in thousands of times
    MAIL_SERVER = None  # a test that sends mail starts its own SMTP server
    AUDIT_HMAC_KEY = None  # a test that needs a key sets it (services.audit.configure_hmac)
    SETTINGS_CHECK_SECONDS = 0.0  # tests change reference data and look at once
    # The test client and the browser tests' live server speak plain HTTP to 127.0.0.1.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False

    def __init__(self, database: str, blob_dir: str) -> None:
        self.SECRET_KEY = "test-secret-key"  # noqa: S105 - tests only
        self.SQLALCHEMY_DATABASE_URI = database_url(database)
        self.BLOB_DIR = blob_dir
