"""Every widget key that holds strategy or draft values is made one way, so a resume forgets it."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import new_app

from ui.state import SESSION_KEY, WIDGET_PREFIX, wkey

ROOT = Path(__file__).resolve().parent.parent
# The prefix written out as a literal ("w:..." or f"w:...") anywhere but where it is defined.
LITERAL = re.compile(r"""\bf?["']w:""")


def test_no_page_or_helper_writes_the_widget_prefix_by_hand():
    offenders = []
    for path in [*ROOT.glob("pages/**/*.py"), *ROOT.glob("ui/*.py"), ROOT / "streamlit_app.py"]:
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if LITERAL.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    defined = [o for o in offenders if o.startswith("ui/state.py") and "WIDGET_PREFIX =" in o]
    assert sorted(set(offenders) - set(defined)) == [], "use ui.state.wkey(...)"


def test_wkey_joins_its_parts_after_the_prefix():
    assert wkey("why.statement") == WIDGET_PREFIX + "why.statement"
    assert wkey("card", "linkedin", "tone") == "w:card:linkedin:tone"


def test_a_refused_entry_message_is_forgotten_when_a_demo_replaces_the_work():
    at = new_app()
    at.run()
    # What ui.bind.write leaves when a value is refused: a message about the old strategy.
    at.session_state["error:why.statement"] = "should have at most 5000 characters"
    at.button(key="demo_hr_team").click().run()
    assert at.session_state[SESSION_KEY].strategy.profile.name.startswith("Northwind")
    assert "error:why.statement" not in at.session_state
