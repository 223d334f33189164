"""The typed model of a whole social media strategy: one section per wizard step."""

from __future__ import annotations

import datetime as dt
import unicodedata
import zoneinfo
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from strategy.core.i18n import _
from strategy.core.textclean import clean

# Raise it with a migration in strategy.core.migrations (and the Literal below) when saved files
# of the version before would not validate, or would mean something else.
SCHEMA_VERSION = 3

# Typed text loses the characters no output can hold (see strategy.core.textclean) as it enters.
ShortText = Annotated[str, StringConstraints(max_length=200), AfterValidator(clean)]
MediumText = Annotated[str, StringConstraints(max_length=1000), AfterValidator(clean)]
LongText = Annotated[str, StringConstraints(max_length=5000), AfterValidator(clean)]
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2200, 12, 31)


def _in_range(day: dt.date) -> dt.date:
    # Every output adds to dates (a year of recurrences, an .ics end day): year 9999 would
    # overflow them all, and no plan runs past 2200.
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"a date between {EARLIEST.year} and {LATEST.year}, not {day.isoformat()}")
    return day


Day = Annotated[dt.date, AfterValidator(_in_range)]
Ident = Annotated[str, StringConstraints(max_length=60, pattern=r"^[a-z0-9_\-]*$")]

Usage = Literal["often", "this_year", "wont_use"]
Status = Literal["todo", "doing", "done"]
Rhythm = Literal["weekly", "monthly", "quarterly"]
Denominator = Literal["auto", "followers", "reach", "impressions", "views"]


class Base(BaseModel):
    """Strict base: unknown fields are refused, so a typo in a saved file is reported."""

    model_config = ConfigDict(extra="forbid", validate_default=True, validate_assignment=True)


class Profile(Base):
    """Who the strategy is for."""

    kind: Literal["personal", "organisation"] = "personal"
    name: ShortText = ""
    language: Literal["en", "sv"] = "en"


class WhySection(Base):
    """Step 1: the goals, the one that leads, and the why statement."""

    goals: list[Ident] = Field(default_factory=list, max_length=30)
    top_goal: Ident | None = None
    statement: LongText = ""
    readiness_done: list[Ident] = Field(default_factory=list, max_length=30)
    staff_groups: list[Ident] = Field(default_factory=list, max_length=10)


class Account(Base):
    """One account the person or organisation is registered on."""

    network: ShortText = ""
    handle: ShortText = ""
    owner: ShortText = ""
    usage: Usage = "often"
    profile_done: list[Ident] = Field(default_factory=list, max_length=20)


class AuditSection(Base):
    """Step 2: what exists, what was worth it, and the follow baseline."""

    accounts: list[Account] = Field(default_factory=list, max_length=100)
    worth_it: list[Ident] = Field(default_factory=list, max_length=20)
    reflection: LongText = ""
    baseline_done: bool = False


class ChannelChoice(Base):
    """A channel the user picked, possibly as an explicit experiment."""

    channel: Ident
    experiment: bool = False
    review_date: Day | None = None


MAX_PILLARS = 5


def _pillar_name(text: str) -> str:
    # Checked after the text is cleaned, as a rule's name is: invisible characters are no name.
    if is_blank(text):
        raise ValueError(_("Give the pillar a name, e.g. “Behind the scenes”."))
    return text.strip()


class ContentPillar(Base):
    """A theme the user posts about, tied to the why and the audiences, with its planned share.

    Attributes:
        name: The theme in the user's words ("Our research", "Events").
        share: The planned share of the posts, in per cent (0-100). Shares over 100 in total
            are allowed here and reported by `strategy.steps.pillars.problems`, so a half-edited
            mix still saves.
        examples: Example posts or topics, in the user's words.
        words: The words, hashtags, emoji or phrases that put a post in the pillar, separated
            by commas ("webinar, #event"); matched as an own rule's "contains" part is.
        audiences: The audiences (ids in `channels.audiences`) the pillar speaks to.
    """

    name: Annotated[ShortText, AfterValidator(_pillar_name)]
    share: Annotated[int, Field(ge=0, le=100, strict=True)] = 0
    examples: MediumText = ""
    words: ShortText = ""
    audiences: list[Ident] = Field(default_factory=list, max_length=20)


class AudienceNote(Base):
    """An audience said in full: what it needs from the user, and what the user wants it to do.

    Attributes:
        audience: The audience (an id in `channels.audiences`).
        needs: What they need from you, in the user's words.
        action: What you want them to do.
    """

    audience: Ident
    needs: MediumText = ""
    action: MediumText = ""


class ChannelsSection(Base):
    """Step 3: what the user wants to communicate and the chosen handful of channels.

    Attributes:
        content_types: The kinds of content (library ids).
        audiences: Who it is for (library ids).
        chosen: The channels picked, each possibly an experiment.
        pillars: Three to five content pillars with their planned mix (none in older files).
        audience_notes: The audiences said in full (none in older files: the library's
            suggestions stand in).
    """

    content_types: list[Ident] = Field(default_factory=list, max_length=20)
    audiences: list[Ident] = Field(default_factory=list, max_length=20)
    chosen: list[ChannelChoice] = Field(default_factory=list, max_length=12)
    pillars: list[ContentPillar] = Field(default_factory=list, max_length=MAX_PILLARS)
    audience_notes: list[AudienceNote] = Field(default_factory=list, max_length=20)


