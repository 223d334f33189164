"""Build the report's content from a strategy: every section, saying so where a step is empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from strategy.core.i18n import N_, _, date, using
from strategy.core.labels import status_words
from strategy.core.library import Library
from strategy.core.model import Strategy
from strategy.importers.dataset import Dataset
from strategy.report.blocks import Bullets, Document, Heading, Image, Para, Table
from strategy.report.pillars import (
    add_audiences,
    add_measured,
    add_planned,
    audience_line,
    mix_line,
)
from strategy.report.targets import add_targets
from strategy.steps.audiences import for_channel
from strategy.steps.guidelines import CARD_FIELDS, field_label
from strategy.steps.plan import default_review_date, routines, staff_action
from strategy.steps.recommend import rank_channels
from strategy.steps.reconcile import reconcile
from strategy.steps.why import readiness_gaps, staff_next_steps

if TYPE_CHECKING:
    from strategy.analytics import Analysis, Options

MISSING = N_("Not filled in yet.")


def _or_missing(items: list, render) -> list:
    return render(items) if items else [Para(_(MISSING), "muted")]


def build_document(
    strategy: Strategy,
    lib: Library,
    datasets: Iterable[Dataset] = (),
    *,
    today: dt.date | None = None,
    charts: bool = True,
    zone: str | None = None,
    names: dict[str, str] | None = None,
) -> Document:
    """Describe the whole strategy as report blocks.

    Args:
        strategy: The strategy.
        lib: The content library (titles and house rules).
        datasets: Uploaded analytics; their charts are included when there are any.
        today: The report date (defaults to today).
        charts: Render chart images (off for a quick Markdown export).
        zone: The zone weekdays and hours are read in when the strategy names none.
        names: Account names the user gave, by dataset key.

    Returns:
        The document.
    """
    # The report is in the strategy's own language, wherever it is built from.
    with using(strategy.profile.language):
        from strategy.analytics.settings import options_for  # pandas: only when asked

        day = today or dt.date.today()
        # What the steps derive for each other, whichever pages were opened (see reconcile).
        strategy = reconcile(strategy, lib, day)
        options = options_for(strategy.analytics, zone, names, today)
        return _build(strategy, lib, list(datasets), day, options, charts)


def _build(
    s: Strategy,
    lib: Library,
    datasets: list[Dataset],
    today: dt.date,
    options: Options,
    charts: bool,
) -> Document:
    organisation = s.profile.kind == "organisation"
    who = s.profile.name.strip() or (_("Our organisation") if organisation else "")
    kind = _("Organisation strategy") if organisation else _("Personal strategy")
    subtitle = f"{who} · {kind}" if who else kind
    doc = Document(_("Social media strategy"), subtitle, date(today), language=s.profile.language)
    _why(doc, s, lib)
    _audit(doc, s, lib)
    _channels(doc, s, lib)
    _guidelines(doc, s, lib)
    _plan(doc, s, lib, today)
    _analytics(doc, s, lib, datasets, charts, options)
    return doc


def _why(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading(_("1. Why")))
    statement = s.why.statement.strip()
    doc.add(Para(statement or _(MISSING), "quote" if statement else "muted"))
    goals = [g for g in (lib.goal(i) for i in s.why.goals) if g]
    doc.add(Heading(_("Goals"), 2))
    lead = _(" (leading goal)")
    doc.add(
        *_or_missing(
            goals,
            lambda gs: [
                Bullets(
                    [
                        _("{goal}: {explain} Measure it by: {measures}.").format(
                            goal=g.title + (lead if g.id == s.why.top_goal else ""),
                            explain=g.explain,
                            measures="; ".join(g.measures),
                        )
                        for g in gs
                    ]
                )
            ],
        )
    )
    add_targets(doc, s, lib)
    if s.profile.kind == "organisation":
        doc.add(Heading(_("Readiness"), 2))
        done = {r.id for r in lib.organisation.readiness if r.id in s.why.readiness_done}
        doc.add(
            Bullets(
                [
                    (_("In place: {item}") if r.id in done else _("To do: {item}")).format(
                        item=r.title
                    )
                    for r in lib.organisation.readiness
                ]
            )
        )
        gaps = readiness_gaps(s, lib)
        if gaps:
            doc.add(Para(_("Next steps: {actions}").format(actions=" ".join(a for _i, a in gaps))))
        steps = staff_next_steps(s, lib)
        doc.add(Heading(_("Meeting staff where they are"), 2))
        doc.add(*_or_missing(steps, lambda st: [Bullets([staff_action(t, n) for t, n in st])]))


def _audit(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading(_("2. Audit")))
    titles = lib.titles(lib.audit.activity)
    doc.add(Heading(_("What was worth it last year"), 2))
    doc.add(*_or_missing(s.audit.worth_it, lambda w: [Bullets([titles.get(i) or i for i in w])]))
    if s.audit.reflection.strip():
        doc.add(Para(s.audit.reflection.strip()))
    doc.add(Heading(_("Accounts"), 2))
    items = lib.audit.profile_item
    usage = lib.titles(lib.audit.usage)  # the trainer's wording, as the Audit page shows it
    doc.add(
        *_or_missing(
            s.audit.accounts,
            lambda accs: [
                Table(
                    [_("Network"), _("Handle"), _("Owner"), _("Use"), _("Profile to fix")],
                    [
                        [
                            a.network,
                            a.handle,
                            a.owner,
                            usage.get(a.usage) or a.usage,
                            _("Close it")
                            if a.usage == "wont_use"
                            else ", ".join(
                                i.title.split(" (")[0].lower()
                                for i in items
                                if i.id not in a.profile_done
                            )
                            or "—",
                        ]
                        for a in accs
                    ],
                    [2, 2, 1.5, 2, 4],
                )
            ],
        )
    )
    follow = lib.audit.follow
    doc.add(Heading(_("Who to follow: the baseline"), 2))
    doc.add(Para(follow.intro))
    doc.add(Para(_("Keep following"), "label"), Bullets(follow.keep))
    doc.add(Para(_("Unfollow"), "label"), Bullets(follow.unfollow))
    doc.add(Para(f"{follow.why} {follow.add_back}", "muted"))
    doc.add(
        Para(
            _("Baseline done.")
            if s.audit.baseline_done
            else _("Baseline not done yet: it is in the plan."),
            "muted",
        )
    )


def _channels(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading(_("3. Channels")))
    reasons = {r.channel: r for r in rank_channels(s, lib)}
    rows = []
    for c in s.channels.chosen:
        rec = reasons.get(c.channel)
        note = (
            _("Experiment, review {day}").format(day=date(c.review_date, "medium"))
            if c.review_date
            else _("Experiment")
        )
        rows.append(
            [
                lib.channel_name(c.channel),
                rec.sentence().split(": ", 1)[-1] if rec else "",
                note if c.experiment else "",
            ]
        )
    headers = [_("Channel"), _("Why it was chosen"), _("Note")]
    doc.add(*_or_missing(rows, lambda r: [Table(headers, r, [1.5, 5, 1.8])]))
    dropped = [
        r for r in reasons.values() if r.channel not in {c.channel for c in s.channels.chosen}
    ]
    if rows and dropped:
        doc.add(
            Para(
                _("Not chosen this time: {channels}. Nobody has time for every network.").format(
                    channels=", ".join(r.name for r in dropped)
                ),
                "muted",
            )
        )
    add_audiences(doc, s, lib)
    add_planned(doc, s)


def _guidelines(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading(_("4. Guidelines per channel")))
    if not s.guidelines.cards:
        doc.add(Para(_(MISSING), "muted"))
    for card in s.guidelines.cards:
        doc.add(Heading(lib.channel_name(card.channel), 2))
        doc.add(
            Table(
                ["", ""], [[field_label(f), getattr(card, f) or "—"] for f in CARD_FIELDS], [1.6, 5]
            )
        )
        if s.channels.pillars:  # the content pillars hold on every channel
            doc.add(Para(mix_line(s.channels.pillars)))
        whom = [audience_line(a) for a in for_channel(s, lib, card.channel)]
        if whom:
            doc.add(Bullets(whom))
    doc.add(Heading(_("House rules for every channel"), 2))
    doc.add(Bullets(lib.rules.house_rules))
    doc.add(Heading(_("The value check before posting"), 2))
    doc.add(Para(lib.rules.value_check_intro))
    doc.add(Bullets(lib.rules.value_questions(s.profile.kind)))


def _plan(doc: Document, s: Strategy, lib: Library, today: dt.date) -> None:
    doc.add(Heading(_("5. Plan")))
    doc.add(Heading(_("Actions"), 2))
    doc.add(
        *_or_missing(
            s.plan.actions,
            lambda acts: [
                Table(
                    [_("What"), _("Channel"), _("Owner"), _("Due"), _("Status")],
                    [
                        [
                            a.what,
                            a.channel,
                            a.owner,
                            a.due.isoformat() if a.due else "",
                            status_words(a.status),
                        ]
                        for a in acts
                    ],
                    [5, 1.5, 1.3, 1.5, 1],
                )
            ],
        )
    )
    doc.add(Heading(_("Recurring content"), 2))
    doc.add(
        *_or_missing(
            routines(s.plan, today),
            lambda rs: [
                Table(
                    [_("When"), _("What"), _("Channel"), _("Next")],
                    [[r.when, r.what, r.channel, date(r.next) if r.next else "—"] for r in rs],
                    [2.2, 3.2, 1.3, 1.6],
                )
            ],
        )
    )
    doc.add(Heading(_("People to connect with"), 2))
    doc.add(
        *_or_missing(
            s.plan.roster,
            lambda r: [
                Table(
                    [_("Who"), _("Channel"), _("First step")],
                    [[c.who, c.channel, c.first_step] for c in r],
                    [2, 1.5, 4],
                )
            ],
        )
    )
    doc.add(Heading(_("Review"), 2))
    review = s.plan.review_date or default_review_date(today, lib)
    topics = lib.titles(lib.rules.review_topic)
    doc.add(Para(_("Review this strategy on {day}.").format(day=date(review))))
    chosen = [topics[t] for t in s.plan.review_topics if t in topics] or list(topics.values())
    doc.add(Bullets(chosen))


def _own_rules(doc: Document, s: Strategy, analysis: Analysis | None) -> None:
    """The rules the user wrote: what each picks, and what it showed on each account."""
    from strategy.analytics.folk_rules import power_words
    from strategy.analytics.own_rules import group_label, rule_id

    if not s.analytics.own_rules:
        return
    doc.add(Heading(_("Rules of your own"), 2))
    rows = []
    for i, rule in enumerate(s.analytics.own_rules):
        found = []
        for a in analysis.accounts if analysis else []:
            for r in a.rules:
                if r.own and r.id == rule_id(i):
                    words = " ".join(filter(None, [r.verdict, power_words(r), r.overlap_note]))
                    found.append(f"{a.account.label}: {words}")
        result = "\n".join(found) or _("Not tested: no exports were included in this report.")
        rows.append([rule.name, group_label(rule), result])
    doc.add(Table([_("Rule"), _("Posts it picks"), _("What your posts showed")], rows, [2, 3, 5]))


def _analytics(
    doc: Document,
    s: Strategy,
    lib: Library,
    datasets: list[Dataset],
    charts: bool,
    options: Options,
) -> None:
    from strategy.analytics import analyze
    from strategy.report.figures import figures

    m = lib.steps.measure
    doc.add(Heading(_("6. Measuring what matters")))
    doc.add(Para(m.not_followers), Para(m.not_competition), Para(m.not_vacuum))
    analysis = analyze(datasets, options) if datasets else None
    if analysis is None:
        doc.add(Para(_("No analytics exports were included in this report."), "muted"))
    elif charts:
        # The demo's datasets say so in their format (a copy sent to a worker is still known).
        made_up = all(d.format_id == "demo" for d in datasets)
        for spec, reading, text in figures(analysis, made_up):
            doc.add(Image(None, reading, text.described(), spec=spec, name=text.name))
    _own_rules(doc, s, analysis)
    add_measured(doc, s, analysis)
    doc.add(Heading(_("What works for this audience"), 2))
    doc.add(Para(m.learn_by_doing))
    if s.analytics.notes.strip():
        doc.add(Para(s.analytics.notes.strip(), "quote"))
