"""Export: the strategy PDF and Markdown, the file to resume later, and the calendar files."""

from concurrent.futures import wait

import streamlit as st

from strategy.core.i18n import _
from strategy.demo.datasets import demo_datasets
from strategy.demo.personas import find_persona
from strategy.report import build_document, isolated, to_markdown
from strategy.steps.progress import STEPS, completed
from ui import bind
from ui.downloads import calendar_buttons, pdf_link, save_button
from ui.nav import footer, header
from ui.state import app_state, browser_zone, lib, strategy, wkey

header("export")
isolated.warm()  # a PDF worker with its renderer started, before "Generate PDF" is pressed
s, content, state = strategy(), lib(), app_state()
done = set(completed(s))
missing = [content.step(step).title for step in STEPS[:-1] if step not in done]
if missing:
    st.warning(
        _(
            "Not complete yet: {steps}. You can export anyway: the document says which "
            "parts are still empty."
        ).format(steps=", ".join(missing))
    )
else:
    st.success(_("Every step is complete."))

st.subheader(_("Strategy document"))
datasets = list(state.datasets)
persona = find_persona(state.persona, s.profile.language)
if not datasets and bind.flag(
    _("Include the demo charts (made-up data, for practice)"),
    bind.local(wkey("export_demo")),
    value=persona is not None,
):
    datasets = demo_datasets(persona.accounts if persona else None)
# The PDF is rebuilt only on request, and only offered while it matches the current strategy.
# Its charts depend on the data and the analysis choices only: drawn while the page is read.
# The page's zone and account names, so the PDF's hours and accounts are the Analytics step's.
zone, names = browser_zone(), dict(state.account_names)
key = isolated.pdf_key(s, datasets, zone, names)
ahead_for = isolated.drawing_key(s, datasets, zone, names)
if datasets and state.drawn_ahead_for != ahead_for:
    state.drawn_ahead_for = ahead_for
    state.drawing_ahead = isolated.draw_ahead(
        s, content, datasets, state.chart_drawings, zone=zone, names=names
    )
if st.button(_("Generate PDF"), type="primary", icon=":material/picture_as_pdf:", key="make_pdf"):
    with st.status(_("Building your strategy PDF…"), expanded=True) as status:
        st.write(
            _("Laying out the sections and drawing the charts")
            if datasets
            else _("Laying out the sections")
        )
        if state.drawing_ahead is not None:
            wait([state.drawing_ahead])  # the same drawings: never two writers at once
        made = isolated.report(s, content, datasets, state.chart_drawings, zone=zone, names=names)
        if made is None:
            status.update(label=_("The PDF could not be built."), state="error")
            st.error(
                _(
                    "Building the PDF failed or took too long; your work is kept. Try again, "
                    "or take the Markdown version below."
                )
            )
        else:
            state.report_pdf, state.report_key = made, key
            status.update(label=_("Your PDF is ready."), state="complete", expanded=False)
if state.report_pdf and state.report_key == key:
    # A link with the file inside it: Streamlit's media files can be dropped under load before
    # the browser fetches them (upstream #4322, #8932); the bytes were built on request above.
    st.markdown(pdf_link(state.report_pdf, _("social-media-strategy.pdf")), unsafe_allow_html=True)
elif state.report_pdf:
    st.caption(_("The strategy changed since the last PDF: generate it again."))
st.download_button(
    _("Markdown (.md)"),
    data=lambda: to_markdown(build_document(s, content, charts=False)),
    file_name=_("social-media-strategy.md"),
    mime="text/markdown",
    icon=":material/description:",
    on_click="ignore",
    key="download_md",
)

st.subheader(_("Save to resume later"))
save_button(_("Strategy file (.json)"), key="export_json")
st.subheader(_("Calendar"))
calendar_buttons("export")
footer("export")
