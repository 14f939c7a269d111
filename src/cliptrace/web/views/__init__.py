"""One module per page type; each serves its HTML page and its JSON twin under /api/."""
