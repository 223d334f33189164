"""Which account each dataset belongs to: named by the export, else by platform, or by the user."""

from __future__ import annotations

from dataclasses import dataclass, field

from strategy.core.i18n import _
from strategy.importers.dataset import Dataset

NETWORK_NAMES = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "threads": "Threads",
    "pinterest": "Pinterest",
}


def network_name(platform: str) -> str:
    """A network's name as people write it ("other" in the language in force)."""
    return NETWORK_NAMES.get(platform, _("other") if platform == "other" else platform)


def default_name(platform: str) -> str:
    """The account name for files of a platform that name no account, e.g. "X account"."""
    return _("{network} account").format(network=network_name(platform))


@dataclass
class Account:
    """One account on one network, with every dataset of it (one or more grains).

    Attributes:
        platform: Network id.
        name: The account's name (never blank).
        named_by: Where the name comes from: "export", "default" or "user".
        datasets: Its datasets, in upload order.
    """

    platform: str
    name: str
    named_by: str
    datasets: list[Dataset] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Identify the account across reruns: "platform:name"."""
        return f"{self.platform}:{self.name}"

    @property
    def label(self) -> str:
        """The account as readings name it: "x · ADHOrg"."""
        return f"{self.platform} · {self.name}"

    @property
    def grains(self) -> list[str]:
        """The grains it has, per post first."""
        return [g for g in ("post", "day") if any(d.grain == g for d in self.datasets)]


def account_name(ds: Dataset, names: dict[str, str] | None = None) -> tuple[str, str]:
    """The name a dataset's account goes by, and who gave it ("user", "export", "default")."""
    given = (names or {}).get(ds.key, "").strip()
    if given:
        return given, "user"
    if ds.account:
        return ds.account, "export"
    return default_name(ds.platform), "default"


def resolve_accounts(datasets: list[Dataset], names: dict[str, str] | None = None) -> list[Account]:
    """Group datasets into accounts.

    A dataset is the account the user named for it, else the account the export names, else
    the platform's one unnamed account ("X account"): files of one platform that name no
    account are taken as one account, which the user can split by naming them. Two handles
    stay two accounts; the grains of one account are kept apart, never summed.

    Args:
        datasets: Every uploaded dataset.
        names: Account names the user gave, by `Dataset.key`.

    Returns:
        The accounts, in the order their first dataset was uploaded.
    """
    out: dict[tuple[str, str], Account] = {}
    for ds in datasets:
        name, by = account_name(ds, names)
        account = out.setdefault((ds.platform, name), Account(ds.platform, name, by))
        if by == "export" and account.named_by == "default":
            account.named_by = by
        account.datasets.append(ds)
    return list(out.values())
