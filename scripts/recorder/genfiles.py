#!/usr/bin/python3
"""Generate the deterministic content served/uploaded by the fixture recorder.

Every file is derived from a fixed seed, so re-running the recorder produces
byte-identical payloads (and therefore identical sha256 values in the
*.truth.json ground truth), even though the captures themselves differ in
timing, ports and sequence numbers.

usage: genfiles.py OUTDIR
"""
import io
import os
import random
import struct
import sys
import zipfile
import zlib


def randbytes(name: str, n: int) -> bytes:
    # random.Random seeded with a str uses a sha512 of the string (seed
    # version 2), stable across CPython >= 3.2; randbytes() exists since 3.9.
    return random.Random("pcapscope:" + name).randbytes(n)


def text_lines(name: str, count: int) -> bytes:
    words = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet "
             "kilo lima mike november oscar papa quebec romeo sierra tango").split()
    rnd = random.Random("pcapscope-text:" + name)
    out = []
    for i in range(1, count + 1):
        out.append("%s line %03d: %s" % (name, i, " ".join(rnd.choice(words) for _ in range(8))))
    return ("\n".join(out) + "\n").encode()


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw += bytes(((x * 4) & 0xFF, (y * 4) & 0xFF, ((x + y) * 2) & 0xFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def zipfile_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in (("manual/README.txt", text_lines("manual", 30)),
                           ("manual/logo.png", png(32, 32)),
                           ("config/settings.ini", b"[core]\nname = pcapscope\nlevel = 3\n")):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 2, 3, 4, 6))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


FILES = {
    # text (LF line endings)
    "readme.txt": lambda: text_lines("readme", 40),
    "poem.txt": lambda: text_lines("poem", 120),
    "notes.md": lambda: b"# Notes\n\n" + text_lines("notes", 25),
    "report.csv": lambda: b"id,name,value\n" + b"".join(b"%d,item%03d,%d\n" % (i, i, (i * 7919) % 1000) for i in range(1, 81)),
    "journal-part1.txt": lambda: text_lines("journal1", 20),
    "journal-part2.txt": lambda: text_lines("journal2", 12),
    "ascii-upload.txt": lambda: text_lines("asciiup", 30),
    # MIME-sniffable binaries
    "logo.png": lambda: png(64, 64),
    "archive.zip": zipfile_bytes,
    # random binaries
    "firmware.bin": lambda: randbytes("firmware", 200_000),
    "capture-300k.bin": lambda: randbytes("capture300k", 307_200),
    "dataset.bin": lambda: randbytes("dataset", 600_000),
    "resume.bin": lambda: randbytes("resume", 250_000),
    "blob-a.bin": lambda: randbytes("blob-a", 96_000),
    "blob-b.bin": lambda: randbytes("blob-b", 80_000),
    "blob-c.bin": lambda: randbytes("blob-c", 64_000),
    "blob-d.bin": lambda: randbytes("blob-d", 72_000),
    "upload.bin": lambda: randbytes("upload", 120_000),
    "upload-2.bin": lambda: randbytes("upload-2", 50_000),
    "upload-3.bin": lambda: randbytes("upload-3", 40_000),
    "stou-payload.bin": lambda: randbytes("stou", 30_000),
    "secret.bin": lambda: randbytes("secret", 150_000),
    "small.bin": lambda: randbytes("small", 4_096),
    "hostile.bin": lambda: randbytes("hostile", 2_048),
}


def main() -> None:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, make in FILES.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(make())


if __name__ == "__main__":
    main()
