# pyarrow is a compiled extension whose names pyright cannot resolve from its sources (the
# functions of pyarrow.compute are even made at import time): every name is Any to the type
# checker, and pyarrow is exercised by the import tests instead.
from typing import Any

def __getattr__(name: str) -> Any: ...
