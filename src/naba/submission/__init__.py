"""What a submission is: one pydantic model of a submission line (``model``) and the one validator
(``validate``). Below the systems and the scorer, so that ``naba run`` checks an extractor's
records with exactly the model and the checks ``naba score`` applies to a file."""
