"""Render a whole strategy as a document: one content model, PDF and Markdown renderers."""

from strategy.report.document import build_document
from strategy.report.markdown import to_markdown
from strategy.report.pdf import to_pdf

__all__ = ["build_document", "to_markdown", "to_pdf"]
