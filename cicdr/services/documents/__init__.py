"""Legal documents: letters generated as PDF from templates, and files staff add to a case.

Kinds (see `registry.KINDS`): `acknowledgement`, `information_request`, `non_opening_notice`
(complaints), `accusation`, `decision_notification` (proceedings, one per respondent) and
`referral_letter` (referrals). Each is stored in the blob store under its SHA-256, attached to
its case with `source="generated"` and audited as `generate_document`.
"""

from cicdr.services.documents import (  # noqa: F401  (each registers its kinds)
    complaint_letters,
    proceeding_letters,
    referral_letters,
)
from cicdr.services.documents.formats import render
from cicdr.services.documents.pdf import PdfUnavailable, html_to_pdf
from cicdr.services.documents.proceeding_letters import SETTINGS_USED
from cicdr.services.documents.registry import KINDS, DocumentKind, DocumentSettings
from cicdr.services.documents.service import Option, generate, generated, options
from cicdr.services.documents.staff_files import add_files
from cicdr.services.documents.trail import history_pdf

__all__ = ["KINDS", "DocumentKind", "DocumentSettings", "Option", "PdfUnavailable", "SETTINGS_USED",
           "add_files",
           "generate", "generated", "history_pdf", "html_to_pdf", "options", "render"]
