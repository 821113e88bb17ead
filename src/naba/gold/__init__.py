"""The gold: the typed record model (``model``), the closed label inventories (``inventory``),
TIMEX3 value syntax (``timex3``), every invariant of a record (``validate``), where the gold lives
and how records are read (``records``), and the events audit (``audit``)."""
