"""Names: people replaced consistently by names of other shapes; states swapped with their nisbas.

A person's every name mention changes with it: the full name becomes the replacement's full name,
the family name alone its family name. Replacement names have other shapes than the originals
(compound names with عبد, names with بن, three-part names, transliterated foreign names) and the
same grammatical gender, so the verbs and participles that agree with them stay right. States are
swapped together with every form the text derives from them (the state, its nisba adjectives in
both genders, the people's plural, the capital), matched as whole words after any proclitic, in
the whole text: a nisba the gold does not annotate (inside a facility's description) changes too,
so no old name is left behind. Replacement states are written without the article, so a proclitic
ل or ب in front of them stays grammatical (لألمانيا, بألمانيا), and their people's plural is a broken
plural, which has no case ending to get wrong. Canonical names (Arabic and English) follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from naba.challenge.edits import ConstructionError, Edit, OffsetMap, apply_edits
from naba.gold.model import Record

Gender = Literal["m", "f"]


@dataclass(frozen=True)
class PersonName:
    """A replacement name: its full form, the form a text uses alone (family name), English label."""

    full: str
    short: str
    english: str
    gender: Gender
    shape: Literal["abd", "bin", "three_part", "foreign"]


@dataclass(frozen=True)
class StateForms:
    """Every form of a state's name the swap rewrites, and its English labels."""

    name: str
    nisba_m: str
    nisba_f: str
    people: str
    capital: str
    english: str
    english_adjective: str
    english_capital: str

    def pairs(self, other: "StateForms") -> list[tuple[str, str]]:
        """(old form, new form) for every Arabic form, with the article-less nisbas too."""
        strip = lambda word: word[2:] if word.startswith("ال") else word  # noqa: E731
        return [
            (self.name, other.name),
            (self.nisba_m, other.nisba_m),
            (self.nisba_f, other.nisba_f),
            (strip(self.nisba_m), strip(other.nisba_m)),
            (strip(self.nisba_f), strip(other.nisba_f)),
            (self.people, other.people),
            (self.capital, other.capital),
        ]

    def english_pairs(self, other: "StateForms") -> list[tuple[str, str]]:
        return [(self.english, other.english), (self.english_adjective, other.english_adjective),
                (self.english_capital, other.english_capital)]


#: States of the article and replacements for them (written without the article, feminine like
#: the originals, people's plural broken).
STATES: dict[str, StateForms] = {
    "russia": StateForms("روسيا", "الروسي", "الروسية", "الروس", "موسكو", "Russia", "Russian", "Moscow"),
    "iran": StateForms("إيران", "الإيراني", "الإيرانية", "الإيرانيون", "طهران", "Iran", "Iranian", "Tehran"),
    "germany": StateForms("ألمانيا", "الألماني", "الألمانية", "الألمان", "برلين", "Germany", "German", "Berlin"),
    "pakistan": StateForms("باكستان", "الباكستاني", "الباكستانية", "الباكستانيون", "إسلام آباد", "Pakistan", "Pakistani", "Islamabad"),
}

#: Replacement people, by shape; none of them is in a list the reference systems use (a test
#: checks it), so a system cannot score on them by memory.
PEOPLE: tuple[PersonName, ...] = (
    PersonName("عبد الحميد بوزيان", "بوزيان", "Abdelhamid Bouziane", "m", "abd"),
    PersonName("سالم بن عاشور", "بن عاشور", "Salem Ben Achour", "m", "bin"),
    PersonName("محمد نور الدين حلمي", "حلمي", "Mohamed Noureddine Helmy", "m", "three_part"),
    PersonName("ماتياس كروغر", "كروغر", "Matthias Krueger", "m", "foreign"),
    PersonName("أوليفر هاريسون", "هاريسون", "Oliver Harrison", "m", "foreign"),
    PersonName("عبد الرزاق منصوري", "منصوري", "Abderrazak Mansouri", "m", "abd"),
    PersonName("خالد بن يوسف العمراني", "العمراني", "Khaled Ben Youssef El Amrani", "m", "bin"),
    PersonName("فرانسوا دوبوا", "دوبوا", "Francois Dubois", "m", "foreign"),
    PersonName("نادية بن سعيد", "بن سعيد", "Nadia Ben Said", "f", "bin"),
)

