"""mediate's Textual stylesheets, installed as the package ``mediate.styles``."""
