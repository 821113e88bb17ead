"""Reference systems of the benchmark: each is ``naba.baselines.<name>:extract``.

See ``naba.baselines.protocol`` for the extractor contract and
``naba.baselines.runner`` for running and listing systems.
"""
