"""Checks evidence uploads: count and size limits, content sniffing, an allow-list, safe names.

The content decides the type, never the name or the type the browser sent. Bytes are sniffed
with ``filetype`` (pure Python) plus our own checks where it falls short: ISO-BMFF brands
(HEIC/HEIF, MP4, MOV, M4A, 3GP), zips (OOXML and ODF are told apart from plain archives by
their members), OLE2 (.doc/.xls/.ppt by their stream names) and plain text.

Decisions:
* Allowed content with the wrong extension (phones mislabel: a PNG called ``.pdf``, a HEIC
  called ``.jpg``) is accepted and renamed to the right extension; only content outside the
  allow-list is refused, with a message saying what the content is.
* Plain text (UTF-8, no NUL) is accepted only when named ``.txt``; text that is a script
  (``#!``) or markup (HTML, SVG, XML) is refused whatever its name.
* Archives are refused (they can hide anything), as are office files with macros.
* Accepted also: AVIF, MKV, RTF, legacy .doc/.xls/.ppt. Refused: BMP, TIFF, AVI, WMV, FLAC.

Files are only stored: the caller must serve them as ``attachment`` with the sniffed type and
``X-Content-Type-Options: nosniff``, never inline, never executed.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

import filetype

from cicdr.services.intake.registration import UploadedFile

_DOC = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
ALLOWED: dict[str, tuple[str, tuple[str, ...]]] = {  # MIME: (category, extensions)
    "image/jpeg": ("image", ("jpg", "jpeg")), "image/png": ("image", ("png",)),
    "image/gif": ("image", ("gif",)), "image/webp": ("image", ("webp",)),
    "image/heic": ("image", ("heic", "heif")), "image/heif": ("image", ("heif", "heic")),
    "image/avif": ("image", ("avif",)), "application/pdf": ("pdf", ("pdf",)),
    _DOC + "wordprocessingml.document": ("document", ("docx",)),
    _DOC + "spreadsheetml.sheet": ("document", ("xlsx",)),
    _DOC + "presentationml.presentation": ("document", ("pptx",)),
    _ODF + "text": ("document", ("odt",)), _ODF + "spreadsheet": ("document", ("ods",)),
    _ODF + "presentation": ("document", ("odp",)), "application/msword": ("document", ("doc",)),
    "application/vnd.ms-excel": ("document", ("xls",)),
    "application/vnd.ms-powerpoint": ("document", ("ppt",)),
    "application/rtf": ("document", ("rtf",)), "audio/mpeg": ("audio", ("mp3",)),
    "audio/mp4": ("audio", ("m4a", "mp4")), "audio/aac": ("audio", ("aac",)),
    "audio/ogg": ("audio", ("ogg", "opus", "oga")), "audio/x-wav": ("audio", ("wav",)),
    "audio/amr": ("audio", ("amr",)), "audio/amr-wb": ("audio", ("awb", "amr")),
    "video/mp4": ("video", ("mp4", "m4v", "m4a")), "video/quicktime": ("video", ("mov", "qt")),
    "video/webm": ("video", ("webm",)), "video/3gpp": ("video", ("3gp", "3gpp", "3g2")),
    "video/x-matroska": ("video", ("mkv",)), "text/plain": ("text", ("txt",)),
}
_ALLOWED_EXTS = {ext for _, exts in ALLOWED.values() for ext in exts}
_PROGRAMS = {"application/x-msdownload", "application/x-executable", "application/wasm",
             "application/x-shockwave-flash", "application/x-google-chrome-extension",
             "application/x-deb", "application/x-rpm"}
_ARCHIVES = {"application/zip", "application/x-tar", "application/x-rar-compressed",
             "application/gzip", "application/x-bzip2", "application/x-7z-compressed",
             "application/x-xz", "application/zstd", "application/vnd.ms-cab-compressed"}
_MACROS = "application/x-office-macros"
def N_(message: str) -> str:  # noqa: N802 - the conventional marker for gettext extraction
    """Mark a message for translation without translating it here (the web layer does)."""
    return message


EMPTY = N_("“{filename}” is empty.")
TOO_BIG = N_("“{filename}” is larger than {limit}.")
TOO_MANY = N_("You can attach at most {limit} files.")
TOTAL_TOO_BIG = N_("Together the files are larger than {limit}.")
ARCHIVE = N_("“{filename}”: archives are not accepted; attach the files themselves.")
MACROS = N_("“{filename}” contains macros (small programs), which are not accepted."
            " Save it without macros, or as PDF, and attach it again.")
DISGUISED = {  # the name claims an allowed type, the content is something else
    "program": N_("“{filename}” is not a {claimed} file: its content is a program."
                  " Attach photos, PDF or office documents, audio or video."),
    "script": N_("“{filename}” is not a {claimed} file: its content is a script."
                 " Attach photos, PDF or office documents, audio or video."),
    "web page": N_("“{filename}” is not a {claimed} file: its content is a web page."
                   " Attach photos, PDF or office documents, audio or video."),
    "text": N_("“{filename}” is not a {claimed} file: its content is plain text."
               " Attach photos, PDF or office documents, audio or video."),
    "unknown": N_("“{filename}” is not a {claimed} file: its content is of a kind we do not"
                  " accept. Attach photos, PDF or office documents, audio or video."),
}
NOT_ACCEPTED = {
    "program": N_("“{filename}” is a program; programs are not accepted."
                  " Attach photos, PDF or office documents, audio or video."),
    "script": N_("“{filename}” is a script; scripts are not accepted."
                 " Attach photos, PDF or office documents, audio or video."),
    "web page": N_("“{filename}” is a web page; web pages are not accepted."
                   " Attach photos, PDF or office documents, audio or video."),
    "unknown": N_("“{filename}”: this kind of file is not accepted."
                  " Attach photos, PDF or office documents, audio or video."),
}


@dataclass(frozen=True)
class UploadLimits:
    """How many files, and how many bytes per file and in total, one complaint may carry."""

    max_files: int = 10
    max_file_bytes: int = 20 * 1024 * 1024
    max_total_bytes: int = 50 * 1024 * 1024


class UploadRejected(ValueError):
    """One problem; ``template`` and ``params`` let the caller translate before formatting."""

    def __init__(self, template: str, filename: str | None = None, **params: str) -> None:
        self.template, self.filename = template, filename
        self.params = {"filename": filename, **params} if filename is not None else params
        super().__init__(self.text)

    @property
    def text(self) -> str:
        """The message in English."""
        return self.template.format(**self.params)

    message = text

    def translatable(self) -> tuple[str, dict[str, str]]:
        """``(template, params)``: translate the template, then ``.format(**params)``."""
        return self.template, dict(self.params)


class UploadsRejected(ValueError):
    """Every problem found in one batch of uploads, so the form can show them all at once."""

    def __init__(self, errors: list[UploadRejected]) -> None:
        self.errors = errors
        super().__init__(" ".join(e.text for e in errors))


def _size(n: int) -> str:
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _isobmff(head: bytes) -> str | None:
    """Type of an ISO-BMFF file (MP4 family) from its ftyp brands; filetype misses many."""
    major, end = head[8:12], min(int.from_bytes(head[:4], "big"), len(head), 256)
    brands = {major} | {head[i:i + 4] for i in range(16, end, 4)}
    if major in {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"} or b"heic" in brands:
        return "image/heic"
    if major in {b"avif", b"avis"} or (major in {b"mif1", b"msf1"} and b"avif" in brands):
        return "image/avif"
    if major in {b"mif1", b"msf1"}:
        return "image/heif"
    if major == b"qt  ":
        return "video/quicktime"
    if major in {b"M4A ", b"M4B "}:
        return "audio/mp4"
    if major[:3] in {b"3gp", b"3g2"}:
        return "video/3gpp"
    mp4 = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash",
           b"M4V ", b"MSNV", b"mmp4"}
    return "video/mp4" if brands & mp4 else None


def _zip(data: bytes) -> str:
    """OOXML and ODF are zips: tell them from plain archives by their members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            if any(n.endswith("vbaProject.bin") or n.startswith("Basic/") for n in names):
                return _MACROS
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", "wordprocessingml.document"),
                                     ("xl/", "spreadsheetml.sheet"),
                                     ("ppt/", "presentationml.presentation")):
                    if any(n.startswith(prefix) for n in names):
                        return _DOC + kind
            if "mimetype" in names:
                with zf.open("mimetype") as member:
                    mime = member.read(100).decode("ascii", "replace").strip()
                if mime.startswith(_ODF) and mime in ALLOWED:
                    return mime
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "application/octet-stream"
    return "application/zip"


