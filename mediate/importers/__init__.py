"""Files in, domain objects out. Importers never touch the database."""
