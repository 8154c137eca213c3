"""HTML to PDF with WeasyPrint, imported only when a PDF is made so the application starts (and
says what is missing) on a server without it or without Pango."""

from __future__ import annotations

from cicdr.config import ROOT
from cicdr.services.core.errors import ServiceError
from workflows.text import N_

# The printed face's one stylesheet, read from disk by the server itself (never through a URL).
STYLESHEET = ROOT / "cicdr" / "static" / "documents.css"
# The bundled Noto fonts for the scripts DejaVu lacks (Devanagari, Bengali, Arabic): the only
# files a PDF may load, named in documents.css as url("fonts/<name>.ttf"). OFL, see OFL.txt.
FONTS = ROOT / "cicdr" / "static" / "fonts"

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
    from weasyprint.text.fonts import FontConfiguration

    fonts_only = _fonts_fetcher(URLFetcher)
    fonts = FontConfiguration()
    stylesheet = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"),
                                base_url=STYLESHEET.as_uri(), url_fetcher=fonts_only,
                                font_config=fonts)
    pdf = weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=set())) \
        .write_pdf(stylesheets=[stylesheet], font_config=fonts)
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf() without a target returns bytes
        raise PdfUnavailable("WeasyPrint returned no bytes")
    return pdf


def _fonts_fetcher(base: type) -> object:
    """A URL fetcher that reads the bundled font files and refuses everything else (no other
    file, no network), so the stylesheet's @font-face rules are the only thing ever loaded."""
    allowed = {path.as_uri() for path in FONTS.glob("*.ttf")}

    class FontsOnly(base):  # type: ignore[valid-type,misc]
        def fetch(self, url: str, headers: object = None) -> object:
            if url not in allowed:
                raise ValueError(f"Not a bundled font: {url}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols={"file"})
