"""The corpus built from the gold: dataset features (``features``), tokenization and IOB2 tags
(``tokenize``), the deterministic build of ``corpus/`` (``build``) and loading it as
``datasets.Dataset`` (``loading``)."""