class GuidelineCard(Base):
    """Step 4: the editable guideline for one chosen channel."""

    channel: Ident
    job: MediumText = ""
    audience: MediumText = ""
    share: MediumText = ""
    avoid: MediumText = ""
    tone: MediumText = ""
    call_to_action: MediumText = ""
    cadence: MediumText = ""
    engage: MediumText = ""
    edited: list[Ident] = Field(default_factory=list, max_length=20)


class GuidelinesSection(Base):
    """Step 4: one card per chosen channel."""

    cards: list[GuidelineCard] = Field(default_factory=list, max_length=12)


class PlanAction(Base):
    """One task in the action plan."""

    what: MediumText
    channel: ShortText = ""
    owner: ShortText = ""
    due: Day | None = None
    status: Status = "todo"
    source: ShortText = ""


class RecurringItem(Base):
    """Something the user routinely shares, on a rhythm, on one channel."""

    what: ShortText
    channel: ShortText = ""
    rhythm: Rhythm = "monthly"
    start: Day | None = None


class Contact(Base):
    """A person or group to connect with, and the first step."""

    who: ShortText
    channel: ShortText = ""
    first_step: MediumText = ""


class PlanSection(Base):
    """Step 5: actions, recurring content, people to connect with, and the review."""

    actions: list[PlanAction] = Field(default_factory=list, max_length=300)
    recurring: list[RecurringItem] = Field(default_factory=list, max_length=100)
    roster: list[Contact] = Field(default_factory=list, max_length=200)
    review_date: Day | None = None
    review_topics: list[Ident] = Field(default_factory=list, max_length=10)
    dismissed: list[MediumText] = Field(default_factory=list, max_length=300)


FollowerCount = Annotated[int, Field(ge=0, le=10_000_000_000)]


class FollowerTotal(Base):
    """A follower total the user typed for one account, and the day it was true."""

    count: FollowerCount
    as_of: Day


def _zone(name: str) -> str:
    if name:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{name}' is not a time zone name such as Europe/Stockholm") from None
    return name


ConditionKind = Literal[
    "contains",
    "post_type",
    "weekday",
    "hours",
    "shorter_than",
    "longer_than",
    "has_link",
    "has_media",
    "near_another",
]


def is_blank(text: str) -> bool:
    """Whether a text holds nothing visible (spaces, zero-width and control characters)."""
    return not any(unicodedata.category(c)[0] not in "CZ" for c in text)


def _not_blank(text: str) -> str:
    # Checked after the text is cleaned: spaces or invisible characters alone are no name.
    if is_blank(text):
        raise ValueError(_("Give the rule a name in your own words."))
    return text.strip()


def _distinct_days(days: list[int]) -> list[int]:
    return sorted(set(days))


class RuleCondition(Base):
    """One part of a rule of the user's own: which posts it picks.

    Attributes:
        kind: What the part looks at: words in the text ("contains": a word, hashtag or emoji;
            alternatives separated by commas), the export's post type, weekdays, an hour range
            in the charts' zone, the text's length, a link, media, or another post close by.
        words: For "contains" and "post_type": the alternatives, separated by commas.
        weekdays: For "weekday": 0 = Monday.
        start_hour: For "hours": the first hour (0-23) of the range.
        end_hour: For "hours": the hour the range ends at (1-24); a range may pass midnight.
        number: Characters for the length parts, hours for "near_another".
        negate: Pick the posts the part does not pick ("without a link").
    """

    kind: ConditionKind
    words: ShortText = ""
    # Strict: a file's true, "3" or 2.5 is refused here, not read as a day or a count.
    weekdays: Annotated[
        list[Annotated[int, Field(ge=0, le=6, strict=True)]],
        Field(max_length=7),
        AfterValidator(_distinct_days),
    ] = Field(default_factory=list)
    start_hour: Annotated[int, Field(ge=0, le=23, strict=True)] = 6
    end_hour: Annotated[int, Field(ge=1, le=24, strict=True)] = 12
    number: Annotated[int, Field(ge=1, le=100_000, strict=True)] = 100
    negate: Annotated[bool, Field(strict=True)] = False

    @model_validator(mode="after")
    def _complete(self) -> RuleCondition:
        # One message per missing piece, in the language in force: the page shows it as is.
        if self.kind in ("contains", "post_type") and not [
            w for w in self.words.split(",") if w.strip()
        ]:
            raise ValueError(_("Give at least one word, hashtag or emoji to look for."))
        if self.kind == "weekday" and not self.weekdays:
            raise ValueError(_("Pick at least one weekday."))
        if self.kind == "hours" and self.start_hour == 0 and self.end_hour == 24:
            raise ValueError(_("From 0 to 24 is the whole day: pick the hours to compare."))
        if self.kind == "hours" and self.start_hour % 24 == self.end_hour % 24:
            raise ValueError(_("The hours must end at another hour than they start."))
        if self.kind == "near_another" and self.number > 24 * 14:
            raise ValueError(_("Give at most 336 hours (two weeks)."))
        return self


