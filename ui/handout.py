"""A page made to be printed: the browser's print view without the app's chrome."""

from __future__ import annotations

import streamlit as st

# On paper the sidebar, header, toolbar and step footer are noise, and Streamlit's columns
# squeeze to a third of an A4 width each. Print on A4 with small margins, keep each bordered
# card whole, and let the three columns stand side by side at their natural share.
PRINT_CSS = """
<style>
@media print {
  @page { size: A4; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"],
  [data-testid="stBottom"], .stButton, [data-testid="stPageLink"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; }
  [data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 10.5pt !important; }
  [data-testid="stMain"] h1 { font-size: 20pt !important; }
  [data-testid="stMain"] h3 { font-size: 14pt !important; }
  [data-testid="stMain"] h5 { font-size: 11.5pt !important; }
  [data-testid="stHorizontalBlock"] { gap: 6mm !important; }
}
</style>
"""


def printable() -> None:
    """Make the current page print as a handout (call once, before the content)."""
    st.html(PRINT_CSS)
