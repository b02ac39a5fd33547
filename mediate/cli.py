"""The ``mediate`` command: the TUI by default, and commands over the same store."""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from mediate.domain.errors import DomainError
from mediate.domain.lifecycle import label
from mediate.domain.money import format_money
from mediate.domain.safe_text import for_terminal
from mediate.importers.problems import BadInput
from mediate.services.files import ExportError
from mediate.store import Store, open_store
from mediate.store.connection import StoreError

USER_ERRORS = (DomainError, StoreError, BadInput, ExportError)

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Database file (default: $MEDIATE_DB, else the user data folder). "
    "Goes before or after the command.",
)


def say(text: object = "", err: bool = False, nl: bool = True) -> None:
    """Print to the terminal: every line the command line shows goes through here, so text
    from a file or a person (a title, a mail subject, a file name) is shown, never obeyed."""
    click.echo(for_terminal(str(text), multiline=True), err=err, nl=nl)


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a user's mistake into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as error:
            say(f"Error: {for_terminal(str(error))}", err=True)
            sys.exit(2)

    return wrapper


def chosen_db(db_path: str | None) -> str | None:
    """The database named with ``--db`` before the command (``mediate --db X list``) or after it
    (``mediate list --db X``); two different files are refused rather than one silently used."""
    ctx = click.get_current_context(silent=True)
    before = ctx.find_root().params.get("db_path") if ctx is not None else None
    if before and db_path and Path(before).expanduser() != Path(db_path).expanduser():
        raise click.UsageError(
            f"--db names two databases, {before} before the command and {db_path} after it; "
            "give it once."
        )
    return db_path or before


def _store(db_path: str | None, read_only: bool = False) -> Store:
    """The database the command works on; its permission warnings go to stderr."""
    store = open_store(chosen_db(db_path), read_only=read_only)
    for warning in store.warnings:
        say(f"Warning: {for_terminal(warning)}", err=True)
    return store


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.version_option(package_name="mediate")
@click.pass_context
@user_errors
def main(ctx: click.Context, db_path: str | None) -> None:
    """Mediate a disputed invoice: with no command, open the terminal app."""
    # Past a file-size limit (ulimit -f) a write fails with an error mediate reports, instead of
    # the signal ending the process mid-write.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if ctx.invoked_subcommand is None:
        from mediate.tui.app import MediateApp

        store = open_store(db_path)
        store.close()
        MediateApp(store.path).run()


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    rows = [[for_terminal(cell) for cell in row] for row in rows]  # widths of what is shown
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
    store = _store(db_path, read_only=True)
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
        say(f"No cases yet in {store.path}. Import one with: mediate import FOLDER")
        return
    headers = ["Reference", "Title", "Parties", "Status", "Disputed", "Opened"]
    say(_table(headers, rows, right={4}))


@main.command()
@click.argument("case")
@db_option
@user_errors
def show(case: str, db_path: str | None) -> None:
    """Print one case: parties, invoices, evidence counts, session and settlement."""
    from mediate.reports.case_text import case_text

    say(case_text(_store(db_path, read_only=True), case))


def _is_file(target: str) -> bool:
    """Whether ``verify``'s argument names a file (an agreement, a receipt) or a case."""
    path = Path(target)
    return path.is_file() or path.suffix.lower() in (".docx", ".pdf", ".txt", ".eml")


def _record_if_any(db_path: str | None) -> Store | None:
    """The database when there is one: a party checking a file has none, and gets none made."""
    from mediate.store.location import resolve_db_path

    return _store(db_path, read_only=True) if resolve_db_path(chosen_db(db_path)).exists() else None


@main.command()
@click.argument("target", required=False, metavar="[CASE | FILE]")
@click.option(
    "--receipt",
    default=None,
    help="A receipt line (as mediate receipt or an export printed it), checked against the record.",
)
@click.option(
    "--trust",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A certificate (.pem) to trust for the seal, such as the mediator's own.",
)
@click.option("--file-only", is_flag=True, help="Check FILE on its own, without the database.")
@db_option
@user_errors
def verify(
    target: str | None,
    receipt: str | None,
    trust: tuple[Path, ...],
    file_only: bool,
    db_path: str | None,
) -> None:
    """Check the record of CASE (all cases without one): recompute the audit chain and compare
    it with the tables. Given a FILE: check a received agreement (.docx or PDF): unchanged since
    export, the signed version, a valid seal, the audit log it anchors; or a saved receipt.
    Exit 1 on any mismatch."""
    from mediate.domain.audit_anchor import parse_receipt

    if target is not None and _is_file(target) and receipt is None:
        path = Path(target)
        if not path.is_file():
            raise click.UsageError(f"There is no file {target}.")
        head = path.read_bytes()[:4096] if path.stat().st_size < 65536 else b""
        if parse_receipt(head.decode("utf-8", "replace")) is not None:
            receipt = head.decode("utf-8", "replace")
        else:
            from mediate.services.verify_file import verify_file

            store = None if file_only else _record_if_any(db_path)
            verdict = verify_file(path, store, list(trust))
            say(f"File {path.name}:")
            say("\n".join(verdict.lines))
            if store is None:
                say("  (checked without the mediator's record)")
            if not verdict.ok:
                sys.exit(1)
            return
    if receipt is not None:
        from mediate.services.verify_file import verify_receipt

        anchor = parse_receipt(receipt)
        if anchor is None:
            raise click.UsageError(
                "That is not a receipt line (it starts with 'mediate receipt:')."
            )
        verdict = verify_receipt(anchor, _store(db_path, read_only=True))
        say(f"Receipt of {anchor.reference}, event {anchor.seq}:")
        say("\n".join(verdict.lines))
        if not verdict.ok:
            sys.exit(1)
        return
    results = _store(db_path, read_only=True).verify(target)
    failed = False
    for result in results:
        if result.ok:
            say(f"{result.reference}: {result.events} events, chain intact, tables match")
        else:
            failed = True
            say(f"{result.reference}: TAMPERED: {result.problems[0]}")
    if not results:
        say("No cases to verify.")
    if failed:
        sys.exit(1)


