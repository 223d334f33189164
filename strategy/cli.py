"""Command line: `python -m strategy validate|calendar|inspect|analyze|review ...`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import warnings
from pathlib import Path

from strategy.core.storage import MAX_FILE_BYTES, StrategyFileError, loads


def _load(path: str):
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise StrategyFileError([]) from exc
    from strategy.core.known import keep_known
    from strategy.core.library import library

    strategy = loads(data, name=p.name)
    strategy, notes = keep_known(strategy, library(strategy.profile.language))
    for note in notes:  # the file is usable; what did not come across is said
        print(f"{path}: {note}", file=sys.stderr)
    return strategy


def _cmd_validate(args: argparse.Namespace) -> int:
    _load(args.file)
    print("ok")
    return 0


def _cmd_calendar(args: argparse.Namespace) -> int:
    from strategy.core.library import library
    from strategy.report.calendar import to_csv, to_ics
    from strategy.steps.reconcile import reconcile

    strategy = _load(args.file)
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    strategy = reconcile(strategy, library(strategy.profile.language), today)
    if not args.output and not args.csv:
        sys.stdout.buffer.write(to_ics(strategy, today))
        return 0
    if args.output:
        Path(args.output).write_bytes(to_ics(strategy, today))
    if args.csv:
        Path(args.csv).write_bytes(to_csv(strategy, today))
    return 0


class _Refused(Exception):
    """An export the CLI cannot use; the message is the one line it prints."""


def _read_export(name: str, reference: dt.date | None = None) -> list:
    """Read one export file the way the app reads an upload: in a worker, under its budget.

    Raises:
        _Refused: The file cannot be read, or the importer refused it (the message says why).
    """
    from strategy.core.textclean import clean
    from strategy.importers import ImportFailure
    from strategy.importers.api import MAX_BYTES, too_large
    from strategy.importers.guarded import read_upload

    path = Path(name)
    try:
        with path.open("rb") as fh:
            # Never more than the limit and a byte into memory; the size in the message is
            # the file's own.
            data = fh.read(MAX_BYTES + 1)
            size = path.stat().st_size if len(data) > MAX_BYTES else len(data)
    except OSError as exc:
        raise _Refused(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        if size > MAX_BYTES:
            raise too_large(path.name, size)
        return read_upload(path.name, data, reference=reference)
    except ImportFailure as exc:
        # One line, whatever the path holds (a newline in a folder's name would make two).
        shown = clean(name, lines=False)
        raise _Refused(f"{shown}: {exc.reason}") from None


def _cmd_inspect(args: argparse.Namespace) -> int:
    reference = dt.date.fromisoformat(args.downloaded) if args.downloaded else None
    summaries = []
    for name in args.files:
        try:
            datasets = _read_export(name, reference)
        except _Refused as exc:
            return _say(str(exc))
        summaries += [d.summary() | {"source": name} for d in datasets]
    if args.json:
        print(_json(summaries))
    else:
        for s in summaries:
            where = f" [{s['sheet']}]" if s["sheet"] else ""
            print(
                f"{s['source']}{where}: {s['platform']} {s['grain']}, {s['rows']} rows, "
                f"{s['start']} to {s['end']}"
            )
    return 0


def _finite(value):
    """JSON has no Infinity or NaN: a number a file made infinite is printed as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _json(value) -> str:
    return json.dumps(_finite(value), indent=2, ensure_ascii=False, default=str, allow_nan=False)


def _typed(values: list[str]) -> dict:
    """Parse --followers N[@DATE] and --followers ACCOUNT=N[@DATE] (ACCOUNT: platform:name)."""
    from strategy.analytics.followers import TypedTotal

    out = {}
    for value in values:
        key, _eq, spec = value.rpartition("=")
        count, _at, day = spec.partition("@")
        try:
            total = TypedTotal(
                int(count.replace(",", "").replace("_", "")),
                dt.date.fromisoformat(day) if day else dt.date.today(),
            )
        except ValueError:
            raise SystemExit(_say(f"--followers {value}: give N or N@YYYY-MM-DD")) from None
        if total.count < 0:
            raise SystemExit(_say(f"--followers {value}: a count cannot be negative"))
        out[key or "*"] = total
    return out