_PROCLITICS = "وفبلك"


def _word_re(form: str) -> re.Pattern[str]:
    """``form`` as a whole word, after at most two proclitic letters."""
    return re.compile(rf"(?<![\w])(?:[{_PROCLITICS}]{{0,2}})({re.escape(form)})(?![\w])")


def _person_table(record: Record, seed: int, genders: dict[str, Gender]) -> dict[str, PersonName]:
    """entity id -> replacement: people with a name mention, in entity order, each given the next
    unused replacement of their gender after a seeded rotation."""
    table: dict[str, PersonName] = {}
    used: set[str] = set()
    for index, entity in enumerate(e for e in record.entities if e.type == "PER" and any(m.kind == "name" for m in e.mentions)):
        gender = genders.get(entity.id, "m")
        pool = [p for p in PEOPLE if p.gender == gender and p.full not in used]
        if not pool:
            raise ConstructionError(f"no unused replacement name of gender {gender!r} for {entity.id}")
        choice = pool[(seed + index) % len(pool)]
        used.add(choice.full)
        table[entity.id] = choice
    return table


def names(record: Record, seed: int, state_swaps: dict[str, str], genders: dict[str, Gender] | None = None) -> tuple[Record, OffsetMap]:
    """People renamed (seeded choice) and states swapped (``{"russia": "germany", ...}``)."""
    text = record.document.text
    people = _person_table(record, seed, genders or {})
    replacements: list[tuple[str, str]] = []
    english: list[tuple[str, str]] = []
    for entity in record.entities:
        if entity.id not in people:
            continue
        new = people[entity.id]
        parts = entity.name.split()
        replacements.append((entity.name, new.full))
        if len(parts) > 1:
            replacements.append((parts[-1], new.short))
        english.append((entity.name_en, new.english))
    for old, new in state_swaps.items():
        replacements += STATES[old].pairs(STATES[new])
        english += STATES[old].english_pairs(STATES[new])

    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for old, new in sorted(replacements, key=lambda pair: len(pair[0]), reverse=True):
        for match in _word_re(old).finditer(text):
            start, end = match.span(1)
            if any(a < end and start < b for a, b in taken):
                continue  # part of a longer form already replaced (a family name inside a full name)
            taken.append((start, end))
            edits.append(Edit(start, end, new))
    for entity in record.entities:
        for mention in entity.mentions:
            if mention.kind == "name" and entity.id in people and not any(a >= mention.start and b <= mention.end for a, b in taken):
                raise ConstructionError(f"name mention {mention.id} {mention.text!r} is not covered by the replacement table")

    def rename(arabic: str, english_name: str) -> tuple[str, str]:
        for old, new in sorted(replacements, key=lambda pair: len(pair[0]), reverse=True):
            arabic = _word_re(old).sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + new, arabic)
        for old, new in sorted(english, key=lambda pair: len(pair[0]), reverse=True):
            english_name = re.sub(rf"\b{re.escape(old)}\b", new, english_name)
        return arabic, english_name

    def entities(moved: dict[str, object]) -> object:
        out = []
        for item in moved["entities"]:  # type: ignore[union-attr]
            item = dict(item)
            item["name"], item["name_en"] = rename(item["name"], item["name_en"])
            out.append(item)
        return out

    return apply_edits(record, edits, entities=entities)


def old_forms(record: Record, state_swaps: dict[str, str]) -> list[str]:
    """The names and state forms a swap must have removed from the text (for its tests)."""
    forms = [e.name for e in record.entities if e.type == "PER" and any(m.kind == "name" for m in e.mentions)]
    forms += [e.name.split()[-1] for e in record.entities if e.type == "PER" and len(e.name.split()) > 1 and any(m.kind == "name" for m in e.mentions)]
    for old, new in state_swaps.items():
        forms += [pair[0] for pair in STATES[old].pairs(STATES[new])]
    return forms
