"""Render a report document to PDF with fpdf2: cover, contents, outline, page numbers, charts."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import cast

from fpdf import FPDF
from fpdf.prefs import ViewerPreferences

from strategy.core.i18n import _, using
from strategy.report import raster
from strategy.report.blocks import Bullets, Document, Heading, Image, Para, Table
from strategy.report.fonts import BOLD, REGULAR, emoji_font, printable

INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (42, 110, 120)
RULE = (222, 226, 230)
BAND = (243, 247, 248)


class ReportPDF(FPDF):
    """A4 pages with a running footer of page numbers (not on the cover)."""

    fresh_page = False
    running_title = ""  # the document's title, repeated in the footer

    def footer(self) -> None:
        """Draw 'Social Why · page N' at the bottom of every page after the cover."""
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font("DejaVu", size=8)
        self.set_text_color(*MUTED)
        # fpdf2 puts the page count where "{nb}" stands once the document is complete.
        line = _("{title} · page {page} of {total}").format(
            title=self.running_title, page=self.page_no(), total="{nb}"
        )
        self.cell(0, 6, line, align="C")


def _setup(language: str, title: str) -> ReportPDF:
    pdf = ReportPDF(format="A4")
    pdf.running_title = title
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    emoji = emoji_font()
    if emoji:
        pdf.add_font("Emoji", "", str(emoji))
        pdf.set_fallback_fonts(["Emoji"], exact_match=False)
    # Metadata says what the file is (the document's title), never who it is about.
    pdf.set_title(title)
    pdf.set_subject(_("A social media strategy made with Social Why"))
    pdf.set_creator("Social Why")
    pdf.set_producer("Social Why (fpdf2)")
    pdf.set_lang(language)
    # A reader's title bar (and a screen reader) names the document, not its file name.
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.alias_nb_pages()
    return pdf


def _cover(pdf: ReportPDF, doc: Document) -> None:
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 95, style="F")
    pdf.set_xy(18, 40)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 30)
    pdf.multi_cell(0, 13, printable(doc.title))
    pdf.set_font("DejaVu", "", 14)
    pdf.set_x(18)
    pdf.multi_cell(0, 8, printable(doc.subtitle))
    pdf.set_xy(18, 110)
    pdf.set_text_color(*INK)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, printable(doc.date))
    first = next((b for b in doc.blocks if isinstance(b, Para) and b.style == "quote"), None)
    if first:
        pdf.ln(8)
        pdf.set_font("DejaVu", "B", 16)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 9, printable(first.text), align="L")
    pdf.set_y(-40)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 5, _("Made with Social Why. Review it regularly: every strategy evolves."))


def _title_lines(pdf: ReportPDF, doc: Document) -> None:
    """A handout's title, subtitle and date at the top of its first page (no cover)."""
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 22)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 11, printable(doc.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 6, printable(f"{doc.subtitle} · {doc.date}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _toc(pdf: FPDF, outline: list) -> None:
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_font("DejaVu", "B", 18)
    pdf.set_text_color(*INK)
    pdf.cell(0, 12, _("Contents"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for section in outline:
        indent = 8 * section.level
        pdf.set_font("DejaVu", "B" if section.level == 0 else "", 11 if section.level == 0 else 10)
        pdf.set_x(pdf.l_margin + indent)
        link = pdf.add_link(page=section.page_number)
        width = pdf.epw - indent - 14
        pdf.cell(width, 7, printable(section.name)[:90], link=link)
        pdf.cell(14, 7, str(section.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


CHAPTER_ON_NEW_PAGE_BELOW = 0.5  # share of the page height


def _heading(pdf: ReportPDF, block: Heading) -> None:
    if block.level == 1:
        # A chapter starts a page only when less than half of this one is left: forcing a page
        # per chapter left pages holding two lines of the last chapter and then nothing.
        if not pdf.fresh_page and pdf.get_y() > pdf.h * CHAPTER_ON_NEW_PAGE_BELOW:
            pdf.add_page()
        elif not pdf.fresh_page:
            pdf.ln(10)
        pdf.fresh_page = False
        pdf.start_section(printable(block.text), level=0)
        pdf.set_font("DejaVu", "B", 20)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 11, printable(block.text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(*ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
        pdf.ln(5)
    else:
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.ln(3)
        pdf.start_section(printable(block.text), level=1)
        pdf.set_font("DejaVu", "B", 13)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 8, printable(block.text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


# Text longer than this is wrapped here, not by fpdf2: its line breaking re-measures a line
# for every character it adds (about 17 µs a character), and a strategy at the model's limits
# took 16 s to lay out. Shorter text keeps fpdf2's own wrapping, which handles every case.
FAST_WRAP = 100


def _text(pdf: ReportPDF, x: float, width: float, height: float, text: str) -> None:
    """Write left-aligned wrapped text in a column; long text is wrapped by `_wrap`."""
    lines = _wrap(pdf, text, width - 2 * pdf.c_margin) if len(text) > FAST_WRAP else None
    if lines is None:
        pdf.set_x(x)
        pdf.multi_cell(width, height, text, new_x="LMARGIN", new_y="NEXT", align="L")
        return
    for line in lines:
        pdf.set_x(x)
        pdf.cell(width, height, line, new_x="LMARGIN", new_y="NEXT")


def _wrap(pdf: ReportPDF, text: str, width: float) -> list[str] | None:
    """Break text into lines of at most `width` at spaces (inside a word that is too long).

    Returns None when the text needs more than the current font (a fallback font's emoji):
    fpdf2 then wraps it, measuring each character in the font that draws it.
    """
    main = getattr(pdf.current_font, "cw", None)
    if not isinstance(main, dict):
        return None
    # A character the text font lacks is drawn in the fallback (emoji) font, at its width.
    fonts = [pdf.fonts.get(key) for key in getattr(pdf, "_fallback_font_ids", [])]
    fallback = [
        cast(dict[int, float], f.cw) for f in fonts if f is not None and isinstance(f.cw, dict)
    ]
    widths: dict[int, float] = {}
    for code in dict.fromkeys(ord(c) for c in set(text) - {"\n"}):
        found = (
            main.get(code)
            if code in main
            else next((cw[code] for cw in fallback if code in cw), None)
        )
        if found is None:
            return None
        widths[code] = found
    scale = pdf.font_size_pt * 0.001 / pdf.k
    space = main[32] * scale

    def measure(word: str) -> float:
        return sum(map(widths.__getitem__, map(ord, word))) * scale

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            while size > width:  # a word wider than the column is cut where it fills a line
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                cut, taken = 0, 0.0
                while cut < len(word) and taken + measure(word[cut]) <= width:
                    taken += measure(word[cut])
                    cut += 1
                cut = max(cut, 1)
                lines.append(word[:cut])
                word = word[cut:]
                size = measure(word)
            if line and used + space + size > width:
                lines.append(" ".join(line))
                line, used = [word], size
            else:
                used = used + space + size if line else size
                line.append(word)
        lines.append(" ".join(line))
    return lines


def _para(pdf: ReportPDF, block: Para) -> None:
    styles = {
        "normal": ("", 10.5, INK),
        "muted": ("", 9.5, MUTED),
        "quote": ("B", 12, ACCENT),
        "label": ("B", 10.5, INK),
    }
    weight, size, colour = styles.get(block.style, styles["normal"])
    pdf.set_font("DejaVu", weight, size)
    pdf.set_text_color(*colour)
    _text(pdf, pdf.l_margin, pdf.epw, size * 0.55, printable(block.text))
    pdf.ln(2)


def _bullets(pdf: ReportPDF, block: Bullets) -> None:
    pdf.set_font("DejaVu", "", 10.5)
    pdf.set_text_color(*INK)
    for item in block.items:
        pdf.set_x(pdf.l_margin + 2)
        pdf.cell(5, 5.8, "•")
        _text(pdf, pdf.l_margin + 7, pdf.epw - 7, 5.8, printable(item))
        pdf.ln(0.8)
    pdf.ln(2)


TABLE_LINE = 5.2
TABLE_PADDING = 1.6
MAX_TABLE_TEXT = 40_000  # characters: a table holding more is laid out as a list
MAX_ROW_LINES = 14  # a taller row is written as paragraphs: a row is never split across pages


def _table(pdf: ReportPDF, block: Table) -> None:
    """Draw a table; a row too tall for a table (a long field) follows as paragraphs."""
    pdf.set_font("DejaVu", "", 9)
    if sum(len(str(c)) for row in block.rows for c in row) > MAX_TABLE_TEXT:
        # A table of this much text reads better, and lays out five times faster, as a list.
        for row in block.rows:
            _row_as_paragraphs(pdf, block, row)
        return
    shares = block.widths or [1] * max(1, len(block.headers))
    columns = [pdf.epw * w / sum(shares) for w in shares]
    inner = [w - 2 * TABLE_PADDING for w in columns]
    run: list[list[str]] = []
    for row in block.rows:
        if _row_lines(pdf, row, inner) <= MAX_ROW_LINES:
            run.append(row)
            continue
        if run:
            _table_rows(pdf, block, run, columns)
            run = []
        _row_as_paragraphs(pdf, block, row)
    if run or not block.rows:
        _table_rows(pdf, block, run, columns)


AVERAGE_CHAR_MM = 2.0  # DejaVu Sans at 9 pt averages about 1.7 mm a character


def _row_lines(pdf: ReportPDF, row: list[str], widths: list[float]) -> int:
    """How many lines the row's tallest cell takes (wrapping is fpdf2's slowest work)."""
    guess = max(
        (
            sum(-(-len(line) * AVERAGE_CHAR_MM // max(w, 5)) or 1 for line in str(cell).split("\n"))
            for cell, w in zip(row, widths, strict=False)
        ),
        default=1,
    )
    if guess <= MAX_ROW_LINES * 0.7 or guess >= MAX_ROW_LINES * 1.5:
        return int(guess)  # clearly short or clearly tall: no need to wrap it twice
    pdf.set_font("DejaVu", "B", 9)  # the widest weight a cell is drawn in
    return max(
        (
            len(_cell_lines(pdf, printable(cell), max(w, 5)))
            for cell, w in zip(row, widths, strict=False)
        ),
        default=1,
    )


def _row_as_paragraphs(pdf: ReportPDF, block: Table, row: list[str]) -> None:
    """One row as a short entry: its first cell in bold, the others as "Header: value"."""
    headers = block.headers if any(h.strip() for h in block.headers) else [""] * len(row)
    cells = [(h.strip(), str(c).strip()) for h, c in zip(headers, row, strict=False)]
    first = next((c for _h, c in cells if c), "")
    if not first:
        return
    _para(pdf, Para(first, style="label"))
    rest = [f"{h}: {c}" if h else c for h, c in cells if c and c is not first]
    if rest:
        pdf.set_y(pdf.get_y() - 1.5)  # the details belong to the line above
        _para(pdf, Para(" · ".join(rest), style="muted"))
    pdf.ln(1)


def _cell_lines(pdf: ReportPDF, text: str, width: float) -> list[str]:
    """A cell's text broken into lines of the column's width, in the current font."""
    lines = _wrap(pdf, text, width)
    if lines is None:  # another font draws part of it: fpdf2 measures it
        measured = pdf.multi_cell(width, TABLE_LINE, text, dry_run=True, output="LINES")
        lines = [str(line) for line in measured] if isinstance(measured, list) else []
    return lines or [""]


def _table_rows(pdf: ReportPDF, block: Table, rows: list[list[str]], columns: list[float]) -> None:
    """Draw rows as a table: a filled heading row (again on every page), banded rows, rules.

    Laid out here rather than by fpdf2's table, which wraps every cell twice, measuring each
    character: the strategy's tables took two thirds of the PDF's time.

    Args:
        pdf: The document being laid out.
        block: The table (its headers and first-column style).
        rows: The rows to draw, each short enough for one page.
        columns: The columns' widths, padding included.
    """
    headings = any(h.strip() for h in block.headers)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)

    def draw(cells: list[str], kind: str) -> None:
        # kind: "head" (white on the accent), "band" (tinted) or "plain".
        texts = [printable(str(c)) for c in cells][: len(columns)]
        styles = [
            "B" if kind == "head" or (not headings and i == 0) else "" for i in range(len(texts))
        ]
        wrapped = []
        for text, width, style in zip(texts, columns, styles, strict=False):
            pdf.set_font("DejaVu", style, 9)
            wrapped.append(_cell_lines(pdf, text, width - 2 * TABLE_PADDING))
        height = max(map(len, wrapped), default=1) * TABLE_LINE + 2 * TABLE_PADDING
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            if headings and kind != "head":
                draw(block.headers, "head")
        y = pdf.get_y()
        if kind != "plain":
            pdf.set_fill_color(*(ACCENT if kind == "head" else BAND))
            pdf.rect(pdf.l_margin, y, pdf.epw, height, style="F")
        pdf.set_text_color(*((255, 255, 255) if kind == "head" else INK))
        x = pdf.l_margin
        for lines, width, style in zip(wrapped, columns, styles, strict=False):
            pdf.set_font("DejaVu", style, 9)
            for n, line in enumerate(lines):
                pdf.set_xy(x + TABLE_PADDING, y + TABLE_PADDING + n * TABLE_LINE)
                pdf.cell(width - 2 * TABLE_PADDING, TABLE_LINE, line)
            x += width
        pdf.line(pdf.l_margin, y + height, pdf.l_margin + pdf.epw, y + height)
        pdf.set_xy(pdf.l_margin, y + height)

    if headings:
        draw(block.headers, "head")
    for n, row in enumerate(rows):
        draw(row, "band" if n % 2 else "plain")
    pdf.set_text_color(*INK)
    pdf.ln(4)


def _chart(pdf: ReportPDF, block: Image) -> bool:
    """Draw the block's chart across the text width; False when it could not be drawn.

    A chart comes drawn (SVG from a chart worker, or PNG) or as a spec to draw here. A drawing
    fpdf2's SVG reader refuses is drawn again as pixels.
    """
    drawn, spec = block.drawn, block.spec
    attempts: list[Callable[[], bytes]] = []
    if drawn is not None:
        attempts.append(lambda: drawn)
    elif spec is not None:
        attempts.append(lambda: raster.svg(spec))
    if spec is not None:
        attempts.append(lambda: raster.png(spec))
    for attempt in attempts:
        try:
            pdf.image(
                io.BytesIO(attempt()), w=pdf.epw, alt_text=printable(block.alt), x=pdf.l_margin
            )
            return True
        except Exception:  # refused by the renderer or by fpdf2: try the next way, or none
            continue
    return False


def _image(pdf: ReportPDF, block: Image) -> None:
    if not _chart(pdf, block):
        _para(
            pdf,
            Para(
                _("This chart could not be drawn. {reading}").format(reading=block.caption), "muted"
            ),
        )
        return
    pdf.set_font("DejaVu", "", 9.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 5, printable(block.caption), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(5)


def to_pdf(doc: Document) -> bytes:
    """Render the document as PDF bytes.

    Args:
        doc: The report content.

    Returns:
        The PDF file.
    """
    # The fixed wording (contents, page numbers) follows the document's own language.
    with using(doc.language):
        pdf = _setup(doc.language, doc.title)
        if doc.cover:
            _cover(pdf, doc)
            pdf.add_page()
            pdf.insert_toc_placeholder(_toc, pages=1, allow_extra_pages=True)
        else:
            _title_lines(pdf, doc)
        # The placeholder keeps this page for the contents and starts a fresh one for the body.
        pdf.fresh_page = True
        render = {Heading: _heading, Para: _para, Bullets: _bullets, Table: _table, Image: _image}
        for block in doc.blocks:
            render[type(block)](pdf, block)
        return bytes(pdf.output())
