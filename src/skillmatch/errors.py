"""Exceptions raised by skillmatch; each message is one plain sentence for the user."""


class SkillmatchError(Exception):
    """Base class for every error skillmatch reports to its users."""


class DocumentError(SkillmatchError):
    """A document could not be read (missing, encrypted, image-only, empty, ...)."""


class TaxonomyError(SkillmatchError):
    """A taxonomy or role-profile file is invalid; the message names the entry."""