def _cmd_analyze(args: argparse.Namespace) -> int:
    from strategy.analytics import Options, analyze
    from strategy.analytics.timing import UnknownZone, check_zone

    try:
        zone = check_zone(args.tz)
    except UnknownZone as exc:
        return _say(f"--tz: {exc}")
    reference = dt.date.fromisoformat(args.downloaded) if args.downloaded else None
    datasets, names = [], {}
    for name in args.files:
        try:
            found = _read_export(name, reference)
        except _Refused as exc:
            return _say(str(exc))
        datasets += found
        for given in args.account or []:
            file, _eq, account = given.rpartition("=")
            if file in (name, Path(name).name):
                names.update({d.key: account for d in found})
    # The strategy's content pillars, measured on each account (its other choices are the
    # options' own: the command line says them).
    pillars = tuple(_load(args.strategy).channels.pillars) if args.strategy else ()
    options = Options(
        zone=zone,
        measure=args.measure,
        denominator=args.denominator,
        typed=_typed(args.followers or []),
        names=names,
        pillars=pillars,
    )
    with warnings.catch_warnings():
        # A file's 1e308 overflows a sum to inf (printed as null); numpy's warning about it
        # would be a second, unasked line on stderr.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = analyze(datasets, options).to_json()
    if args.json:
        print(_json(result))
    else:
        for account in result["accounts"]:
            print(account["reading"])
        for note in result["notes"]:
            print(f"  {note}")
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from strategy.core.i18n import using
    from strategy.core.library import library
    from strategy.targets.review import review

    strategy = _load(args.file)
    reference = dt.date.fromisoformat(args.downloaded) if args.downloaded else None
    datasets = []
    for name in args.exports:
        try:
            datasets += _read_export(name, reference)
        except _Refused as exc:
            return _say(str(exc))
    lang = strategy.profile.language
    # The review is the strategy's: its words are in the strategy's language.
    with using(lang), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # see analyze: an inf is printed as null
        lib = library(lang)
        result = review(strategy, datasets, lib)
        if args.pdf or args.markdown:
            from strategy.report.targets import review_markdown, review_pdf

            if args.pdf:
                Path(args.pdf).write_bytes(review_pdf(result, strategy, lib, dt.date.today()))
            if args.markdown:
                text = review_markdown(result, strategy, lib, dt.date.today())
                Path(args.markdown).write_text(text, encoding="utf-8")
        if args.json:
            print(_json(result.to_json()))
            return 0
        if not result.targets:
            print(f"{args.file}: no targets")
        for target in result.targets:
            print(target.line())
        for change in result.changes:
            print(f"  {change.words}")
    return 0


def _report(args: argparse.Namespace):
    from strategy.core.library import library
    from strategy.report import build_document

    strategy = _load(args.file)
    datasets = []
    for name in args.data or []:
        try:
            datasets += _read_export(name)
        except _Refused as exc:
            raise SystemExit(_say(str(exc))) from None
    lib = library(strategy.profile.language)
    return build_document(strategy, lib, datasets, charts=args.command == "pdf")