class OwnRule(Base):
    """A rule of thumb the user writes and tests on their own posts.

    Attributes:
        name: The rule in the user's words ("Posts about our webinars do better").
        conditions: The parts a post must all meet to be in the rule's group.
    """

    name: Annotated[ShortText, AfterValidator(_not_blank)]
    conditions: list[RuleCondition] = Field(min_length=1, max_length=3)


class AnalyticsSection(Base):
    """Step 6: the choices made on the analytics page (uploaded data itself is never saved).

    Attributes:
        denominator: What rates are per; "auto" takes each account's best (a follower
            history, else reach, impressions or views).
        measure: "interactions" (likes + comments + shares + saves, the same everywhere) or
            each network's own "engagements".
        time_zone: IANA zone for weekdays and hours; empty: the browser's.
        followers: Totals typed per network (files saved before accounts had names).
        follower_totals: Totals typed per account ("x:ADHOrg"), each with the day it was true.
        own_rules: Rules of thumb the user wrote, tested beside the folk rules.
        notes: The user's own notes.
    """

    denominator: Denominator = "auto"
    measure: Literal["interactions", "engagements"] = "interactions"
    time_zone: Annotated[ShortText, AfterValidator(_zone)] = ""
    followers: dict[Ident, FollowerCount] = Field(default_factory=dict, max_length=50)
    follower_totals: dict[ShortText, FollowerTotal] = Field(default_factory=dict, max_length=50)
    own_rules: list[OwnRule] = Field(default_factory=list, max_length=5)
    notes: LongText = ""


TargetMeasure = Literal[
    "interaction_rate", "reply_share", "followers", "follower_growth", "posts_per_week"
]
Rate = Literal["followers", "reach", "impressions", "views"]
Figure = Annotated[float, Field(allow_inf_nan=False, ge=-1e12, le=1e12)]


class Baseline(Base):
    """A measure's figure from the exports a target was set on (the exports are never saved).

    Attributes:
        value: The figure: a median rate as a fraction, a follower total, followers per month
            or posts per week.
        start: The first day the figure rests on.
        end: The last day.
        n: The sample: rated posts (or days) for a rate, days for followers, posts for posts
            per week.
        unit: What `n` counts: "post" or "day".
        counted: For a rate: what is counted ("interactions" or the network's "engagements").
        denominator: For a rate: what it is per.
    """

    value: Figure
    start: Day
    end: Day
    n: Annotated[int, Field(ge=0, le=100_000_000)]
    unit: Literal["post", "day"] = "post"
    counted: Literal["interactions", "engagements"] | None = None
    denominator: Rate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Baseline:
        if self.end < self.start:
            raise ValueError("a baseline's end cannot come before its start")
        return self


class Target(Base):
    """A target for one chosen goal: a measure on one account, from a baseline, by a date.

    Attributes:
        goal: The goal it serves (an id in `why.goals`).
        measure: What is measured (see `strategy.targets.measures`).
        account: The account as the analytics name it: "platform:name" ("x:ADHOrg").
        platform: The account's network id, to find it again under another name.
        baseline: The figure the target starts from; None until exports give one.
        value: The figure to reach (a fraction for a rate).
        by: The day it should be reached.
    """

    goal: Ident
    measure: TargetMeasure
    account: ShortText
    platform: Ident
    baseline: Baseline | None = None
    value: Figure | None = None
    by: Day | None = None


class Snapshot(Base):
    """What the strategy said when its baselines were set, to list what changed since.

    Attributes:
        taken: The day it was taken.
        channels: The chosen channels' ids then.
        cards: The guideline cards then.
    """

    taken: Day
    channels: list[Ident] = Field(default_factory=list, max_length=12)
    cards: list[GuidelineCard] = Field(default_factory=list, max_length=12)


class TargetsSection(Base):
    """A living strategy: targets per goal, and the snapshot their baselines were set with."""

    targets: list[Target] = Field(default_factory=list, max_length=30)
    snapshot: Snapshot | None = None


def _not_a_bool(value: object) -> object:
    # JSON's true equals 1 to Python, so Literal[1] would take it: a version is a number.
    if isinstance(value, bool):
        raise ValueError("the schema version is a number (such as 3), not true or false")
    return value


class Strategy(Base):
    """A whole strategy, as saved to and resumed from JSON."""

    schema_version: Annotated[Literal[3], BeforeValidator(_not_a_bool)] = SCHEMA_VERSION
    created: Day | None = None
    profile: Profile = Field(default_factory=Profile)
    why: WhySection = Field(default_factory=WhySection)
    audit: AuditSection = Field(default_factory=AuditSection)
    channels: ChannelsSection = Field(default_factory=ChannelsSection)
    guidelines: GuidelinesSection = Field(default_factory=GuidelinesSection)
    plan: PlanSection = Field(default_factory=PlanSection)
    analytics: AnalyticsSection = Field(default_factory=AnalyticsSection)
    targets: TargetsSection = Field(default_factory=TargetsSection)
