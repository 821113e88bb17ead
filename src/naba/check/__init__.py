"""Regression checks: score a system, then say what got worse, by metric and by gold item.

One module per idea, lowest first: ``errors`` (``CheckError``), ``thresholds`` (``--min``/``--max``),
``saved`` (saved results and provenance), ``diff`` (the item-level diff report), ``align`` and
``strings`` (string-only predictions aligned to the text), ``scoring`` (score an extractor, records
or a file), ``regression`` (the check and its report, ``assert_no_regression``), ``plugin`` (the
pytest plugin) and ``reproduce`` (rewrite the committed systems' outputs, scores and leaderboard).
Nothing is imported here, so that loading the pytest plugin stays cheap.
"""
