"""skillmatch: find skills in resumes and job postings, and measure coverage and gaps."""

from .api import SkillMatch, build_pipeline, load
from .coverage import Credits, Evidence, MatchReport, SkillResult, Years
from .errors import DocumentError, SkillmatchError, TaxonomyError
from .mentions import Mention
from .readers import read_document
from .roles import Target, TargetSkill
from .taxonomy import Skill, Taxonomy, load_taxonomy

__version__ = "0.1.0"


def __getattr__(name: str):
    # batch scoring needs pandas: imported on first use so that `skillmatch resume.pdf` starts fast
    if name == "score_frame":
        from .batch import score_frame

        return score_frame
    raise AttributeError(f"module 'skillmatch' has no attribute {name!r}")

__all__ = [
    "Credits", "DocumentError", "Evidence", "MatchReport", "Mention", "Skill", "SkillMatch", "SkillResult",
    "SkillmatchError", "Target", "TargetSkill", "Taxonomy", "TaxonomyError", "Years",
    "build_pipeline", "load", "load_taxonomy", "read_document", "score_frame",
]
