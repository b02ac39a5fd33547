"""The agreement's PDF: PDF/A-2b with its language and fingerprint in the metadata, the same bytes
from the same agreement, the check code on every page, ``mediate verify`` on an untouched and an
edited PDF, and the mediator's seal, validated by pyHanko and by poppler's pdfsig.

Two LibreOffice conversions in all (a few seconds each), shared by every test of this module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from mediate.cli import main
from mediate.services.pdf_archive import NS, pdf_facts
from mediate.services.seal import seal_status
from mediate.store import open_store
from tests.settlement_helpers import signed_settlement

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]
NAME = "MED-2026-001-settlement-v1-en"
PASSWORD = "mediator-seal-2026"


def run(*args: object, env: dict | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return result.exit_code, result.output


class Exports:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.db = root / "mediate.db"
        self.plain = root / "plain" / f"{NAME}.pdf"
        self.sealed = root / "sealed" / f"{NAME}.pdf"
        self.certificate = root / "mediator.pem"
        self.output = ""


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Exports:
    root = tmp_path_factory.mktemp("pdf")
    made = Exports(root)
    store = open_store(made.db)
    try:
        signed_settlement(store)
    finally:
        store.close()
    env = {"MEDIATE_SEAL_PASSWORD": PASSWORD}
    code, output = run(
        "seal-certificate", "--name", "Mira Jansen", "--out", root / "mediator.p12", env=env
    )
    assert code == 0 and "certificate SHA-256" in output, output
    for folder, extra in (("plain", ()), ("sealed", ("--seal", root / "mediator.p12"))):
        (root / folder).mkdir()
        code, output = run(
            "--db", made.db, "export", "MED-2026-001", "--out", f"{root / folder}/", "--pdf",
            *extra, env=env,
        )  # fmt: skip
        assert code == 0, output
        made.output += output
    return made


def test_the_pdf_is_pdfa_2b_with_its_language_and_fingerprint(exports):
    facts = pdf_facts(exports.plain.read_bytes())
    assert facts.pdfa == "2B" and facts.language == "en-GB"
    assert facts.proof is not None and facts.proof.fingerprint in exports.output
    assert facts.proof.content["language"] == "en-GB"
    with pikepdf.open(exports.plain) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
        info = pdf.trailer.Info
        assert "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>" in xmp
        # The properties mediate adds are declared in a PDF/A extension schema, as PDF/A asks.
        assert f"<pdfaSchema:namespaceURI>{NS}</pdfaSchema:namespaceURI>" in xmp
        assert "<pdfaSchema:prefix>mediate</pdfaSchema:prefix>" in xmp
        assert str(info.Keywords) == facts.proof.check_code and facts.proof.check_code in xmp
        assert "/OutputIntents" in pdf.Root and "/Encrypt" not in pdf.trailer
    fonts = subprocess.run(
        ["pdffonts", str(exports.plain)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # every font embedded


def test_the_same_agreement_gives_the_same_pdf(exports):
    """The sealed file holds the unsealed one byte for byte: the seal is an incremental update,
    and two conversions of the same agreement gave the same bytes."""
    plain, sealed = exports.plain.read_bytes(), exports.sealed.read_bytes()
    assert sealed[: len(plain)] == plain and len(sealed) > len(plain)


def test_the_check_code_is_on_every_page(exports):
    code = pdf_facts(exports.plain.read_bytes()).proof.check_code
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(exports.plain)], capture_output=True, text=True).stdout,
        ).group(1)
    )
    assert pages >= 3
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(exports.plain), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"Check code {code}" in text, f"page {page}"


def test_an_untouched_pdf_verifies_and_an_edited_one_does_not(exports, tmp_path):
    code, output = run("--db", exports.db, "verify", exports.plain)
    assert code == 0, output
    assert "unchanged since export: the pages draw" in output and "the signed version" in output
    assert "PDF/A-2b, language en-GB" in output
    edited = tmp_path / "edited.pdf"
    with pikepdf.open(exports.plain) as pdf:  # one word of page 2 drawn with other glyphs
        contents = pdf.pages[1].obj.Contents
        data = contents.read_bytes()
        word = re.search(rb"<([0-9A-F]{8,})>", data)
        other = word.group(1)[:-4] + (b"0004" if word.group(1)[-4:] != b"0004" else b"0005")
        contents.write(data.replace(word.group(0), b"<" + other + b">", 1))
        pdf.save(edited)
    code, output = run("--db", exports.db, "verify", edited)
    assert code == 1 and "CHANGED" in output and "the pages were changed" in output, output


def test_the_sealed_pdf_validates_with_pyhanko_and_pdfsig(exports):
    data = exports.sealed.read_bytes()
    (seal,) = seal_status(data)
    assert seal.ok and seal.intact and seal.valid and seal.whole_file
    assert "Mira Jansen" in seal.signer and not seal.trusted  # self-signed: not trusted as such
    (trusted,) = seal_status(data, [exports.root / "mediator.pem"])
    assert trusted.ok and trusted.trusted
    pdfsig = subprocess.run(["pdfsig", str(exports.sealed)], capture_output=True, text=True)
    assert "Signature is Valid." in pdfsig.stdout, pdfsig.stdout + pdfsig.stderr
    assert "Total document signed" in pdfsig.stdout
    assert "ETSI.CAdES.detached" in pdfsig.stdout  # PAdES
    code, output = run("--db", exports.db, "verify", exports.sealed)
    assert code == 0 and "the seal is valid and covers the whole file" in output, output
    assert "who sealed it is not established" in output  # without --trust
    code, output = run(
        "--db", exports.db, "verify", exports.sealed, "--trust", exports.root / "mediator.pem"
    )
    assert code == 0 and "its certificate is, or chains to, one given with --trust" in output


def test_a_pdf_changed_after_sealing_breaks_the_seal(exports, tmp_path):
    changed = tmp_path / "changed.pdf"
    with pikepdf.open(exports.sealed) as pdf:
        pdf.Root.Lang = pikepdf.String("nl-NL")  # anything at all, written as a new file
        pdf.save(changed)
    code, output = run("--db", exports.db, "verify", changed)
    assert code == 1 and ("BROKEN" in output or "after the seal" in output), output
    pdfsig = subprocess.run(["pdfsig", str(changed)], capture_output=True, text=True)
    assert "Signature is Valid." not in pdfsig.stdout


def test_a_wrong_seal_password_is_refused_before_any_work(exports, tmp_path):
    code, output = run(
        "--db", exports.db, "export", "MED-2026-001", "--out", f"{tmp_path}/",
        "--seal", exports.root / "mediator.p12", env={"MEDIATE_SEAL_PASSWORD": "wrong-password"},
    )  # fmt: skip
    assert code == 2 and "the password is wrong" in output, output
    assert list(tmp_path.iterdir()) == []
