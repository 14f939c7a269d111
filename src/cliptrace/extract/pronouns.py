"""The personal pronouns the entity extractor links to a person (coreference, `entities.py`).

Kept apart from the extractors (which load spaCy) so that the read paths can tell a pronoun
mention from a name without importing the model (`questions/people.py`).
"""

PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
