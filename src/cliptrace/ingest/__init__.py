"""From paths to article drafts: sniff, read, split, clean, find metadata."""
