"""The ``mediate`` command: the TUI by default, and commands over the same store."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.importers.problems import BadInput
from mediate.store import Store, open_store
from mediate.store.connection import StoreError

USER_ERRORS = (DomainError, StoreError, BadInput)

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Database file (default: $MEDIATE_DB, else the user data folder).",
)


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a user's mistake into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)

    return wrapper


def _store(db_path: str | None) -> Store:
    return open_store(db_path)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="mediate")
@click.pass_context
@user_errors
def main(ctx: click.Context, db_path: str | None) -> None:
    """Mediate a disputed invoice: with no command, open the terminal app."""
    if ctx.invoked_subcommand is None:
        from mediate.tui.app import MediateApp

        store = _store(db_path)
        store.close()
        MediateApp(store.path).run()


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


@main.command("list")
@db_option
@user_errors
def list_cases(db_path: str | None) -> None:
    """Print the cases as a table."""
    store = _store(db_path)
    rows = [
        [
            s.reference,
            s.title,
            f"{s.provider} v {s.client}",
            label(s.status),
            format_money(s.disputed, s.currency, s.language),
            s.opened.isoformat() if s.opened else "",
        ]
        for s in store.summaries()
    ]
    if not rows:
        click.echo(f"No cases yet in {store.path}. Import one with: mediate import FOLDER")
        return
    headers = ["Reference", "Title", "Parties", "Status", "Disputed", "Opened"]
    click.echo(_table(headers, rows, right={4}))


@main.command()
@click.argument("case")
@db_option
@user_errors
def show(case: str, db_path: str | None) -> None:
    """Print one case: parties, invoices, evidence counts, session and settlement."""
    from mediate.reports.case_text import case_text

    click.echo(case_text(_store(db_path), case))


@main.command()
@click.argument("case", required=False)
@db_option
@user_errors
def verify(case: str | None, db_path: str | None) -> None:
    """Recompute the audit chain and compare it with the tables; exit 1 on any mismatch."""
    results = _store(db_path).verify(case)
    failed = False
    for result in results:
        if result.ok:
            click.echo(f"{result.reference}: {result.events} events, chain intact, tables match")
        else:
            failed = True
            click.echo(f"{result.reference}: TAMPERED: {result.problems[0]}")
    if not results:
        click.echo("No cases to verify.")
    if failed:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
