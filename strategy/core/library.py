"""Load and validate the content library (the product's wording) from TOML data files."""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from strategy.core import published

CONTENT_ENV = "SOCIAL_WHY_CONTENT"
DEFAULT_ROOT = Path(__file__).parent.parent / "content"
FILES = ("goals", "organisation", "audit", "channels", "rules", "steps")


class Item(BaseModel):
    """Base for a content entry: strict, so a misspelt key in a trainer's file is reported."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_\-]+$", max_length=60)


class PillarSuggestion(BaseModel):
    """A content pillar a goal suggests: a theme and the words that find it in posts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1, max_length=200)
    words: str = Field(min_length=1, max_length=200)  # comma-separated, as the user edits them


class Goal(Item):
    """A why to pick."""

    kind: Literal["personal", "organisation"]
    title: str
    explain: str
    statement: str
    channels: list[str] = Field(default_factory=list)
    content_types: list[str] = Field(default_factory=list)
    audiences: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    pillars: list[PillarSuggestion] = Field(default_factory=list, max_length=5)


class Readiness(Item):
    """Something an organisation needs in place; `action` is suggested when it is missing."""

    title: str
    explain: str
    action: str


class StaffGroup(Item):
    """A group of staff and the next step that suits them."""

    title: str
    explain: str
    next_step: str


class Activity(Item):
    """A kind of activity that may have been worth it last year."""

    title: str
    explain: str


class UsageCategory(Item):
    """How often an account is used, and what follows."""

    id: Literal["often", "this_year", "wont_use"]
    title: str
    action: str


class ProfileItem(Item):
    """A piece of profile upkeep."""

    title: str
    action: str


class FollowBaseline(BaseModel):
    """The keep / unfollow rules for resetting who you follow."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    intro: str
    why: str
    keep: list[str]
    unfollow: list[str]
    add_back: str
    action: str


class Titled(Item):
    """A simple id and title pair."""

    title: str


class Audience(Titled):
    """An audience to pick, with what it usually needs and what one usually wants it to do.

    Both are suggestions the Channels step starts from; the user says them in their own words.
    """

    needs: str = ""
    action: str = ""


class Channel(Item):
    """A network, what it suits, and its default guideline text."""

    name: str
    summary: str
    suits: list[str]
    not_suits: list[str] = Field(default_factory=list)
    audiences: list[str]
    scope: Literal["personal", "professional", "both"]
    job: str
    audience: str
    share: str
    avoid: str
    tone: str
    call_to_action: str
    cadence: str
    rhythm: Literal["weekly", "monthly", "quarterly"] = "weekly"  # the cadence as a plan rhythm
    engage: str
    max_chars: int = Field(gt=0)
    max_hashtags: int = Field(ge=0)


class ValueQuestion(Item):
    """One of the three questions to ask before sharing, with words that hint a draft answers it."""

    question: str
    organisation: str = ""  # the question as an organisation asks it; blank: the same words
    signals: list[str]

    def asked_by(self, kind: str) -> str:
        """The question in the words of a person ("personal") or an organisation."""
        return self.organisation if kind == "organisation" and self.organisation else self.question


class Step(Item):
    """A wizard step's wording and facilitator notes."""

    title: str
    idea: str
    intro: str
    ask: str
    answers: str
    minutes: int = Field(ge=1, le=180)


class PlanText(BaseModel):
    """Suggestions for the plan step."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    routine: list[str]
    goals: list[str]
    review_months: int = Field(ge=1, le=24)


class MeasureText(BaseModel):
    """The measurement ideas shown with the analytics."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    not_followers: str
    not_competition: str
    not_vacuum: str
    learn_by_doing: str


class GoalsFile(BaseModel):
    """goals.toml."""

    model_config = ConfigDict(extra="forbid")
    goal: list[Goal] = Field(min_length=1)


class OrganisationFile(BaseModel):
    """organisation.toml."""

    model_config = ConfigDict(extra="forbid")
    intro: str
    readiness: list[Readiness] = Field(min_length=1)
    staff_group: list[StaffGroup] = Field(min_length=1)


class AuditFile(BaseModel):
    """audit.toml."""

    model_config = ConfigDict(extra="forbid")
    activity: list[Activity] = Field(min_length=1)
    usage: list[UsageCategory] = Field(min_length=3, max_length=3)
    profile_item: list[ProfileItem] = Field(min_length=1)
    follow: FollowBaseline


class ChannelsFile(BaseModel):
    """channels.toml."""

    model_config = ConfigDict(extra="forbid")
    content_type: list[Titled] = Field(min_length=1)
    audience: list[Audience] = Field(min_length=1)
    channel: list[Channel] = Field(min_length=1)


class RulesFile(BaseModel):
    """rules.toml."""

    model_config = ConfigDict(extra="forbid")
    house_rules: list[str] = Field(min_length=1)
    value_check_intro: str
    value_question: list[ValueQuestion] = Field(min_length=1)
    call_to_action_signals: list[str]
    review_topic: list[Titled] = Field(min_length=1)

    def value_questions(self, kind: str) -> list[str]:
        """The value check's questions as a person or an organisation asks them."""
        return [q.asked_by(kind) for q in self.value_question]


