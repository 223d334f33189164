"""Turn an export's bytes into text: encoding, delimiter and Excel's `sep=` line."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata

from strategy.core.i18n import _

ENCODINGS = ("utf-8", "cp1252")


class DecodeError(ValueError):
    """The bytes are not a text table we can read."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode an export, honouring a BOM, else trying UTF-8 then Windows-1252.

    Args:
        data: The file's bytes.

    Returns:
        (text, encoding name).

    Raises:
        DecodeError: For binary data.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name.replace("-sig", "")), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    _("it starts like {encoding} text but byte {byte} is not").format(
                        encoding=name, byte=exc.start
                    )
                ) from None
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    head = data[:4000]
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 3:
        name = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            raise DecodeError(_("it looks binary, not like a text export")) from None
    if b"\x00" in head:
        raise DecodeError(_("it looks binary (it has NUL bytes), not like a text export"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    # Text has few control characters; a binary file has many. (Soft hyphens and other
    # invisible format characters are text: German YouTube puts one in every header.)
    head_text = text[:4000]
    controls = sum(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in head_text)
    if controls > 0.05 * len(head_text):
        raise DecodeError(_("it looks binary, not like a text export"))
    return text, "cp1252"


def split_sep_line(text: str) -> tuple[str, str | None]:
    """Remove Excel's `sep=;` first line and return the delimiter it names."""
    first, _, rest = text.partition("\n")
    stripped = first.strip().strip('"').strip()
    if stripped.lower().startswith("sep=") and len(stripped) >= 5:
        delimiter = stripped[4]
        return rest, delimiter
    return text, None


def sniff_delimiter(text: str) -> str:
    """Guess the delimiter (comma, semicolon or tab) from the first lines.

    Each candidate splits the first lines with the csv module (linear time; csv.Sniffer's
    regular expressions backtrack for a minute on one long line, holding every session up): the
    one that gives the most lines of the header's width, with two or more columns, wins.
    """
    lines = text[:65536].splitlines()[:30]
    best, best_score = ",", (-1, -1)
    for delimiter in (",", ";", "\t"):
        try:
            parsed = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            continue
        widths = [len(r) for r in parsed if any(c.strip() for c in r)]
        if not widths:
            continue
        header = max(
            widths[:5]
        )  # the header is the widest of the first lines (titles are one cell)
        score = (sum(w == header for w in widths) if header >= 2 else 0, header)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def rows(text: str, delimiter: str) -> list[list[str]]:
    """Parse delimited text into rows (ragged rows are kept as they are)."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