def _ole2(data: bytes) -> str:
    """Legacy Office files (OLE2) by the names of their streams (stored as UTF-16)."""
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data
    if has("_VBA_PROJECT") or has("Macros"):
        return _MACROS
    for stream, mime in (("WordDocument", "application/msword"),
                         ("Workbook", "application/vnd.ms-excel"),
                         ("PowerPoint Document", "application/vnd.ms-powerpoint")):
        if has(stream):
            return mime
    return "application/octet-stream"


def sniff(data: bytes) -> str:
    """The MIME type the content shows, whatever its name says."""
    head = data[:8192]
    if head[4:8] == b"ftyp" and (found := _isobmff(head)):
        return found
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole2(data)
    if head.startswith(b"#!AMR-WB\n"):
        return "audio/amr-wb"
    if found := filetype.guess_mime(head):
        return str(found)
    if b"\x00" in data:
        return "application/octet-stream"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    start = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    if start.startswith("#!"):
        return "text/x-shellscript"
    if start.startswith(("<!doctype", "<html", "<?xml", "<svg")) or re.search(
            r"<(html|script|body|iframe|svg)\b", start):
        return "text/html"
    return "text/plain"


def _kind(mime: str) -> str:
    if mime in _PROGRAMS:
        return "program"
    return {"text/x-shellscript": "script", "text/html": "web page",
            "text/plain": "text"}.get(mime, "unknown")


