"""Arabic script helpers shared by ingest, extraction and search: normalisation and date mapping."""
