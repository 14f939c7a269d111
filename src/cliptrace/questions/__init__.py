"""Read-only questions over the archive: people, quotes, figures, timeline, framing."""
