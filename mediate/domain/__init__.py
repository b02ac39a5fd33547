"""Plain-Python core: the case record, money, lifecycle and negotiation arithmetic.

Nothing here touches SQLite, Textual or the file system.
"""