def safe_name(filename: str) -> tuple[str, str]:
    """``(stem, extension)`` of the base name, without control characters or path parts."""
    name = unicodedata.normalize("NFC", re.split(r"[\\/]", filename)[-1])
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C")
                   or c in "\u200c\u200d")  # keep joiners: Persian and emoji need them
    name = re.sub(r"\s+", " ", re.sub(r'[<>:"|?*]', "_", name)).strip().rstrip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", ext):
        stem, ext = name, ""
    return stem.strip(" .") or "file", ext


def check_file(filename: str, data: bytes, limits: UploadLimits = UploadLimits()) -> UploadedFile:
    """The file, checked, with a safe name and its sniffed type; raises UploadRejected."""
    stem, ext = safe_name(filename)
    shown = f"{stem}.{ext}" if ext else stem
    if not data:
        raise UploadRejected(EMPTY, shown)
    if len(data) > limits.max_file_bytes:
        raise UploadRejected(TOO_BIG, shown, limit=_size(limits.max_file_bytes))
    mime, lower = sniff(data), ext.lower()
    if mime == "video/mp4" and lower == "m4a":
        mime = "audio/mp4"  # the container cannot say whether it holds only sound
    if mime in _ARCHIVES:
        raise UploadRejected(ARCHIVE, shown)
    if mime == _MACROS:
        raise UploadRejected(MACROS, shown)
    if mime not in ALLOWED or (mime == "text/plain" and lower != "txt"):
        if lower in _ALLOWED_EXTS:
            raise UploadRejected(DISGUISED[_kind(mime)], shown, claimed=ext.upper())
        raise UploadRejected(NOT_ACCEPTED.get(_kind(mime), NOT_ACCEPTED["unknown"]), shown)
    exts = ALLOWED[mime][1]
    if lower not in exts:
        ext = exts[0]
    return UploadedFile(filename=f"{stem[:149 - len(ext)]}.{ext}", content_type=mime, data=data)


def check_files(files: Sequence[tuple[str, bytes]],
                limits: UploadLimits = UploadLimits()) -> list[UploadedFile]:
    """Every file checked; raises UploadsRejected listing all the problems found."""
    errors: list[UploadRejected] = []
    if len(files) > limits.max_files:
        errors.append(UploadRejected(TOO_MANY, limit=str(limits.max_files)))
    if sum(len(data) for _, data in files) > limits.max_total_bytes:
        errors.append(UploadRejected(TOTAL_TOO_BIG, limit=_size(limits.max_total_bytes)))
    checked: list[UploadedFile] = []
    for name, data in files:
        try:
            checked.append(check_file(name, data, limits))
        except UploadRejected as error:
            errors.append(error)
    if errors:
        raise UploadsRejected(errors)
    return checked