def _say(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _cmd_pdf(args: argparse.Namespace) -> int:
    from strategy.report import to_pdf

    Path(args.output).write_bytes(to_pdf(_report(args)))
    return 0


def _cmd_markdown(args: argparse.Namespace) -> int:
    from strategy.report import to_markdown

    Path(args.output).write_text(to_markdown(_report(args)), encoding="utf-8")
    return 0


def _cmd_guide(args: argparse.Namespace) -> int:
    from strategy.core.i18n import using
    from strategy.core.library import library
    from strategy.report import to_markdown, to_pdf
    from strategy.report.guide import facilitator_guide

    try:
        start = dt.time.fromisoformat(args.start)
    except ValueError:
        return _say(f"--start {args.start!r}: give a time such as 09:00")
    with using(args.lang):
        doc = facilitator_guide(library(args.lang), dt.date.today(), start)
        out = Path(args.output)
        if out.suffix.lower() == ".md":
            out.write_text(to_markdown(doc), encoding="utf-8")
        else:
            out.write_bytes(to_pdf(doc))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with one subcommand per job."""
    parser = argparse.ArgumentParser(prog="social-why", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check a saved strategy file")
    p.add_argument("file")
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("calendar", help="export the plan as .ics and/or .csv")
    p.add_argument("file")
    p.add_argument("-o", "--output", help="write the iCalendar file here")
    p.add_argument("--csv", help="write the plan as CSV here")
    p.add_argument("--today", help="start date for recurring items (YYYY-MM-DD)")
    p.set_defaults(func=_cmd_calendar)
    p = sub.add_parser("inspect", help="read analytics exports and summarise each dataset")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument(
        "--downloaded",
        help="the day the exports were downloaded (YYYY-MM-DD); dates without a year end there",
    )
    p.set_defaults(func=_cmd_inspect)
    p = sub.add_parser("analyze", help="analyse analytics exports account by account")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.add_argument("--tz", default="UTC", help="IANA time zone for weekdays and hours (UTC)")
    p.add_argument("--measure", choices=["interactions", "engagements"], default="interactions")
    p.add_argument(
        "--denominator",
        choices=["followers", "reach", "impressions", "views"],
        help="what rates are per (default: each account's best)",
    )
    p.add_argument(
        "--followers",
        action="append",
        metavar="[ACCOUNT=]N[@DATE]",
        help="a follower total and the day it was true (default today); ACCOUNT is "
        "platform:name, e.g. x:ADHOrg; without it, every account without a history",
    )
    p.add_argument(
        "--account",
        action="append",
        metavar="FILE=NAME",
        help="the account a file belongs to (to merge or split accounts)",
    )
    p.add_argument("--downloaded", help="the day the exports were downloaded (YYYY-MM-DD)")
    p.add_argument(
        "--strategy",
        metavar="FILE.json",
        help="a saved strategy whose content pillars are measured on each account's posts",
    )
    p.set_defaults(func=_cmd_analyze)
    p = sub.add_parser("review", help="compare a strategy's targets with new analytics exports")
    p.add_argument("file", help="the saved strategy (with targets and their baselines)")
    p.add_argument("exports", nargs="+", metavar="EXPORT")
    p.add_argument("--json", action="store_true", help="print the review as JSON")
    p.add_argument("--downloaded", help="the day the exports were downloaded (YYYY-MM-DD)")
    p.add_argument("--pdf", metavar="OUT", help="also write the review as a one-page PDF here")
    p.add_argument("--markdown", metavar="OUT", help="also write the review as Markdown here")
    p.set_defaults(func=_cmd_review)
    for name, func, what in (("pdf", _cmd_pdf, "PDF"), ("markdown", _cmd_markdown, "Markdown")):
        p = sub.add_parser(name, help=f"render the strategy as {what}")
        p.add_argument("file")
        p.add_argument("--data", nargs="*", help="analytics exports to chart in the report")
        p.add_argument("-o", "--output", required=True)
        p.set_defaults(func=func)
    p = sub.add_parser("guide", help="the facilitator's guide: agenda, times, questions")
    p.add_argument("-o", "--output", required=True, help="a .pdf or .md file")
    p.add_argument("--lang", choices=["en", "sv"], default="en")
    p.add_argument("--start", default="09:00", help="when the workshop starts (HH:MM)")
    p.set_defaults(func=_cmd_guide)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI.

    Args:
        argv: Arguments (defaults to the process's).

    Returns:
        0 on success, 2 when an input cannot be used.
    """
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StrategyFileError as exc:
        cause = exc.__cause__
        if isinstance(cause, OSError):
            print(f"{args.file}: cannot read ({cause.strerror or cause})", file=sys.stderr)
        else:
            # validate's job is to report problems, so they go to stdout; elsewhere to stderr.
            out = sys.stdout if args.command == "validate" else sys.stderr
            print(f"{args.file}: not a usable strategy", file=out)
            for problem in exc.problems:
                print(f"  {problem}", file=out)
        return 2
