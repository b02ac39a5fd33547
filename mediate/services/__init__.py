"""What a user does, once for every front end: take in case folders, export a document (gate,
render, atomic write, audit), page through evidence, look back over a case.

``cli.py`` and ``tui/`` call this layer and the store's public verbs and reads; they never hold the
database connection or write SQL. Nothing here imports Textual or click.
"""
