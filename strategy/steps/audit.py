"""Rules for the Audit step: which accounts to close and which profiles need upkeep."""

from __future__ import annotations

import datetime as dt

from strategy.core.i18n import _
from strategy.core.library import Library
from strategy.core.model import Account, PlanAction, Strategy

CLOSE_WITHIN_DAYS = 14
REFRESH_WITHIN_DAYS = 30


def account_label(account: Account) -> str:
    """Name an account for a task: network plus handle."""
    parts = [account.network.strip(), account.handle.strip()]
    return " ".join(p for p in parts if p) or _("unnamed account")


def account_actions(accounts: list[Account], lib: Library, today: dt.date) -> list[PlanAction]:
    """Turn the account inventory into dated tasks.

    "Won't use" accounts become a task to close them; every other account gets one task per
    unticked profile item.

    Args:
        accounts: The audited accounts.
        lib: The content library (profile items and their wording).
        today: The date tasks are scheduled from.

    Returns:
        The tasks, each with a stable `source` key.
    """
    actions = []
    for acc in accounts:
        if not (acc.network.strip() or acc.handle.strip()):
            continue
        label = account_label(acc)
        key = f"audit:{acc.network.strip().lower()}:{acc.handle.strip().lower()}"
        if acc.usage == "wont_use":
            actions.append(
                PlanAction(
                    what=_("Close this account: {account}").format(account=label),
                    channel=acc.network,
                    owner=acc.owner,
                    due=today + dt.timedelta(days=CLOSE_WITHIN_DAYS),
                    source=f"{key}:close",
                )
            )
            continue
        done = set(acc.profile_done)
        for item in lib.audit.profile_item:
            if item.id not in done:
                actions.append(
                    PlanAction(
                        what=f"{item.action}: {label}",
                        channel=acc.network,
                        owner=acc.owner,
                        due=today + dt.timedelta(days=REFRESH_WITHIN_DAYS),
                        source=f"{key}:{item.id}",
                    )
                )
    return actions


def planned_account_actions(strategy: Strategy, lib: Library, today: dt.date) -> list[PlanAction]:
    """The audit's tasks as the plan holds them, for the Audit step to show.

    The plan keeps each task with the due date it got when it was first suggested (or the one
    the user set); scheduling it afresh from today would show another date on Audit than on
    Plan, in the CSV and in the `.ics`. A task the user removed from the plan is not shown.

    Args:
        strategy: The strategy, reconciled (the plan holds the audit's tasks).
        lib: The content library.
        today: The day a task not yet in the plan would be scheduled from.

    Returns:
        The tasks in the audit's order.
    """
    planned = {a.source: a for a in strategy.plan.actions if a.source}
    dismissed = set(strategy.plan.dismissed)
    return [
        planned.get(a.source, a)
        for a in account_actions(strategy.audit.accounts, lib, today)
        if a.source not in dismissed
    ]
