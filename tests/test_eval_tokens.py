"""Token-level IOB2: identical to seqeval's strict mode (and its known divergences)."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from naba.evaluate.tokens import iob2_entities, iob2_scores


def seqeval_report(y_true, y_pred):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True)


def assert_identical(y_true, y_pred) -> None:  # type: ignore[no-untyped-def]
    theirs = seqeval_report(y_true, y_pred)
    ours = iob2_scores(y_true, y_pred)
    assert set(theirs) - {"micro avg", "macro avg", "weighted avg"} == set(ours.per_type)
    rows = list(ours.per_type.items()) + [("micro avg", ours.micro)]
    for name, counts in rows:
        expected = theirs[name]
        # seqeval reports 0.0 where a score is undefined; naba reports None
        for key, value in (("precision", counts.precision), ("recall", counts.recall), ("f1-score", counts.f1)):
            assert (0.0 if value is None else value) == float(expected[key]), (name, key)
        assert counts.tp + counts.fn == int(expected["support"])


def test_hand_computed() -> None:
    # sentence 1: gold PER [0,2), GPE [3,4); pred PER [0,2) right, GPE [2,4) wrong boundary
    # sentence 2: gold ORG [1,3); pred has I-ORG I-ORG (no B: strict reads no entity)
    y_true = [["B-PER", "I-PER", "O", "B-GPE"], ["O", "B-ORG", "I-ORG"]]
    y_pred = [["B-PER", "I-PER", "B-GPE", "I-GPE"], ["O", "I-ORG", "I-ORG"]]
    scores = iob2_scores(y_true, y_pred)
    assert scores.per_type["PER"].tp == 1 and scores.per_type["PER"].fp == 0 and scores.per_type["PER"].fn == 0
    assert (scores.per_type["GPE"].tp, scores.per_type["GPE"].fp, scores.per_type["GPE"].fn) == (0, 1, 1)
    assert (scores.per_type["ORG"].tp, scores.per_type["ORG"].fp, scores.per_type["ORG"].fn) == (0, 0, 1)
    assert scores.per_type["ORG"].precision is None  # seqeval says 0.0
    assert (scores.micro.tp, scores.micro.fp, scores.micro.fn) == (1, 1, 2)
    assert scores.micro.precision == 0.5 and scores.micro.recall == 1 / 3
    assert_identical(y_true, y_pred)


def test_strict_reading_of_ill_formed_sequences() -> None:
    assert iob2_entities([["I-PER", "I-PER", "O"]]) == []  # no B: no entity (conlleval would read one)
    assert iob2_entities([["B-PER", "I-ORG"]]) == [(0, "PER", 0, 1)]  # type change ends the entity
    assert iob2_entities([["B-PER", "B-PER"]]) == [(0, "PER", 0, 1), (0, "PER", 1, 2)]
    assert iob2_entities([["B-PER", "I--PER-"]]) == [(0, "PER", 0, 2)]  # seqeval strips "-" from the type
    assert iob2_entities([["B", "I"]]) == [(0, "_", 0, 2)]  # an empty type is "_"


TAGS = ["O", "O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-GPE", "I-GPE", "B", "I", "I--PER", "B-PER-"]


@st.composite
def pairs_of_sequences(draw):  # type: ignore[no-untyped-def]
    lengths = draw(st.lists(st.integers(0, 12), min_size=0, max_size=6))
    y_true = [draw(st.lists(st.sampled_from(TAGS), min_size=n, max_size=n)) for n in lengths]
    y_pred = [draw(st.lists(st.sampled_from(TAGS), min_size=n, max_size=n)) for n in lengths]
    return y_true, y_pred


@settings(max_examples=150, deadline=None)
@given(pairs_of_sequences())
def test_identical_to_seqeval_on_random_sequences(data) -> None:  # type: ignore[no-untyped-def]
    y_true, y_pred = data
    if not any(y_true):
        return  # seqeval cannot report on no token at all
    assert_identical(y_true, y_pred)


def test_invalid_tags_raise_value_error() -> None:
    # seqeval raises ValueError for E-/S- prefixes under IOB2, KeyError for an unknown
    # first character and IndexError for ""; naba raises ValueError naming the position.
    for bad, seqeval_error in (("E-PER", ValueError), ("X-PER", KeyError), ("", IndexError)):
        with pytest.raises(ValueError, match="sequence 0, position 1"):
            iob2_scores([["O", bad]], [["O", "O"]])
        with pytest.raises(seqeval_error):
            seqeval_report([["O", bad]], [["O", "O"]])


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError):
        iob2_scores([["O"]], [["O", "O"]])
    with pytest.raises(ValueError):
        iob2_scores([["O"]], [])
