"""Errors people can see: what a submission got wrong, item by item, as text, JSON and HTML.

The scorer (``naba.evaluate``) already records the outcome of every gold item and every
prediction per metric group (tp, partial, incorrect, fn, fp; correct, wrong). This layer
only *reads* those outcomes and puts each error next to what a person needs to judge it: the
text, its gold counterpart (type, value, speaker...), the sentence around it. It never
matches anything itself, so what it shows is exactly what was scored.

``errors``: the per-item error report (``naba errors``); ``view``: one self-contained HTML
page of the article with the gold and the system annotations and the errors marked
(``naba view``). It sits directly above ``naba.evaluate``.
"""
