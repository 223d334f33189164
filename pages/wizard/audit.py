"""Audit: accounts and what to do with each, profile upkeep, last year, and the follow baseline."""

import datetime as dt
from typing import cast

import streamlit as st
from pydantic import BaseModel

from strategy.core.i18n import _, date, ngettext
from strategy.core.model import Account
from strategy.steps.audit import planned_account_actions
from ui import bind
from ui.nav import footer, header
from ui.state import lib, strategy
from ui.text import safe

header("audit")
s, content = strategy(), lib()

st.subheader(_("Last year: what was worth it?"))
bind.pick_many(_("Activities that paid off"), "audit.worth_it", content.audit.activity)
bind.text(
    _("What else did you learn from last year?"),
    "audit.reflection",
    area=True,
    max_chars=5000,
    height=80,
)

st.subheader(_("Every account you are registered on"))
usage = {u.id: u for u in content.audit.usage}
items = content.audit.profile_item
st.write(
    _(
        "Sort each account: {choices}. Tick what each profile already has: anything unticked "
        "becomes a dated task."
    ).format(
        choices="; ".join(f"**{u.title}**: {u.action.lower().rstrip('.')}" for u in usage.values())
    )
)
columns = {
    "network": st.column_config.TextColumn(_("Network"), required=True, max_chars=200),
    "handle": st.column_config.TextColumn(_("Handle or URL"), max_chars=200),
    "owner": st.column_config.TextColumn(_("Owner"), max_chars=200),
    "usage": st.column_config.SelectboxColumn(
        _("How often used"),
        options=list(usage),
        format_func=lambda i: usage[cast(str, i)].title,
        default="often",
        required=True,
    ),
} | {
    f"has_{i.id}": st.column_config.CheckboxColumn(i.title.split(" (")[0], default=False)
    for i in items
}


def to_row(model: BaseModel) -> dict:
    acc = cast(Account, model)  # model_table hands back the rows' own model, Account
    row = acc.model_dump(exclude={"profile_done"})
    return row | {f"has_{i.id}": i.id in acc.profile_done for i in items}


def from_row(row: dict) -> dict:
    fields = {k: row.get(k) or "" for k in ("network", "handle", "owner")}
    fields["usage"] = row.get("usage") or "often"
    fields["profile_done"] = [i.id for i in items if row.get(f"has_{i.id}")]
    return fields


problems = bind.table(
    "audit.accounts", Account, columns, to_row=to_row, from_row=from_row, required="network"
)
for problem in problems:
    st.warning(problem)

actions = planned_account_actions(s, content, dt.date.today())
if actions:
    label = ngettext(
        "{n} task from this audit (it goes to your plan)",
        "{n} tasks from this audit (they go to your plan)",
        len(actions),
    )
    with st.expander(label.format(n=len(actions))):
        st.markdown(
            "\n".join(
                _("- {task} (by {day})").format(
                    task=safe(a.what), day=date(cast(dt.date, a.due), "medium")
                )
                for a in actions
            )
        )

st.subheader(_("Reset who you follow"))
follow = content.audit.follow
st.write(follow.intro)
keep_col, drop_col = st.columns(2)
keep_col.markdown("**" + _("Keep following") + "**\n" + "\n".join(f"- {k}" for k in follow.keep))
drop_col.markdown("**" + _("Unfollow") + "**\n" + "\n".join(f"- {k}" for k in follow.unfollow))
st.caption(f"{follow.why} {follow.add_back}")
bind.flag(_("I have reset who I follow to this baseline"), "audit.baseline_done")

footer("audit")
