"""Every read of the store in one class: ``Store`` is built on it, and so is the read API over a
bare database connection (``search.as_reads``), so a read moved between modules reaches both."""

from __future__ import annotations

from mediate.store.evidence_reads import EvidenceReads
from mediate.store.invoice_reads import InvoiceReads
from mediate.store.reads import Reads


class ReadAPI(Reads, InvoiceReads, EvidenceReads):
    """The case record read back: cases, invoices, evidence."""
