"""Upload widgets for analytics exports: import at once, map unknown columns, remember mappings."""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from strategy.core.i18n import N_, _
from strategy.core.model import EARLIEST
from strategy.importers import ImportFailure
from strategy.importers.api import MAPPABLE, NeedsMapping, over_session_limit
from strategy.importers.guarded import read_mapped, read_upload, warm
from ui import bind
from ui.state import PendingUpload, app_state, mapping_key, upload_key, wkey
from ui.text import safe

PLATFORMS = [
    "linkedin",
    "x",
    "facebook",
    "instagram",
    "youtube",
    "tiktok",
    "mastodon",
    "bluesky",
    "other",
]
FIELD_NAMES = {
    "date": N_("Date"),
    "text": N_("Text"),
    "impressions": N_("Impressions"),
    "reach": N_("Reach"),
    "engagements": N_("Engagements"),
    "followers": N_("Followers"),
}
GRAINS = {"post": N_("post"), "day": N_("day")}


def upload_box() -> None:
    """Show the uploader; read each new file once and keep the tables in the session state."""
    state = app_state()
    warm()  # a reader ready before the first file arrives
    today = dt.date.today()
    # Narrow: it matters only for TikTok's year-less files, so it stays out of the way.
    with st.columns([1, 2])[0]:
        downloaded = bind.day(
            _("Exports downloaded on"),
            bind.local(wkey("downloaded_on")),
            value=today,
            min_value=EARLIEST,
            max_value=today,
            help=_(
                "TikTok's exports give days without a year: they are dated in the year up to "
                "this day. Set it to the day you downloaded them, then upload (a file uploaded "
                "again with another day is read again)."
            ),
        )
    # An uploader is not bound: its value is files, read once each below; nothing seeds it.
    files = st.file_uploader(
        _("Your platforms' own exports (CSV, XLSX or XLS)"),
        type=["csv", "txt", "tsv", "xlsx", "xls"],
        accept_multiple_files=True,
        key=upload_key("analytics_upload"),
        help=_(
            "X, LinkedIn, Facebook, Instagram, YouTube Studio and TikTok exports are "
            "recognised by their column names. Nothing is stored on the server."
        ),
    )
    for upload in files or []:
        if upload.file_id in state.handled_uploads:
            continue
        state.handled_uploads.append(upload.file_id)
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()[:16]
        if digest in state.upload_hashes:
            if state.upload_days.get(digest) == downloaded:
                st.info(
                    _("{name} was uploaded already: it is counted once.").format(
                        name=safe(upload.name)
                    )
                )
                continue
            # The same file with another download day: its year-less dates move, so it is
            # read again in place of the first reading, never beside it.
            state.datasets = [d for d in state.datasets if d.upload != digest]
            state.upload_hashes.remove(digest)
        state.upload_days[digest] = downloaded
        try:
            found = read_upload(upload.name, data, reference=downloaded)
        except NeedsMapping as exc:
            known = state.mappings.get(tuple(exc.headers))
            if known:
                try:
                    found = read_mapped(upload.name, data, **known, reference=downloaded)
                except ImportFailure as failure:  # raised inside the handler: caught here
                    state.upload_errors.append(str(failure))
                else:
                    keep(upload.name, found, digest)
            else:
                state.pending = PendingUpload(
                    upload.name,
                    data,
                    list(exc.headers),
                    exc.preview,
                    str(exc),
                    dict(exc.guess or {}),
                    downloaded,
                )
        except ImportFailure as exc:
            state.upload_errors.append(str(exc))
        else:
            keep(upload.name, found, digest)
    for error in state.upload_errors:
        st.error(safe(error))
    state.upload_errors.clear()


def keep(name: str, found: list, digest: str) -> bool:
    """Keep a file's tables in the session, unless they take it past its row limit (said)."""
    state = app_state()
    refusal = over_session_limit(name, state.datasets, found)
    if refusal is not None:
        state.upload_errors.append(str(refusal))
        return False
    state.datasets += tagged(found, digest)
    state.upload_hashes.append(digest)
    return True


def tagged(datasets: list, digest: str) -> list:
    """Mark datasets with the upload they came from (files may share a name)."""
    return [d.model_copy(update={"upload": digest}) for d in datasets]


def mapping_form() -> None:
    """Let the user map an unrecognised export's columns; remember the mapping for the session."""
    state = app_state()
    pending = state.pending
    if not pending:
        return
    with st.form("mapping"):
        st.warning(safe(pending.message))
        st.dataframe([dict(zip(pending.headers, r, strict=False)) for r in pending.preview])
        options = ["", *pending.headers]
        cols = st.columns(3)
        guess = pending.guess
        if guess:
            st.caption(_("Pre-filled with a best guess from the values: check each column."))
        mapping = {}
        for i, field in enumerate(MAPPABLE):
            with cols[i % 3]:
                mapping[field] = bind.choice(
                    _(FIELD_NAMES[field]),
                    bind.local(mapping_key(field)),
                    options,
                    index=options.index(guess[field]) if guess.get(field) in options else 0,
                )
        platform = bind.choice(
            _("Network"),
            bind.local(mapping_key("platform")),
            PLATFORMS,
            format_func=lambda p: _("other") if p == "other" else p,
        )
        grain = bind.choice(
            _("One row per"),
            bind.local(mapping_key("grain")),
            list(GRAINS),
            format_func=lambda g: _(GRAINS[g]),
            style="radio",
            horizontal=True,
        )
        if st.form_submit_button(_("Read with this mapping")):
            chosen: dict[str, str] = {k: str(v) for k, v in mapping.items() if v}
            try:
                found = read_mapped(
                    pending.name,
                    pending.data,
                    chosen,
                    platform=platform,
                    grain=grain,
                    reference=pending.reference,
                )
                digest = hashlib.sha256(pending.data).hexdigest()[:16]
                if not keep(pending.name, found, digest):
                    st.error(safe(state.upload_errors.pop()))
                    return
            except ImportFailure as exc:
                st.error(safe(exc))
                return
            state.mappings[tuple(pending.headers)] = {
                "mapping": chosen,
                "platform": platform,
                "grain": grain,
            }
            state.pending = None
            st.rerun()
