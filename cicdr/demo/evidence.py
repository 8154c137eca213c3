"""Stand-in evidence files: a tiny valid PNG (a screenshot) or a one-page PDF (a letter), so
uploads go through the real checks and storage."""

from __future__ import annotations

import random
import struct
import zlib

from cicdr.services.intake.registration import UploadedFile


def png(r: random.Random) -> bytes:
    """A tiny valid 2x2 PNG of random colours (a stand-in for a screenshot)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes(r.randrange(256) for _ in range(6)) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def pdf(r: random.Random) -> bytes:
    """A minimal valid one-page PDF without text (a stand-in for a scanned letter)."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]
    out = bytearray(b"%PDF-1.4\n%" + str(r.getrandbits(32)).encode() + b"\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def evidence_file(r: random.Random, kind: str) -> UploadedFile:
    """A file of `kind` ("png" or "pdf") with a name a complainant would give it."""
    if kind == "png":
        name = r.choice(("captura_de_ecra.png", "publicacao.png", "screenshot_1.png",
                         "foto_porta.png", "comentarios.png"))
        return UploadedFile(name, "image/png", png(r))
    name = r.choice(("relatorio_urgencia.pdf", "carta.pdf", "resposta_imobiliaria.pdf",
                     "declaracao_testemunha.pdf"))
    return UploadedFile(name, "application/pdf", pdf(r))


