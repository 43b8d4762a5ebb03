"""skillmatch: find skills in resumes and job postings, and measure coverage and gaps."""

from .api import SkillMatch, build_pipeline, load
from .batch import score_frame
from .coverage import MatchReport, SkillResult
from .errors import DocumentError, SkillmatchError, TaxonomyError
from .mentions import Mention
from .readers import read_document
from .roles import Target, TargetSkill
from .taxonomy import Skill, Taxonomy, load_taxonomy

__version__ = "0.1.0"

__all__ = [
    "DocumentError", "MatchReport", "Mention", "Skill", "SkillMatch", "SkillResult",
    "SkillmatchError", "Target", "TargetSkill", "Taxonomy", "TaxonomyError",
    "build_pipeline", "load", "load_taxonomy", "read_document", "score_frame",
]
