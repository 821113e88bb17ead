"""Utilities that know nothing of the benchmark: Arabic text normalization (``arabic``), positions
in JSON text (``jsonpos``) and located problem reports (``problems``). The lowest layer."""
