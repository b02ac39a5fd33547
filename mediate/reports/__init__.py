"""Plain-text renderings of the case record for the command line."""