PROGRESS_BYTES = 2 * 1024 * 1024


def import_folders(store: Store, folders: list[Path], replace: bool) -> list:
    """Read all folders (a progress bar when the files are large), then write them at once."""
    from mediate.services import intake

    files = intake.folder_files(folders)
    if sum(f.stat().st_size for f in files) < PROGRESS_BYTES or not sys.stderr.isatty():
        return intake.import_folders(store, folders, replace)
    with click.progressbar(length=len(files), label="Reading", file=sys.stderr) as bar:
        reads = intake.read_folders(folders, on_file=lambda _p: bar.update(1))
    return intake.import_reads(store, reads, replace)


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
        say(import_summary(store, case_id, read))
        say()
    say(f"Imported {len(folders)} case(s) into {store.path}.")


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
    from mediate.services.intake import sample_folders

    imported = import_folders(store, sample_folders(Path(folder)), replace=False)
    say(f"Loaded {len(imported)} sample case(s) into {store.path}.")


@main.command("export")
@click.argument("case")
@click.option(
    "--out",
    "out",
    type=click.Path(),
    default=None,
    help="File or folder to write (a folder ends in /).",
)
@click.option(
    "--lang", type=click.Choice(["en", "nl"]), default=None, help="Language (default: the case's)."
)
@click.option("--pdf", is_flag=True, help="Also write a PDF/A-2b (needs LibreOffice).")
@click.option(
    "--seal",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Seal the PDF with the mediator's certificate (a .p12/.pfx file; implies --pdf). "
    "Its password is read from $MEDIATE_SEAL_PASSWORD, else asked.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@db_option
@user_errors
def export_command(
    case: str,
    out: str | None,
    lang: str | None,
    pdf: bool,
    seal: Path | None,
    force: bool,
    db_path: str | None,
) -> None:
    """Export the settlement agreement of CASE as .docx (and PDF/A, sealed). A signed version
    whose record no longer gives the text signed off is refused (exit 1)."""
    import os

    from mediate.services.export import NotTheSignedVersion, export_agreement

    password = ""
    if seal is not None:
        password = os.environ.get("MEDIATE_SEAL_PASSWORD") or click.prompt(
            f"Password of {seal.name}", hide_input=True, default="", show_default=False
        )
    store = _store(db_path)
    try:
        done = export_agreement(
            store,
            case,
            language=lang,
            out=out,
            force=force,
            pdf=pdf,
            seal=seal,
            seal_password=password,
        )
    except NotTheSignedVersion as error:
        say(f"Refused: {error}", err=True)
        sys.exit(1)
    checked = {
        "signed": "the text signed off (its fingerprint matches the one recorded at sign-off)",
        "terms": "signed before mediate recorded the text's fingerprint: its terms match",
        "draft": "a DRAFT, not signed off",
    }
    say(f"Wrote {done.path}")
    say(f"  file SHA-256:  {done.sha256}")
    say(f"  fingerprint:   {done.fingerprint}")
    say(f"  check code:    {done.check_code}  (in the footer of every page)")
    say(f"  version:       {checked.get(done.state, done.state)}")
    if done.pdf is not None:
        say(f"Wrote {done.pdf}  (PDF/A-2b{', sealed' if done.sealed else ''})")
    head = store.receipt(store.case_id(case))
    if head is not None:
        say(
            "Keep this receipt elsewhere (an e-mail to yourself); mediate verify --receipt checks it:"
        )
        say(f"  {head.receipt()}")


@main.command("receipt")
@click.argument("case")
@db_option
@user_errors
def receipt_command(case: str, db_path: str | None) -> None:
    """Print a receipt of CASE's audit log as it stands: one line to keep outside the database
    (an e-mail to yourself). Later, mediate verify --receipt LINE tells whether the history up
    to it was rewritten or the database rolled back."""
    store = _store(db_path, read_only=True)
    head = store.receipt(store.case_id(case))
    if head is None:
        say(f"{case} has no audit events yet.")
        return
    say(head.receipt())


@main.command("seal-certificate")
@click.option("--name", required=True, help="The mediator's name, as the certificate states it.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The PKCS#12 file to write (.p12); the certificate alone goes beside it (.pem).",
)
@click.option("--email", default="", help="The mediator's e-mail address, in the certificate.")
@click.option("--years", type=click.IntRange(1, 10), default=3, show_default=True)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@user_errors
def seal_certificate_command(name: str, out: Path, email: str, years: int, force: bool) -> None:
    """Make a self-signed certificate for sealing PDFs, for a mediator who has none from a
    qualified trust service provider (use that one's .p12 file with export --seal instead).
    The password is read from $MEDIATE_SEAL_PASSWORD, else asked twice."""
    import os

    from mediate.services.seal import make_certificate

    password = os.environ.get("MEDIATE_SEAL_PASSWORD") or click.prompt(
        "Password for the certificate file", hide_input=True, confirmation_prompt=True
    )
    made = make_certificate(name, out, password, years=years, force=force, email=email)
    say(f"Wrote {made.p12} (the key and certificate; keep it private, mode 0600)")
    say(f"Wrote {made.pem} (the certificate alone: give it to the parties)")
    say(f"  certificate SHA-256: {made.sha256}")
    say("A self-signed seal proves the PDF was not changed after sealing, not who sealed it.")


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
    "--out", type=click.Path(), default=None, help="File or folder to write (a folder ends in /)."
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
    out: str | None,
    lang: str | None,
    force: bool,
    db_path: str | None,
) -> None:
    """Insights over all cases; with --prevention, the prevention report of CASE or all cases."""
    store = _store(db_path, read_only=True)
    if not prevention:
        if case or fmt or out:
            raise click.UsageError("CASE, --format and --out go with --prevention.")
        from mediate.domain.insights import insights
        from mediate.reports.insights_text import insights_text
        from mediate.store.archive_reads import case_outcomes

        say(insights_text(insights(case_outcomes(store))))
        return
    from mediate.services.export import export_prevention_report, prevention_report_text

    fmt = fmt or ("docx" if out is not None and Path(out).suffix.lower() == ".docx" else "md")
    if fmt == "md" and out is None:
        text = prevention_report_text(store, case, lang)
        if text is None:
            say(f"No cases yet in {store.path}.")
        else:
            say(text, nl=False)
        return
    done = export_prevention_report(store, case, fmt=fmt, language=lang, out=out, force=force)
    if done is None:
        say(f"No cases yet in {store.path}.")
        return
    say(f"Wrote {done.path}")


