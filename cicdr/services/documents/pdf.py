"""HTML to PDF with WeasyPrint, imported only when a PDF is made so the application starts (and
says what is missing) on a server without it or without Pango."""

from __future__ import annotations

from cicdr.config import ROOT
from cicdr.services.core.errors import ServiceError
from workflows.text import N_

# The printed face's one stylesheet, read from disk by the server itself (never through a URL).
STYLESHEET = ROOT / "cicdr" / "static" / "documents.css"

UNAVAILABLE = N_(
    "PDF generation is not available on this server: install Debian's libpango-1.0-0, "
    "libpangoft2-1.0-0, libharfbuzz-subset0 and fonts-dejavu-core (and the weasyprint Python "
    "package), then restart the application.")


class PdfUnavailable(ServiceError):
    """WeasyPrint or the system libraries it loads are missing."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(UNAVAILABLE)
        self.detail = detail  # what the import said, for the log


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`, styled by documents.css. Nothing is fetched while rendering (no file,
    no network): the stylesheet is handed over already read, the templates link nothing, and
    user text can never make the server load a URL."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:  # OSError: a shared library (Pango) is missing
        raise PdfUnavailable(str(exc)) from exc
    fetcher = URLFetcher(allowed_protocols=set())
    stylesheet = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf() without a target returns bytes
        raise PdfUnavailable("WeasyPrint returned no bytes")
    return pdf
