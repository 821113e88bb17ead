"""Regression checks: ``regression`` (the check), ``align`` (string-only predictions), ``plugin``
(the pytest plugin) and ``reproduce``. Nothing is imported here, so that loading the pytest plugin
stays cheap.
"""