class StepsFile(BaseModel):
    """steps.toml."""

    model_config = ConfigDict(extra="forbid")
    step: list[Step] = Field(min_length=8, max_length=8)
    plan: PlanText
    measure: MeasureText


class Library(BaseModel):
    """All content, cross-checked: every id a file refers to must exist."""

    model_config = ConfigDict(frozen=True)
    goals: GoalsFile
    organisation: OrganisationFile
    audit: AuditFile
    channels: ChannelsFile
    rules: RulesFile
    steps: StepsFile

    @model_validator(mode="after")
    def _check_references(self) -> Library:
        channel_ids = {c.id for c in self.channels.channel}
        types = {t.id for t in self.channels.content_type}
        audiences = {a.id for a in self.channels.audience}
        problems = []
        for goal in self.goals.goal:
            problems += [
                f"goals: goal {goal.id}: unknown channel {c!r}"
                for c in goal.channels
                if c not in channel_ids
            ]
            problems += [
                f"goals: goal {goal.id}: unknown content type {t!r}"
                for t in goal.content_types
                if t not in types
            ]
            problems += [
                f"goals: goal {goal.id}: unknown audience {a!r}"
                for a in goal.audiences
                if a not in audiences
            ]
        for ch in self.channels.channel:
            problems += [
                f"channels: channel {ch.id}: unknown content type {t!r}"
                for t in ch.suits + ch.not_suits
                if t not in types
            ]
            problems += [
                f"channels: channel {ch.id}: unknown audience {a!r}"
                for a in ch.audiences
                if a not in audiences
            ]
        for name, items in (
            ("goals", self.goals.goal),
            ("channels", self.channels.channel),
            ("steps", self.steps.step),
        ):
            ids = [i.id for i in items]
            problems += [
                f"{name}: duplicate id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Look-ups used across the app.
    def goal(self, goal_id: str) -> Goal | None:
        """Return the goal with this id, or None."""
        return next((g for g in self.goals.goal if g.id == goal_id), None)

    def goals_for(self, kind: str) -> list[Goal]:
        """Return the goals for a personal or organisational strategy."""
        return [g for g in self.goals.goal if g.kind == kind]

    def channel(self, channel_id: str) -> Channel | None:
        """Return the channel with this id, or None."""
        return next((c for c in self.channels.channel if c.id == channel_id), None)

    def channel_name(self, channel_id: str) -> str:
        """Return a channel's display name (the id itself when unknown)."""
        ch = self.channel(channel_id)
        return ch.name if ch else channel_id

    def step(self, step_id: str) -> Step:
        """Return a step's wording."""
        return next(s for s in self.steps.step if s.id == step_id)

    def titles(self, items: list) -> dict[str, str]:
        """Map ids to titles for a list of titled items."""
        return {i.id: i.title for i in items}


class ContentError(RuntimeError):
    """A content file is missing or invalid; the message names the file and the field."""


def _read(root: Path, default_root: Path, name: str) -> tuple[Path, dict]:
    path = root / f"{name}.toml"
    if not path.exists():
        path = default_root / f"{name}.toml"
    try:
        with path.open("rb") as fh:
            return path, tomllib.load(fh)
    except FileNotFoundError:
        raise ContentError(f"Content file {path} is missing.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"Content file {path} is not valid TOML: {exc}") from None


def load_library(root: Path | str | None = None, language: str = "en") -> Library:
    """Read and validate every content file.

    A trainer's folder may hold only some files; the others come from the built-in content.

    Args:
        root: A content folder with one subfolder per language, or with the files directly.
            Defaults to the `SOCIAL_WHY_CONTENT` environment variable, then the built-in content.
        language: The language subfolder to read.

    Returns:
        The validated library.

    Raises:
        ContentError: Naming the file and field that are wrong.
    """
    root = Path(root or os.environ.get(CONTENT_ENV) or DEFAULT_ROOT)
    folder = root / language if (root / language).is_dir() else root
    defaults = DEFAULT_ROOT / language
    if not defaults.is_dir():
        defaults = DEFAULT_ROOT / "en"
    if not folder.is_dir():
        raise ContentError(f"Content folder {folder} does not exist.")
    parsed = {}
    for name in FILES:
        path, data = _read(folder, defaults, name)
        model = cast(type[BaseModel], Library.model_fields[name].annotation)
        try:
            parsed[name] = model.model_validate(data)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ContentError(
                f"Content file {path}: field {where}: {first['msg']}"
                + (f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else "")
            ) from None
    problem = published.check()  # published figures: one file for every language
    if problem:
        raise ContentError(problem)
    try:
        return Library(**parsed)
    except ValidationError as exc:
        raise ContentError(f"Content folder {folder}: {exc.errors()[0]['msg']}") from None


@functools.lru_cache(maxsize=8)
def _cached(root: str, language: str) -> Library:
    return load_library(root or None, language)


def library(language: str = "en") -> Library:
    """Return the library for a language, read once per process (it holds no user data)."""
    return _cached(os.environ.get(CONTENT_ENV, ""), language)
