"""Download buttons whose bytes are built only when clicked."""

from __future__ import annotations

import base64
import datetime as dt
import html

import streamlit as st

from strategy.core.i18n import _
from strategy.core.storage import dumps
from strategy.report.calendar import to_csv, to_ics
from ui.state import strategy


def calendar_buttons(prefix: str) -> None:
    """Offer the plan as an .ics calendar and as a CSV.

    Args:
        prefix: Makes the buttons' keys unique per page.
    """
    # The bytes are built on click, outside this script run: bind the object, not the session.
    current = strategy()
    left, right = st.columns(2)
    left.download_button(
        _("Calendar (.ics)"),
        data=lambda: to_ics(current, dt.date.today()),
        file_name="social-why-plan.ics",
        mime="text/calendar",
        icon=":material/calendar_month:",
        on_click="ignore",
        key=f"{prefix}_ics",
        width="stretch",
    )
    right.download_button(
        _("Plan as CSV"),
        data=lambda: to_csv(current, dt.date.today()),
        file_name="social-why-plan.csv",
        mime="text/csv",
        icon=":material/table:",
        on_click="ignore",
        key=f"{prefix}_csv",
        width="stretch",
    )


def pdf_link(data: bytes, file_name: str) -> str:
    """An HTML download link that carries the PDF itself (no server round trip on click).

    Args:
        data: The PDF bytes (built by this app, never user markup).
        file_name: The name the browser saves it under.

    Returns:
        HTML for st.html, styled like a primary button.
    """
    encoded = base64.b64encode(data).decode("ascii")
    name = html.escape(file_name, quote=True)
    label = html.escape(_("Download PDF"))
    return (
        f'<a href="data:application/pdf;base64,{encoded}" download="{name}" '
        'role="button" style="display:inline-block;padding:0.45rem 0.9rem;border-radius:0.5rem;'
        'background:#2a6e78;color:#fff;text-decoration:none;font-weight:600">'
        f"{label}</a>"
    )


def save_button(label: str, key: str, **kwargs) -> None:
    """Offer the strategy as the JSON file to resume from, built only when clicked."""
    current = strategy()  # the callable runs outside this script run: bind the object
    name = current.profile.name.strip() or _("my")
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or _("my")
    st.download_button(
        label,
        data=lambda: dumps(current),
        file_name=_("social-why-{slug}-strategy.json").format(slug=slug),
        mime="application/json",
        icon=":material/save:",
        on_click="ignore",
        key=key,
        **kwargs,
    )
