"""Settings an administrator changes at run time, and the counter that tells every process."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cicdr.extensions import Model


class Setting(Model):
    """One setting that overrides a default (holiday options, a deadline kind's rule...).

    `value` is canonical JSON; a key without a row means "use the default" (the environment's
    for the holiday options, `workflows` for the rest).
    """

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)  # e.g. deadline.defence
    value: Mapped[str] = mapped_column(Text)


class SettingsVersion(Model):
    """A single row (id 1) counting reference-data changes.

    Every change to reference data or settings bumps it in the same transaction; each process
    compares it with the version it loaded (one primary-key read per request) and reloads the
    legal core when it moved, so every gunicorn worker follows the change.
    """

    __tablename__ = "settings_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
