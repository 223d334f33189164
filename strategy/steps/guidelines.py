"""Generate per-channel guideline cards, keep the user's edits, and check a draft post."""

from __future__ import annotations

import re
from dataclasses import dataclass

from strategy.core.i18n import N_, _, ngettext, quoted_list
from strategy.core.library import Library
from strategy.core.model import GuidelineCard, Strategy
from strategy.steps.recommend import wanted
from strategy.steps.why import ordered_goals

CARD_FIELDS = (
    "job",
    "audience",
    "share",
    "avoid",
    "tone",
    "call_to_action",
    "cadence",
    "engage",
)
FIELD_LABELS = {
    "job": N_("The channel's job"),
    "audience": N_("Audience"),
    "share": N_("What to share"),
    "avoid": N_("What not to share"),
    "tone": N_("Tone"),
    "call_to_action": N_("Call to action"),
    "cadence": N_("Cadence (your choice)"),
    "engage": N_("How to engage"),
}


def field_label(field: str) -> str:
    """Return a card field's label in the language in force."""
    return _(FIELD_LABELS[field])


def generate_card(channel_id: str, strategy: Strategy, lib: Library) -> GuidelineCard:
    """Write the suggested guideline for one channel from the goals and the library.

    Args:
        channel_id: The channel.
        strategy: The strategy (goals, content types, audiences).
        lib: The content library.

    Returns:
        A card with no field marked as edited.
    """
    ch = lib.channel(channel_id)
    if ch is None:
        return GuidelineCard(channel=channel_id)
    goals = [g for g in (lib.goal(i) for i in ordered_goals(strategy)) if g]
    serves = [g.title for g in goals if ch.id in g.channels] or [g.title for g in goals[:1]]
    types, audiences = wanted(strategy, lib)
    type_titles = lib.titles(lib.channels.content_type)
    audience_titles = lib.titles(lib.channels.audience)
    # Whole sentences with the user's own choices quoted, never "Label: a, b": the card is
    # read aloud in a workshop and printed as it stands.
    job = ch.job
    if serves:
        job += " " + ngettext(
            "It serves your goal {goals}.", "It serves your goals {goals}.", len(serves)
        ).format(goals=quoted_list(serves))
    audience = ch.audience
    reached = [audience_titles[a].lower() for a in audiences if a in ch.audiences]
    if reached:
        audience += " " + _("Of the people you want to reach: {audiences}.").format(
            audiences=quoted_list(reached)
        )
    share = ch.share
    suited = [type_titles[t].lower() for t in types if t in ch.suits]
    if suited:
        share += " " + _("Of what you plan to share, this channel suits {types}.").format(
            types=quoted_list(suited)
        )
    avoid = ch.avoid
    unsuited = [type_titles[t].lower() for t in types if t in ch.not_suits]
    if unsuited:
        avoid += " " + _("Of what you plan to share, keep {types} for other channels.").format(
            types=quoted_list(unsuited)
        )
    experiment = next(
        (c for c in strategy.channels.chosen if c.channel == channel_id and c.experiment), None
    )
    if experiment:
        job += " " + _("You run it as an experiment: try it, then decide at the review.")
    return GuidelineCard(
        channel=channel_id,
        job=job,
        audience=audience,
        share=share,
        avoid=avoid,
        tone=ch.tone,
        call_to_action=ch.call_to_action,
        cadence=_("Suggested: {cadence}. Choose what you can keep up.").format(
            cadence=ch.cadence.lower().rstrip(".")
        ),
        engage=ch.engage,
    )


def regenerate(existing: GuidelineCard | None, fresh: GuidelineCard) -> GuidelineCard:
    """Refresh a card's suggestions without discarding what the user wrote.

    Args:
        existing: The card as the user left it, or None.
        fresh: A newly generated card.

    Returns:
        The fresh card with every field the user edited kept as it was.
    """
    if existing is None:
        return fresh
    kept = {f: getattr(existing, f) for f in existing.edited if f in CARD_FIELDS}
    return fresh.model_copy(update={**kept, "edited": [f for f in CARD_FIELDS if f in kept]})


def sync_cards(strategy: Strategy, lib: Library) -> list[GuidelineCard]:
    """Return one card per chosen channel, keeping existing cards and edits, in pick order."""
    by_channel = {c.channel: c for c in strategy.guidelines.cards}
    return [
        regenerate(by_channel.get(c.channel), generate_card(c.channel, strategy, lib))
        for c in strategy.channels.chosen
    ]


@dataclass(frozen=True)
class DraftCheck:
    """What the value check found in a draft post.

    Attributes:
        answered: The value questions the draft seems to answer (by their ids).
        has_call_to_action: Whether a call to action was found.
        length: Characters in the draft.
        max_chars: The channel's guidance for length.
        hashtags: Number of hashtags.
        max_hashtags: The channel's guidance for hashtags.
        links: Number of links.
        bare_reshare: The draft is only a link or a repost marker, with no comment of its own.
        notes: Advice in words, one line each.
    """

    answered: list[str]
    has_call_to_action: bool
    length: int
    max_chars: int
    hashtags: int
    max_hashtags: int
    links: int
    bare_reshare: bool
    notes: list[str]


_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_TAG = re.compile(r"(?<!\w)#\w+", re.UNICODE)


def _has(text: str, signal: str) -> bool:
    if signal.isalpha() and len(signal) <= 4:
        return re.search(rf"\b{re.escape(signal)}\b", text) is not None
    return signal in text


def check_draft(text: str, channel_id: str, lib: Library) -> DraftCheck:
    """Run a draft post through the value check and the channel's guidance.

    The question detection is a hint from signal words, not a judgement: the notes say so.

    Args:
        text: The draft.
        channel_id: The channel it is meant for.
        lib: The content library.

    Returns:
        The findings.
    """
    ch = lib.channel(channel_id)
    max_chars = ch.max_chars if ch else 280
    max_tags = ch.max_hashtags if ch else 2
    lower = text.lower()
    answered = [q.id for q in lib.rules.value_question if any(_has(lower, s) for s in q.signals)]
    has_cta = any(_has(lower, s) for s in lib.rules.call_to_action_signals)
    links = len(_URL.findall(text))
    tags = len(_TAG.findall(text))
    words_left = _TAG.sub("", _URL.sub("", text))
    words_left = re.sub(r"^\s*(rt|repost)\b:?", "", words_left.strip(), flags=re.IGNORECASE)
    bare = len(words_left.split()) < 4 and (links > 0 or lower.startswith(("rt ", "repost")))
    notes = []
    if not text.strip():
        notes.append(_("Paste a draft to check it."))
    else:
        if not answered:
            notes.append(
                _(
                    "It serves none of the three questions yet: "
                    "if it serves none of your goals, don't share it."
                )
            )
        if not has_cta:
            notes.append(
                _("Add a call to action: a question, an invitation to reply, follow or look.")
            )
        if len(text) > max_chars:
            notes.append(
                _("It is {n} characters; the guidance here is up to {most}.").format(
                    n=len(text), most=max_chars
                )
            )
        if tags > max_tags:
            notes.append(
                _("It has {n} hashtags; the guidance here is at most {most}.").format(
                    n=tags, most=max_tags
                )
            )
        if bare:
            notes.append(
                _("Say in your own words why it is worth reading, instead of a bare reshare.")
            )
    return DraftCheck(answered, has_cta, len(text), max_chars, tags, max_tags, links, bare, notes)
