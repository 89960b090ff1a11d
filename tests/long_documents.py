"""Long documents made on the fly: a plain-text report of any size and a many-page PDF.

Each holds one index fact at known places among paragraphs of ordinary report prose, so a
test can count what extraction finds and check where it says the evidence is.
"""

from __future__ import annotations

PROVINCES = ("Phu Yen", "Bac Ninh", "Quang Ninh", "Da Nang", "Binh Duong", "Long An", "Hue")
PROSE = (
    "The working group met district officials to review how applications are received, how "
    "long citizens wait and which documents can be sent online. Officials said that training "
    "for staff went on through the year and that feedback boxes were set up at every ward."
)


def fact_sentence(number: int) -> str:
    """Return the one index fact of paragraph or page ``number``: a rank out of 63."""
    province = PROVINCES[number % len(PROVINCES)]
    return (
        f"In the 2023 PAR Index, {province} province ranked {number % 63 + 1}th out of 63 "
        f"provinces and cities."
    )


def long_text(size: int, *, every: int = 10) -> tuple[str, int]:
    """Return a report of about ``size`` characters and how many fact paragraphs it holds.

    Every ``every``-th paragraph is a fact sentence, the others are prose.
    """
    parts = ["Provincial reform report\n\n"]
    length = len(parts[0])
    facts = 0
    number = 0
    while length < size:
        if number % every == 0:
            paragraph = fact_sentence(facts)
            facts += 1
        else:
            paragraph = PROSE
        parts.append(paragraph + "\n\n")
        length += len(paragraph) + 2
        number += 1
    return "".join(parts), facts


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: list[str]) -> bytes:
    shown = " T* ".join(f"({_escape(line)}) Tj" for line in lines)
    return f"BT /F1 10 Tf 12 TL 50 760 Td {shown} ET".encode("latin-1")


def pdf_report(pages: int, *, fact_every: int = 3) -> bytes:
    """Return a PDF of ``pages`` pages of prose; page p (from 1) states ``fact_sentence(p)``
    when ``p % fact_every == 0``. Helvetica, one content stream per page, no compression.
    """
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, written once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    words = PROSE.split()
    for page in range(1, pages + 1):
        lines = [f"Section {page}. Administrative reform in the provinces"]
        lines += [" ".join(words[i : i + 14]) for i in range(0, len(words), 14)] * 8
        if page % fact_every == 0:
            lines.insert(5, fact_sentence(page))
        stream = _page_stream(lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