@main.command("joint")
@click.argument("case")
@click.option(
    "--files",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the exported agreement, whose PDF is offered beside the .docx.",
)
@db_option
@user_errors
def joint_command(case: str, files: Path | None, db_path: str | None) -> None:
    """Show the joint view of CASE, read-only, following the session live."""
    from mediate.store.location import resolve_db_path
    from mediate.tui.joint.app import JointApp

    JointApp(resolve_db_path(chosen_db(db_path)), case, files).run()


@main.command("serve")
@click.argument("case")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--public-url",
    default=None,
    help="The address browsers use when a tunnel or reverse proxy is in front "
    "(default: http://127.0.0.1:PORT).",
)
@click.option(
    "--files",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the exported agreement (default: the current folder).",
)
@click.option(
    "--hours",
    type=click.FloatRange(min=0.01, max=72),
    default=8,
    show_default=True,
    help="How long each link works at most.",
)
@db_option
@user_errors
def serve_command(
    case: str,
    port: int,
    public_url: str | None,
    files: Path | None,
    hours: float,
    db_path: str | None,
) -> None:
    """Serve the joint view of CASE to each party's browser, on 127.0.0.1, one link per party."""
    from mediate.store.location import resolve_db_path
    from mediate.tui.joint.serve import HOST, JointServer, ServeError

    server = JointServer(
        resolve_db_path(chosen_db(db_path)),
        case,
        port=port,
        public_url=public_url,
        files=(files or Path.cwd()).resolve(),
        hours=hours,
    )
    try:
        links = server.start()
    except ServeError as error:
        say(f"Error: {error}", err=True)
        sys.exit(2)
    say(f"Serving the joint view of {case} on http://{HOST}:{port} (this computer only).")
    for link in links:
        say(f"  {link.party.value} ({link.name}): {server.url(link)}")
    say(
        f"Send each party its own link. A link works until you stop this command (Ctrl+C), cut it "
        f"in the session screen (l), or after {hours:g} hours."
    )
    sys.stdout.flush()
    server.run()
    say("Stopped: the links no longer work.")


if __name__ == "__main__":
    main()
