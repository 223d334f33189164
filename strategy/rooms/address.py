"""The address participants' phones use to join: configured, or this machine's on the network."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlencode


def lan_address() -> str | None:
    """This machine's address on its local network, or None when it has none.

    Connecting a UDP socket sends nothing; it only asks the system which interface would
    carry traffic out, and that interface's address is the one phones on the same Wi-Fi reach.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def base_url(port: int, browser_url: str = "") -> str:
    """Where participants open the app.

    Args:
        port: The port the server listens on.
        browser_url: The address the facilitator's browser used (st.context.url), kept when
            it is not the machine itself: a deployed instance's own name is right for phones.

    Returns:
        `SOCIAL_WHY_PUBLIC_URL` when set; else the browser's address unless it is localhost;
        else http://<LAN address>:<port>; else the browser's address as it is.
    """
    configured = os.environ.get("SOCIAL_WHY_PUBLIC_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    origin = browser_url.split("?")[0].rstrip("/")
    for page in ("/room",):
        origin = origin.removesuffix(page)
    if origin and not any(
        h in origin for h in ("://localhost", "://127.", "://[::1]", "://0.0.0.0")
    ):
        return origin
    lan = lan_address()
    return f"http://{lan}:{port}" if lan else origin or f"http://localhost:{port}"


def join_link(base: str, code: str) -> str:
    """The link a participant opens (or scans) to join a room."""
    return f"{base}/?{urlencode({'room': code})}"


def facilitator_link(base: str, code: str, secret: str) -> str:
    """The facilitator's own link to the room's controls (never shown to the room).

    The app's root, not the room page's path: the router sends a link with a key to the
    controls, and a deep link to a server nobody has visited since it started (another
    replica) is answered with Streamlit's "Page not found" before the router names its pages.
    """
    return f"{base}/?{urlencode({'room': code, 'key': secret})}"
