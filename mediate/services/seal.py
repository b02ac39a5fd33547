"""The mediator's seal: a PAdES signature (baseline B-B) of the agreement's PDF with the mediator's
certificate, made and checked with pyHanko.

A mediator with a certificate from a qualified trust service provider uses its PKCS#12 file
(.p12, .pfx); one without makes a self-signed certificate with ``mediate seal-certificate``. A
seal proves that the PDF was not changed after it was sealed, by whoever holds that certificate's
key; whether that is the mediator is what a qualified provider vouches for, and a self-signed
certificate does not.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from mediate.services.files import ExportError, write_file

FIELD = "MediatorSeal"
MAX_P12_BYTES = 1_048_576


@dataclass(frozen=True)
class Certificate:
    p12: Path
    pem: Path  # the certificate alone, to give the parties so they can trust the seal
    subject: str
    sha256: str  # of the certificate, as the parties compare it


def make_certificate(
    name: str,
    out: Path,
    password: str,
    *,
    years: int = 3,
    force: bool = False,
    email: str = "",
    now: datetime | None = None,
) -> Certificate:
    """A self-signed signing certificate for ``name`` and its key, as a PKCS#12 file ``out``
    (mode 0600, protected by ``password``), and the certificate alone beside it (.pem)."""
    name = name.strip()
    if not name:
        raise ExportError("The certificate needs the mediator's name (--name).")
    if len(password) < 8:
        raise ExportError("The certificate's password must have at least 8 characters.")
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name[:64])]
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email[:128]))
    subject = x509.Name(attributes)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8")[:64],
        key,
        certificate,
        None,
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    pem = out.with_suffix(".pem")
    write_file(out, data, force)
    write_file(pem, certificate.public_bytes(serialization.Encoding.PEM), force)
    return Certificate(out, pem, name, certificate.fingerprint(hashes.SHA256()).hex())


def _signer(p12: Path, password: str) -> Any:
    from pyhanko.sign import signers

    try:
        if p12.stat().st_size > MAX_P12_BYTES:
            raise ExportError(f"{p12} is too large to be a certificate file (PKCS#12).")
        data = p12.read_bytes()
    except OSError as error:
        raise ExportError(
            f"Cannot read the certificate {p12}: {error.strerror or error}."
        ) from None
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=password.encode("utf-8") if password else None
        )
    except ValueError:
        raise ExportError(
            f"The certificate {p12} could not be opened: the password is wrong, or it is not a "
            "PKCS#12 file (.p12, .pfx)."
        ) from None


def check_certificate(p12: Path, password: str) -> None:
    """Refuse a certificate file that cannot be opened with ``password``, before any work."""
    _signer(p12, password)


def seal_pdf(pdf: bytes, p12: Path, password: str, *, reason: str, location: str = "") -> bytes:
    """The PDF with the mediator's seal added as an incremental update (the PDF/A file as
    exported stays byte for byte inside it)."""
    from lxml import etree  # type: ignore[import-untyped]
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from mediate.services.pdf_archive import NS

    # pyHanko rewrites the XMP when it seals: keep the prefix the PDF/A extension schema declares.
    etree.register_namespace("mediate", NS)
    signer = _signer(p12, password)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason[:200],
        location=location[:100] or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    try:
        out = signers.sign_pdf(writer, meta, signer=signer)
    except Exception as error:  # pyHanko's own errors have no common base we can name
        raise ExportError(f"The PDF could not be sealed: {str(error)[:200]}") from None
    return bytes(out.getvalue())


@dataclass(frozen=True)
class SealStatus:
    """What a seal in a PDF says."""

    signer: str  # the certificate's subject
    intact: bool  # the sealed bytes are unchanged
    valid: bool  # the signature is mathematically valid
    whole_file: bool  # nothing was added to the file after the seal
    trusted: bool  # the certificate chains to one given as trusted
    certificate_sha256: str
    signed_at: str

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.whole_file


def seal_status(pdf: bytes, trust: list[Path] | None = None) -> list[SealStatus]:
    """Every signature in ``pdf`` checked with pyHanko; ``trust``: the certificates (PEM or DER)
    to trust, such as the mediator's self-signed one or a qualified provider's root: no other is
    trusted, and nothing is fetched from the network."""
    from asn1crypto import pem as asn1_pem  # type: ignore[import-untyped]
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader

    roots = []
    for path in trust or []:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ExportError(f"Cannot read {path}: {error.strerror or error}.") from None
        if asn1_pem.detect(data):
            data = asn1_pem.unarmor(data)[2]
        try:
            roots.append(asn1_x509.Certificate.load(data))
        except ValueError:
            raise ExportError(f"{path} is not a certificate (PEM or DER).") from None
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # a damaged file: pyHanko's errors have no common base
        raise ExportError(f"The PDF's signatures cannot be read: {str(error)[:200]}") from None
    found = []
    quiet = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    for logger in quiet:  # a self-signed certificate is an answer here, not a warning to print
        logger.disabled = True
    try:
        for signature in embedded:
            found.append(_status(signature, roots))
    finally:
        for logger in quiet:
            logger.disabled = False
    return found


def _status(signature: Any, roots: list[Any]) -> SealStatus:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    cert = signature.signer_cert
    subject = cert.subject.human_friendly if cert is not None else "unknown"
    digest = cert.sha256.hex() if cert is not None else ""
    try:
        status = validate_pdf_signature(signature, context)
    except (SignatureValidationError, ValueError) as error:
        return SealStatus(subject, False, False, False, False, digest, str(error)[:80])
    when = status.signer_reported_dt
    return SealStatus(
        signer=subject,
        intact=bool(status.intact),
        valid=bool(status.valid),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted),
        certificate_sha256=digest,
        signed_at=when.isoformat(timespec="seconds") if when else "",
    )
