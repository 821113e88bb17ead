"""Utilities that know nothing of the benchmark: Arabic text normalization (``arabic``), positions
in JSON text (``jsonpos``), located problem reports (``problems``) and the terminal width of text
(``width``). The lowest layer."""
