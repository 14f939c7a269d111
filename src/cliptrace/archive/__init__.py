"""The archive: SQLite (default) or PostgreSQL through one interface."""
