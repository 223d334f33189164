"""Rank channels for the chosen goals, content types and audiences, with reasons in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from strategy.core.i18n import _, quote
from strategy.core.library import Library
from strategy.core.model import Strategy
from strategy.steps.why import ordered_goals

MAX_CHANNELS = 4


@dataclass(frozen=True)
class Recommendation:
    """One ranked channel.

    Attributes:
        channel: The channel id.
        name: Its display name.
        score: Higher is a better fit.
        reasons: Why it fits, in words.
        cautions: What it does not suit among the user's choices.
    """

    channel: str
    name: str
    score: int
    reasons: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)

    def sentence(self) -> str:
        """Say the ranking reason in one line, e.g. "LinkedIn: fits “Land a new job”"."""
        if not self.reasons:
            return _("{name}: no strong fit with your choices.").format(name=self.name)
        return f"{self.name}: " + _(" and ").join(self.reasons)

    def points(self) -> list[str]:
        """The reasons one to a line, each starting with a capital ("Fits “Land a new job”").

        A ranking reads at a glance as a short list under the channel's name; the same
        reasons joined into one sentence ran to 40 words.
        """
        if not self.reasons:
            return [_("No strong fit with your choices.")]
        return [r[:1].upper() + r[1:] for r in self.reasons]


def wanted(strategy: Strategy, lib: Library) -> tuple[list[str], list[str]]:
    """Return the content types and audiences in play: the user's, or else the goals' own.

    Args:
        strategy: The strategy.
        lib: The content library.

    Returns:
        (content type ids, audience ids), in a stable order.
    """
    types = list(strategy.channels.content_types)
    audiences = list(strategy.channels.audiences)
    goals = [g for g in (lib.goal(i) for i in ordered_goals(strategy)) if g]
    if not types:
        types = list(dict.fromkeys(t for g in goals for t in g.content_types))
    if not audiences:
        audiences = list(dict.fromkeys(a for g in goals for a in g.audiences))
    return types, audiences


def rank_channels(strategy: Strategy, lib: Library) -> list[Recommendation]:
    """Rank every channel in the library for this strategy.

    The top goal counts most; each wanted content type or audience a channel suits adds to its
    score, each wanted content type it does not suit takes away. Ties keep the library's order.

    Args:
        strategy: The strategy with goals and, optionally, content types and audiences.
        lib: The content library.

    Returns:
        Every channel, best first.
    """
    types, audiences = wanted(strategy, lib)
    type_titles = lib.titles(lib.channels.content_type)
    audience_titles = lib.titles(lib.channels.audience)
    goals = [g for g in (lib.goal(i) for i in ordered_goals(strategy)) if g]
    ranked = []
    for order, ch in enumerate(lib.channels.channel):
        score, reasons, cautions = 0, [], []
        fits = [g for g in goals if ch.id in g.channels]
        for g in fits:
            # The top goal weighs most; a goal's first-listed channels are its best fits.
            score += (4 if g is goals[0] else 2) + (1 if g.channels.index(ch.id) < 2 else 0)
        if fits:
            reasons.append(_("fits {goals}").format(goals=", ".join(quote(g.title) for g in fits)))
        suited = [t for t in types if t in ch.suits]
        score += len(suited)
        if suited:
            reasons.append(
                _("suits {types}").format(
                    types=", ".join(type_titles[t].lower() for t in suited[:3])
                )
            )
        reached = [a for a in audiences if a in ch.audiences]
        score += len(reached)
        if reached:
            reasons.append(
                _("reaches {audiences}").format(
                    audiences=", ".join(audience_titles[a].lower() for a in reached[:3])
                )
            )
        unsuited = [t for t in types if t in ch.not_suits]
        score -= 2 * len(unsuited)
        cautions += [_("not made for {type}").format(type=type_titles[t].lower()) for t in unsuited]
        if strategy.profile.kind == "organisation" and ch.scope == "personal":
            score -= 1
            cautions.append(_("mostly used for private life"))
        ranked.append((-score, order, Recommendation(ch.id, ch.name, score, reasons, cautions)))
    return [r for _score, _order, r in sorted(ranked, key=lambda t: (t[0], t[1]))]


def pick_messages(strategy: Strategy, lib: Library) -> tuple[list[str], list[str]]:
    """Check the picked channels.

    Args:
        strategy: The strategy with its chosen channels.
        lib: The content library.

    Returns:
        (errors, warnings): errors stop the user moving on; warnings only advise.
    """
    chosen = strategy.channels.chosen
    errors, warnings = [], []
    if not chosen:
        errors.append(_("Pick at least one channel to write a guideline for."))
    if len(chosen) > MAX_CHANNELS:
        warnings.append(
            _(
                "You picked {n} channels. Nobody has time for every network: "
                "a handful ({most} at most), each with a job, gets more done than many half-used."
            ).format(n=len(chosen), most=MAX_CHANNELS)
        )
    experiments = [c for c in chosen if c.experiment]
    if len(experiments) > 1:
        errors.append(_("Mark only one channel as the experiment."))
    for c in experiments:
        if c.review_date is None:
            warnings.append(
                _("Set a review date for the experiment on {channel}.").format(
                    channel=lib.channel_name(c.channel)
                )
            )
    return errors, warnings
