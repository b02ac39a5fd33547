"""mediate: mediation of disputed invoices, from intake to signed settlement."""

__version__ = "0.1.0"
