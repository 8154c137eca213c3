"""Administration (role `admin`): staff accounts and reference data, never any case content."""

from cicdr.views.admin import accounts, approvals, reference  # noqa: F401  (each registers its routes)
from cicdr.views.admin.blueprint import bp

__all__ = ["bp"]
