"""Built-in demo analytics: an HR team's two accounts and a personal account, 12 months each."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from strategy.importers.dataset import COLUMNS, Dataset

END = dt.date(2026, 10, 31)
TOPICS = [
    "Meet Sam from our warehouse team and what a good week looks like",
    "We are hiring: join our team as a payroll specialist, apply by Friday",
    "Three things we learned from our first mentoring programme",
    "Behind the scenes at our summer kick-off",
    "How we run onboarding in the first 30 days, step by step, with the checklist we use",
    "Congratulations to everyone who finished the leadership course this spring",
]
TAGS = ["#hr", "#careers", "#worklife", "#hiring", "#teamwork", "#leadership"]
ACCOUNTS = (
    # platform, account, start followers, end followers, posts/week, base rate per follower
    ("linkedin", "Northwind HR", 9_000, 12_500, 3.0, 0.018),
    ("instagram", "Northwind Careers", 30_000, 41_000, 2.0, 0.005),
    ("linkedin", "Alex Berg", 600, 820, 1.5, 0.06),
)


def _posts(rng, platform, account, f_start, f_end, per_week, base, days):
    n = int(len(days) / 7 * per_week)
    when = np.sort(rng.choice(len(days), size=n, replace=True))
    hours = rng.choice([7, 8, 9, 10, 12, 14, 16, 19], size=n)
    dates = pd.to_datetime(days[when]) + pd.to_timedelta(hours, unit="h")
    followers = np.interp(when, [0, len(days) - 1], [f_start, f_end])
    texts, tags = [], rng.integers(0, 5, n)
    for i in range(n):
        body = TOPICS[rng.integers(0, len(TOPICS))]
        if rng.random() < 0.4:
            body = body.split(",")[0][:80]
        if rng.random() < 0.3:
            body += " https://northwind.example/careers"
        texts.append((body + " " + " ".join(TAGS[: tags[i]])).strip())
    # Planted effects the rule tester should find: morning posts do better, 3+ hashtags worse.
    effect = np.where(hours < 12, 1.35, 1.0) * np.where(tags > 2, 0.7, 1.0)
    rate = base * effect * rng.lognormal(0, 0.35, n)
    engagements = np.round(followers * rate)
    impressions = np.round(followers * rng.uniform(0.2, 0.6, n))
    likes = np.round(engagements * 0.7)
    comments = np.round(engagements * 0.2)
    return pd.DataFrame(
        {
            "platform": platform,
            "account": account,
            "grain": "post",
            "date": dates,
            "post_id": [f"{account[:2].lower()}{i}" for i in range(n)],
            "text": texts,
            # A kind per post without a draw from rng, so the demo's other figures stay as they
            # were.
            "post_type": [("Video", "Image", "Text")[i % 3] for i in range(n)],
            "impressions": impressions,
            "reach": np.round(impressions * 0.8),
            "views": np.nan,
            "engagements": engagements,
            "likes": likes,
            "comments": comments,
            "shares": engagements - likes - comments,
            "saves": np.nan,
            "clicks": np.round(engagements * 0.3),
            "followers": np.nan,
            "followers_gained": np.nan,
            "link": [f"https://northwind.example/posts/{account[:2].lower()}{i}" for i in range(n)],
            "profile_visits": np.round(engagements * 0.1),
            "watch_hours": np.nan,
        }
    )


def _history(rng, platform, account, f_start, f_end, days):
    trend = np.linspace(f_start, f_end, len(days)) + rng.normal(0, f_end * 0.002, len(days))
    followers = np.maximum.accumulate(np.round(trend))
    gained = np.diff(followers, prepend=followers[0])
    frame = pd.DataFrame({c: np.nan for c in COLUMNS}, index=range(len(days)))
    frame = frame.assign(
        platform=platform,
        account=account,
        grain="day",
        date=pd.to_datetime(days),
        post_id=None,
        text=None,
        post_type=None,
        followers=followers,
        followers_gained=gained,
    )
    return frame[list(COLUMNS)]


def demo_datasets(accounts: list[str] | None = None) -> list[Dataset]:
    """Return the demo datasets (deterministic: the same numbers every time).

    Args:
        accounts: Only these demo accounts (a persona's); all of them when None.
    """
    return [d for d in _demo() if accounts is None or d.frame["account"].iloc[0] in accounts]


def is_demo(datasets: list[Dataset]) -> bool:
    """Whether every dataset is one of the built-in demo datasets (by identity: not a copy)."""
    demo = _demo()
    return all(any(d is known for known in demo) for d in datasets)


def demo_only(inputs: tuple) -> bool:
    """Whether figures computed from `inputs` hold nothing a user entered or uploaded.

    True when every list among the inputs is of built-in demo datasets (at least one such
    list), and no analysis options carry a follower count typed in, an account name given or
    a rule of the user's own.
    Such figures may be computed once and shared by every session.
    """
    lists = [x for x in inputs if isinstance(x, list)]
    if not lists or not all(x and is_demo(x) for x in lists):
        return False
    user_made = ("typed", "names", "own_rules")
    return all(not any(getattr(x, k, None) for k in user_made) for x in inputs)


@functools.cache
def _demo() -> tuple[Dataset, ...]:
    # Made-up data shared read-only by every session: it holds nothing a user entered.
    rng = np.random.default_rng(2026)
    days = pd.date_range(end=END, periods=365, freq="D").to_numpy()
    out = []
    for platform, account, f0, f1, per_week, base in ACCOUNTS:
        posts = _posts(rng, platform, account, f0, f1, per_week, base, days)
        out.append(
            Dataset(
                source="Demo data",
                sheet=f"{account}: posts",
                format_id="demo",
                label="Demo data (made up)",
                platform=platform,
                grain="post",
                frame=posts[list(COLUMNS)],
                columns_used={
                    c: c
                    for c in (
                        "impressions",
                        "reach",
                        "engagements",
                        "likes",
                        "comments",
                        "shares",
                        "clicks",
                        "profile_visits",
                    )
                },
                notes=["Made-up demo data."],
                account=account,
            )
        )
        history = _history(rng, platform, account, f0, f1, days)
        out.append(
            Dataset(
                source="Demo data",
                sheet=f"{account}: followers",
                format_id="demo",
                label="Demo data (made up)",
                platform=platform,
                grain="day",
                frame=history,
                columns_used={"followers": "followers", "followers_gained": "followers_gained"},
                notes=["Made-up demo data."],
                account=account,
                time_of_day=False,
                time_source="none",
            )
        )
    return tuple(out)
