"""The public portal: the landing page, the complainant's follow-up, and the published
decisions (no account; never staff names, notes or internal data). The complaint form's steps
are in `cicdr.views.complaint_form`."""

from cicdr.views.portal import (  # noqa: F401  (each registers its routes)
    decisions,
    lost_code,
    pages,
    statistics,
)
from cicdr.views.portal.blueprint import bp

__all__ = ["bp"]
