"""HTML to PDF with WeasyPrint, imported only when a PDF is made so the application starts (and
says what is missing) on a server without it or without Pango."""

from __future__ import annotations

from cicdr.services.core.errors import ServiceError

UNAVAILABLE = (
    "PDF generation is not available on this server: install Debian's libpango-1.0-0, "
    "libpangoft2-1.0-0, libharfbuzz-subset0 and fonts-dejavu-core (and the weasyprint Python "
    "package), then restart the application.")


class PdfUnavailable(ServiceError):
    """WeasyPrint or the system libraries it loads are missing."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(UNAVAILABLE)
        self.detail = detail  # what the import said, for the log


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`. Nothing is fetched from outside (no file, no network): the templates
    embed everything they need, and user text can never make the server load a URL."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:  # OSError: a shared library (Pango) is missing
        raise PdfUnavailable(str(exc)) from exc
    fetcher = URLFetcher(allowed_protocols=set())
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf() without a target returns bytes
        raise PdfUnavailable("WeasyPrint returned no bytes")
    return pdf
