"""``python -m naba.cli``: the same as the ``naba`` console script."""

from naba.cli import main

main()
