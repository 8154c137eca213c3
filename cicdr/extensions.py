"""Unbound extension instances; `create_app` binds them to an application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic batch migrations on SQLite can find them again.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model."""

    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)

# db.Model is built at run time (Base plus Flask-SQLAlchemy's mixins, same metadata); type
# checkers see the declarative Base it extends.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Per-client limits on the public portal; RATELIMIT_STORAGE_URI (Redis) shares them across
# gunicorn workers. The client address is used for counting only, never stored with a case.
limiter = Limiter(key_func=get_remote_address)
# Compressed HTML, CSS, JS, JSON and SVG above COMPRESS_MIN_SIZE for clients that accept it
# (config.Config: which types, which algorithms); the reverse proxy may do it instead (README).
compress = Compress()
