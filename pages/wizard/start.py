"""Start: language, who the strategy is for, a demo persona, and resuming from a saved file."""

import streamlit as st

from strategy.core.i18n import LANGUAGES, _
from strategy.core.known import keep_known
from strategy.core.library import library
from strategy.core.storage import StrategyFileError, loads
from strategy.demo.personas import load_persona, personas
from ui import bind
from ui.nav import footer, header
from ui.page_lang import LANGUAGE_LABEL
from ui.state import app_state, flash, replace_strategy, show_flashes, upload_key, wkey
from ui.text import safe

header("start")
show_flashes()
state = app_state()

# Labelled in both languages, so a person who reads only one of them can find it (ui.page_lang
# marks each word with its language).
bind.choice(
    LANGUAGE_LABEL,
    "profile.language",
    list(LANGUAGES),
    format_func=LANGUAGES.get,
    style="radio",
    horizontal=True,
    help=_(
        "The interface, the suggestions and the PDF follow this choice; it is saved with "
        "your strategy."
    ),
)
KINDS = {"personal": _("Me, personally"), "organisation": _("An organisation or team")}
bind.choice(
    _("This strategy is for"),
    "profile.kind",
    list(KINDS),
    format_func=KINDS.get,
    style="radio",
    horizontal=True,
)
bind.text(
    _("Your name, or your organisation's"),
    "profile.name",
    max_chars=200,
    placeholder=_("e.g. Alex Berg, or Northwind HR"),
)

st.subheader(_("Resume where you left off"))
st.write(_("Open a strategy file you saved earlier with **Save progress**."))
upload = st.file_uploader(
    _("Saved strategy (.json)"), type=["json"], key=upload_key("resume_upload")
)
if upload is not None and upload.file_id not in state.handled_uploads:
    # Handle each upload once: the uploader keeps the file across reruns.
    state.handled_uploads.append(upload.file_id)
    try:
        resumed = loads(upload.getvalue(), name=upload.name)
    except StrategyFileError as exc:
        safe_lines = "\n".join(f"- {safe(p)}" for p in exc.problems)
        st.error(
            _("Could not resume from **{name}**; your current work is kept.").format(
                name=safe(upload.name)
            )
            + "\n\n"
            + safe_lines
        )
    else:
        resumed, left_out = keep_known(resumed, library(resumed.profile.language))
        replace_strategy(resumed)
        state.persona = None
        flash("success", _("Resumed from {name}.").format(name=safe(upload.name)))
        for note in left_out:
            flash("warning", safe(note))
        st.rerun()

st.subheader(_("Or try a demo"))
st.write(_("A complete example strategy with made-up analytics, to explore every step."))
has_work = state.strategy.profile.name.strip() or state.strategy.why.goals
sure = not has_work or bind.flag(
    _("Replace my current work with the demo"), bind.local(wkey("demo_sure"))
)
language = state.strategy.profile.language
for persona in personas(language):
    with st.container(border=True):
        st.markdown(f"**{persona.title}**  \n{persona.description}")
        if st.button(
            _("Load the demo: {title}").format(title=persona.title),
            key=f"demo_{persona.id}",
            disabled=not sure,
        ):
            replace_strategy(load_persona(persona.id, language))
            state.persona = persona.id
            flash(
                "success",
                _("Loaded the demo '{title}'. Its data is made up.").format(title=persona.title),
            )
            st.rerun()

footer("start")
