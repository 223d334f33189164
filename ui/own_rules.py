"""The form where a user writes a rule of their own, and the list of the rules written.

The rules live in the strategy (`analytics.own_rules`), so they are saved, resumed and
printed; the form's draft lives in widget keys (forgotten on resume, like every widget).
"""

from __future__ import annotations

import streamlit as st

from strategy.analytics.own_rules import KINDS, MAX_OWN_RULES, group_label, make_rule
from strategy.core.i18n import _, weekday_names
from ui import bind
from ui.state import strategy, wkey
from ui.text import safe

PARTS = 3


def draft(name: str) -> bind.Target:
    """One widget of the draft rule: kept in the session until the rule is added."""
    return bind.local(wkey("own_rule", name))


def _part(i: int) -> dict | None:
    """One part's inputs; None when the part is left out."""
    kinds = list(KINDS) if i == 0 else ["", *KINDS]
    kind = bind.choice(
        _("Part {n}").format(n=i + 1),
        draft(f"kind{i}"),
        kinds,
        format_func=lambda k: _(KINDS[k]) if k else _("(no further part)"),
    )
    if not kind:
        return None
    part: dict = {"kind": kind}
    if kind in ("contains", "post_type"):
        example = "webinar, #event, 🎉" if kind == "contains" else "video, reel"
        part["words"] = bind.text(
            _("Look for (separate alternatives with commas)"),
            draft(f"words{i}"),
            max_chars=200,
            placeholder=example,
        )
    elif kind == "weekday":
        days = weekday_names()
        part["weekdays"] = bind.many(
            _("Weekdays"),
            draft(f"days{i}"),
            list(range(7)),
            format_func=lambda d: days[d],
            placeholder=_("Pick one or more"),
        )
    elif kind == "hours":
        start, end = st.columns(2)
        with start:
            part["start_hour"] = bind.number(
                _("From hour"), draft(f"from{i}"), min_value=0, max_value=23, value=6
            )
        with end:
            part["end_hour"] = bind.number(
                _("To hour"), draft(f"to{i}"), min_value=1, max_value=24, value=12
            )
    elif kind in ("shorter_than", "longer_than"):
        part["number"] = bind.number(
            _("Characters"), draft(f"n{i}"), min_value=1, max_value=100_000, value=100
        )
    elif kind == "near_another":
        part["number"] = bind.number(
            _("Hours"), draft(f"h{i}"), min_value=1, max_value=336, value=3
        )
    part["negate"] = bind.flag(
        _("Turn it around: posts that do not meet this part"), draft(f"not{i}")
    )
    return part


def own_rule_section() -> None:
    """Render the rules written so far (with Remove) and the form to write another."""
    rules = list(strategy().analytics.own_rules)
    st.markdown("**" + _("Test a rule of your own") + "**")
    st.caption(
        _(
            "Write a rule of thumb you have heard or believe, from what your exports hold. "
            "It is tested like the rules above, in the same family, on every account."
        )
    )
    for i, rule in enumerate(rules):
        text, button = st.columns([5, 1], vertical_alignment="center")
        text.markdown(f"**{safe(rule.name)}**: {safe(group_label(rule))}")
        if button.button(_("Remove"), key=f"own_rule_remove_{i}"):
            bind.write("analytics.own_rules", rules[:i] + rules[i + 1 :])
            st.rerun()
    if len(rules) >= MAX_OWN_RULES:
        st.caption(
            _(
                "You have {n} rules of your own, the most one strategy keeps: remove one to "
                "write another."
            ).format(n=MAX_OWN_RULES)
        )
        return
    with st.expander(_("Write a rule"), expanded=not rules):
        name = bind.text(
            _("Your rule, in your own words"),
            draft("name"),
            max_chars=200,
            placeholder=_("Webinar posts do better"),
        )
        parts = []
        for i in range(PARTS):
            part = _part(i)
            if part is None:
                break
            parts.append(part)
        st.caption(_("A post is in the rule's group when it meets every part."))
        if st.button(_("Test this rule"), key="own_rule_add", type="primary"):
            rule, problems = make_rule(name, parts)
            if rule is None:
                for problem in problems:
                    st.error(safe(problem))
                return
            bind.write("analytics.own_rules", [*rules, rule])
            bind.forget_under("own_rule")
            st.rerun()
