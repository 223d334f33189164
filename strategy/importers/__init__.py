"""Read the platforms' own analytics exports into one normalized table per dataset."""

from strategy.importers.api import ImportFailure, import_file, import_with_mapping
from strategy.importers.dataset import COLUMNS, Dataset

__all__ = ["COLUMNS", "Dataset", "ImportFailure", "import_file", "import_with_mapping"]
