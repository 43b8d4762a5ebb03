"""Importers that turn other skill classifications into skillmatch taxonomies."""

from .drafts import Imported
from .esco import import_esco
from .onet import import_onet
from .user_csv import import_csv

__all__ = ["Imported", "import_csv", "import_esco", "import_onet"]
