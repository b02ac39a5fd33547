"""The ``mediate`` command: the TUI by default, and commands over the same store."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from mediate.documents.export import ExportError
from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.importers.problems import BadInput
from mediate.store import Store, open_store
from mediate.store.connection import StoreError

USER_ERRORS = (DomainError, StoreError, BadInput, ExportError)

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


PROGRESS_BYTES = 2 * 1024 * 1024


def import_folders(store: Store, folders: list[Path], replace: bool) -> list:
    """Read all folders (a progress bar when the files are large), then write them at once."""
    from mediate.importers.case_folder import evidence_files
    from mediate.intake import import_reads, read_folders

    files = [
        f for folder in folders if (folder / "case.toml").is_file() for f in evidence_files(folder)
    ]
    if sum(f.stat().st_size for f in files) < PROGRESS_BYTES or not sys.stderr.isatty():
        return import_reads(store, read_folders(folders), replace)
    with click.progressbar(length=len(files), label="Reading", file=sys.stderr) as bar:
        reads = read_folders(folders, on_file=lambda _p: bar.update(1))
    return import_reads(store, reads, replace)


@main.command("import")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--replace", is_flag=True, help="Replace a case that was imported before.")
@db_option
@user_errors
def import_command(folders: tuple[str, ...], replace: bool, db_path: str | None) -> None:
    """Import one or more case folders (see sample_cases/README.md) in one transaction."""
    from mediate.reports.import_summary import import_summary

    store = _store(db_path)
    for case_id, read in import_folders(store, [Path(f) for f in folders], replace):
        click.echo(import_summary(store, case_id, read))
        click.echo()
    click.echo(f"Imported {len(folders)} case(s) into {store.path}.")


@main.command("load-samples")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--if-empty", is_flag=True, help="Only when the database has no cases yet.")
@db_option
@user_errors
def load_samples(folder: str, if_empty: bool, db_path: str | None) -> None:
    """Load every case folder inside FOLDER (the sample cases) into the database."""
    store = _store(db_path)
    if if_empty and store.summaries():
        return
    from mediate.intake import sample_folders

    imported = import_folders(store, sample_folders(Path(folder)), replace=False)
    click.echo(f"Loaded {len(imported)} sample case(s) into {store.path}.")


@main.command("export")
@click.argument("case")
@click.option(
    "--out", "out", type=click.Path(path_type=Path), default=None, help="File or folder to write."
)
@click.option(
    "--lang", type=click.Choice(["en", "nl"]), default=None, help="Language (default: the case's)."
)
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@user_errors
def export_command(
    case: str, out: Path | None, lang: str | None, pdf: bool, force: bool, db_path: str | None
) -> None:
    """Export the settlement agreement of CASE as .docx (and PDF)."""
    from mediate.documents.export import (
        agreement_file_name,
        convert_to_pdf,
        target_path,
        write_file,
    )
    from mediate.documents.settlement_docx import agreement_docx
    from mediate.domain.clauses import checklist

    store = _store(db_path)
    case_id = store.case_id(case)
    settlement = store.current_settlement(case_id)
    if settlement is None:
        raise DomainError(
            f"Case {case} has no accepted proposal yet, so there is no settlement to export."
        )
    record = store.settlement_record(settlement.id)
    missing = checklist(record.case, record.invoices, record.proposal, settlement.clause_choices)
    if missing:
        raise DomainError("The agreement is not complete; missing: " + "; ".join(missing) + ".")
    language = lang or record.case.language.value
    path = target_path(out, agreement_file_name(record, language))
    digest = write_file(path, agreement_docx(record, language), force=force)
    store.record_export(settlement.id, path.name, digest, language)
    click.echo(f"Wrote {path}")
    click.echo(f"  file SHA-256:       {digest}")
    click.echo(f"  terms fingerprint:  {record.fingerprint}")
    if pdf:
        click.echo(f"Wrote {convert_to_pdf(path)}")


@main.command("report")
@click.argument("case", required=False)
@click.option("--prevention", is_flag=True, help="The prevention report: findings and fixes.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx"]),
    default=None,
    help="Prevention report format (default: from the --out name, else md).",
)
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="File or folder to write."
)
@click.option(
    "--lang",
    type=click.Choice(["en", "nl"]),
    default=None,
    help="Language (default: the case's; English for all cases).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@user_errors
def report_command(
    case: str | None,
    prevention: bool,
    fmt: str | None,
    out: Path | None,
    lang: str | None,
    force: bool,
    db_path: str | None,
) -> None:
    """Insights over all cases; with --prevention, the prevention report of CASE or all cases."""
    store = _store(db_path)
    if not prevention:
        if case or fmt or out:
            raise click.UsageError("CASE, --format and --out go with --prevention.")
        from mediate.domain.insights import insights
        from mediate.reports.insights_text import insights_text
        from mediate.store.archive_reads import case_outcomes

        click.echo(insights_text(insights(case_outcomes(store))))
        return
    from mediate.documents.export import safe_file_name, target_path, write_file
    from mediate.documents.prevention_report import prevention_docx, prevention_markdown
    from mediate.store.archive_reads import prevention as prevention_reviews

    reviews = prevention_reviews(store, case, lang)
    if not reviews:
        click.echo(f"No cases yet in {store.path}.")
        return
    fmt = fmt or ("docx" if out is not None and out.suffix.lower() == ".docx" else "md")
    if fmt == "md" and out is None:
        click.echo(prevention_markdown(reviews, lang, one_case=case is not None), nl=False)
        return
    name = safe_file_name(case or "all-cases", f"-prevention.{fmt}")
    path = target_path(out, name)
    if fmt == "docx":
        data = prevention_docx(reviews, lang, one_case=case is not None)
    else:
        data = prevention_markdown(reviews, lang, one_case=case is not None).encode("utf-8")
    write_file(path, data, force=force)
    click.echo(f"Wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
