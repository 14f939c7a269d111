"""From an article draft to annotations: entities, quotes, figures, events."""
