"""The content library: the built-in files load; broken files fail naming file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from strategy.core.library import DEFAULT_ROOT, ContentError, load_library

DOMAIN_WHYS = {
    "personal": {
        "new_job",
        "personal_brand",
        "speaking_writing",
        "relationships",
        "promote_work",
        "learn",
    },
    "organisation": {
        "employer_brand",
        "consumer_brand",
        "sales",
        "recruitment_spend",
        "leadership",
        "internal_comms",
    },
}
CHANNELS = {"linkedin", "facebook", "x", "instagram", "youtube", "tiktok", "mastodon", "bluesky"}


def test_builtin_content_has_every_why_and_channel_from_the_domain():
    lib = load_library()
    for kind, ids in DOMAIN_WHYS.items():
        assert ids <= {g.id for g in lib.goals_for(kind)}
    assert CHANNELS <= {c.id for c in lib.channels.channel}
    assert {r.id for r in lib.organisation.readiness} == {
        "case_made",
        "training",
        "joined_up",
        "policy",
        "leaders",
    }
    assert len(lib.rules.value_question) == 3
    assert len(lib.steps.step) == 8
    assert {u.id for u in lib.audit.usage} == {"often", "this_year", "wont_use"}


@pytest.fixture
def content_copy(tmp_path) -> Path:
    shutil.copytree(DEFAULT_ROOT / "en", tmp_path / "en")
    return tmp_path


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / "en" / f"{name}.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "goals",
            'title = "Land a new job"',
            'titel = "Land a new job"',
            "goals.toml: field goal.0",
        ),
        (
            "goals",
            'channels = ["linkedin", "x", "mastodon", "bluesky"]',
            'channels = ["linkedin", "myspace"]',
            "goal new_job: unknown channel 'myspace'",
        ),
        (
            "channels",
            "max_chars = 1300",
            "max_chars = -5",
            "channels.toml: field channel.0.max_chars",
        ),
        ("channels", 'id = "facebook"', 'id = "linkedin"', "duplicate id 'linkedin'"),
        ("audit", 'id = "wont_use"', 'id = "never"', "audit.toml: field usage.2.id"),
        ("rules", "house_rules = [", "house_rules = [[", "rules.toml is not valid TOML"),
        ("steps", 'id = "export"', 'id = "Export!"', "steps.toml: field step.7.id"),
        ("organisation", "[[staff_group]]", "[[staf_group]]", "organisation.toml"),
    ],
)
def test_a_broken_content_file_names_the_file_and_field(content_copy, name, old, new, expected):
    _edit(content_copy, name, old, new)
    with pytest.raises(ContentError) as info:
        load_library(content_copy)
    assert expected in str(info.value)


def test_a_trainer_folder_may_override_only_some_files(tmp_path):
    (tmp_path / "en").mkdir()
    goals = (DEFAULT_ROOT / "en" / "goals.toml").read_text("utf-8")
    (tmp_path / "en" / "goals.toml").write_text(
        goals.replace('title = "Employer brand"', 'title = "Be a great place to work"'), "utf-8"
    )
    lib = load_library(tmp_path)
    assert lib.goal("employer_brand").title == "Be a great place to work"
    assert lib.channel("linkedin").name == "LinkedIn"


def test_the_environment_variable_points_the_app_at_a_content_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAL_WHY_CONTENT", str(tmp_path / "missing"))
    with pytest.raises(ContentError, match="does not exist"):
        load_library()
