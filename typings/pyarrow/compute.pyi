# pyarrow.compute makes most of its functions at import time (from the C++ registry), so a
# type checker cannot see them: every name is Any here, and the module is checked at run time.
from typing import Any

def __getattr__(name: str) -> Any: ...
