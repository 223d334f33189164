"""Words for the model's fixed choices, read by the pages and the report alike.

Labels that a trainer may reword live in the content files (an account's use: `audit.toml`);
these are the few the model fixes itself.
"""

from __future__ import annotations

from strategy.core.i18n import N_, _

STATUSES = {"todo": N_("to do"), "doing": N_("doing"), "done": N_("done")}
# A rate's denominator in words, shared by the analysis and the published figures' notes.
PER_NAMES = {
    "followers": N_("per follower"),
    "reach": N_("per person reached"),
    "impressions": N_("per impression"),
    "views": N_("per view"),
}
RHYTHMS = {"weekly": N_("weekly"), "monthly": N_("monthly"), "quarterly": N_("quarterly")}


def status_words(status: str) -> str:
    """A task's status in the language in force ("to do", "pågår"...)."""
    return _(STATUSES[status])


def rhythm_words(rhythm: str) -> str:
    """A recurring item's rhythm in the language in force."""
    return _(RHYTHMS[rhythm])
