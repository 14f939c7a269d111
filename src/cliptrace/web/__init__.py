"""The reading room: a FastAPI app over the archive."""
