"""qingdan: turn every duty in Chinese policy lists and reports into traceable records."""
from __future__ import annotations

__version__ = "0.1.0"
