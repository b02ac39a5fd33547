"""Documents built from domain objects only: the settlement agreement and reports."""
