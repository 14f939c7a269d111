"""cliptrace: who said what, when, and on whose authority — from a pile of news clippings."""

__version__ = "0.1.0"
