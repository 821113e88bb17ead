"""Entity mentions by gazetteer and pattern, grouped into canonical entities.

Sources of mentions, in the order they are tried (GUIDELINES.md section 1):

1. Gazetteer phrases (``lexicons.gazetteer``): states, cities, regions,
   institutions and nisba adjectives, longest match, proclitics stripped.
   A capital used as a political actor links to its state, as a place (after a
   locative preposition or ``العاصمة``) to the city; a seat of power
   (الكرملين) after a locative is the building (FAC), otherwise the ORG.
2. Nominal GPE phrases: a state-noun with a nisba (``السلطات الإيرانية``) is one
   nominal mention of the state, and the nisba is not annotated again.
3. Organisation and facility patterns: ``وكالة X`` gives the name ``X`` only
   (generic class nouns stay outside), ``وزارة الخارجية``/``مجلس الأمن الروسي``
   keep their head (official names), ``منشأة X`` gives a FAC.
4. Person names after a title (``الرئيس الروسي فلاديمير بوتين`` -> the name
   ``فلاديمير بوتين``), after a speech verb with an appositive role, and every
   later or earlier occurrence of a found name's last token (propagation within
   the document: the only "lexicon" of person names is the document itself).
5. Nominal person mentions: a title phrase with no name in apposition links to
   the most recent person introduced with the same title head; ``مصدر مطلع``
   starts an anonymous source, ``المصدر`` continues it.
"""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Final, NamedTuple

from naba.baselines.rules import lexicons as lx
from naba.baselines.rules.normalization import PhraseIndex, View, stems
from naba.baselines.rules.timex import is_future_verb
from naba.common.arabic import normalize

_new_tuple: Final = tuple.__new__  # builds a NamedTuple without its Python-level __new__

_PUNCT_STOP: Final = frozenset("،,.:;؛!?؟\"()[]«»“”-—|")


class Mention(NamedTuple):
    """One entity mention (a NamedTuple: cheap to build, compared by value)."""

    start: int
    end: int
    first: int  # token indices, inclusive
    last: int
    type: str
    kind: str
    key: str
    name: str
    nisba: bool = False


@dataclass(slots=True)
class EntityLayer:
    """Mentions in text order and the canonical entities they group into."""

    mentions: list[Mention] = field(default_factory=list)

    def by_token(self) -> dict[int, list[Mention]]:
        out: dict[int, list[Mention]] = {}
        for m in self.mentions:
            for i in range(m.first, m.last + 1):
                found = out.get(i)
                if found is None:
                    out[i] = [m]
                else:
                    found.append(m)
        return out


@dataclass(frozen=True, slots=True)
class _Resources:
    gazetteer: dict[tuple[str, ...], lx.GazetteerEntry]
    places: PhraseIndex
    titles: PhraseIndex
    org_heads: frozenset[str]
    fac_heads: frozenset[str]
    gpe_nominal_heads: frozenset[str]
    stop: frozenset[str]
    locatives: frozenset[str]
    speech_verbs: frozenset[str]
    org_continuations: frozenset[str]
    title_heads: frozenset[str]
    given_names: frozenset[str]


def _n(words: tuple[str, ...] | list[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


@lru_cache(maxsize=1)
def resources() -> _Resources:
    gaz = lx.gazetteer()
    from naba.baselines.rules.lexicons import EVENT_TRIGGERS

    stop = set(lx.NAME_STOPWORDS)
    stop |= _n(lx.SPEECH_VERBS) | _n(lx.SPEECH_PARTICIPLES) | _n(lx.SPEECH_NOUNS) | _n(lx.COMPLEMENTIZERS)
    stop |= {normalize(t.form) for t in EVENT_TRIGGERS if " " not in t.form}
    titles = [lx.norm_tokens(t) for t in lx.TITLES + lx.MORE_TITLES]
    return _Resources(
        gazetteer=gaz,
        places=PhraseIndex(gaz.keys()),
        titles=PhraseIndex(titles),
        org_heads=_n(lx.ORG_HEADS),
        fac_heads=_n(lx.FAC_HEADS),
        gpe_nominal_heads=_n(lx.GPE_NOMINAL_HEADS),
        stop=frozenset(stop),
        locatives=_n(lx.LOCATIVE_PREPOSITIONS),
        speech_verbs=_n(lx.SPEECH_VERBS),
        org_continuations=_n(lx.ORG_CONTINUATIONS),
        title_heads=frozenset(t[0].removeprefix("ال") for t in titles),
        given_names=_n(lx.GIVEN_NAMES),
    )


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=1 << 16)
def _head_reading(norm: str) -> tuple[int, str] | None:
    """(cut, head) when a reading of ``norm`` is an organisation or facility head (memoised)."""
    res = resources()
    return next(((cut, stem) for cut, stem in stems(norm) if stem in res.org_heads or stem in res.fac_heads), None)


@lru_cache(maxsize=1 << 16)
def _has_source_reading(norm: str) -> bool:
    return any(stem in _SOURCE_FORMS for _, stem in stems(norm))


#: The anonymous source's head: nominative/genitive مصدر, the accusative مصدرا (كشف أن مصدرا طبيا
#: ...), and the definite المصدر that continues it.
_SOURCE_FORMS: Final = frozenset(("مصدر", "مصدرا", "المصدر"))


@lru_cache(maxsize=1 << 16)
def _is_speech_verb(norm: str) -> bool:
    res = resources()
    return any(stem in res.speech_verbs for _, stem in stems(norm))


def _is_name_token(view: View, i: int, res: _Resources) -> bool:
    """Could token ``i`` be part of a person name? (word, not definite, not a function word)."""
    norm = view.norms[i]
    if not view.words[i] or norm.isdecimal() or len(norm) < 2:
        return False
    if view.definite(i) or norm.startswith("لل") or _is_stop(view, i, res) or norm in _PLACE_HEADS:
        return False  # an administrative noun (ولاية، محافظة) heads a place, it is no name
    if norm in res.org_heads or norm in res.fac_heads or norm in _GROUP_NOUNS or norm in _EMPHATICS:
        return False  # an organisation head (مجلس، لجنة) is the title's complement: رئيس وفد مجلس النواب;
        # an emphatic pronoun is no name (round 15: في المؤتمر الصحفي نفسه, with الصحفي read as a title)
    if len(norm) >= 5 and is_future_verb(norm) and norm not in res.given_names:
        return False  # round 13: رئيس البلدية سيعقد، اللاعب سيخضع: a verb in the future after its subject
    return not _place_or_title(norm)


#: Nouns of a body or team that, like an organisation head, follow a title as its complement and
#: are never a person's name: رئيس مجلس إدارة نادي X، مدرب فريق X، مدرب منتخب X.
_GROUP_NOUNS: Final = frozenset(normalize(w) for w in ("نادي", "إدارة"))
#: Round 15: the emphatic pronouns (نفسه، ذاتها …), which stay outside every mention (GUIDELINES 1.2).
_EMPHATICS: Final = frozenset(normalize(w) for w in (
    "نفسه", "نفسها", "نفسهما", "نفسهم", "أنفسهم", "ذاته", "ذاتها", "ذاتهما", "ذاتهم",
))


@lru_cache(maxsize=1 << 16)
def _place_or_title(norm: str) -> bool:
    """The word is a one-word place or title, or a place behind proclitics (memoised)."""
    res = resources()
    if (norm,) in res.places or (norm,) in res.titles:
        return True
    return any((stem,) in res.places for _, stem in stems(norm)[1:])


#: Normalisation folds ى into ي, so the preposition على and the name علي collide;
#: the original spelling decides.
_NAME_EXCEPTIONS: Final = {"علي": "ى"}


def _is_stop(view: View, i: int, res: _Resources) -> bool:
    norm = view.norms[i]
    if norm not in res.stop:
        return False
    final = _NAME_EXCEPTIONS.get(norm)
    return final is None or view.raw(i).rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith(final)


def _is_family_name(view: View, i: int, res: _Resources, *, compound: bool = False) -> bool:
    """A definite family name after a first name (أيمن الصفدي): ال + a nisba-like ending
    in ي that is not a known place, nisba, function word or organisation head (النادي).

    ``compound``: the name read so far is an own name and a joiner part (رضوى عبد الرحمن, مريم بنت سعيد). A
    definite word after such a name is its family name whatever its ending (السيد، السقا،
    البلوشية), because a compound or lineage name is already a name and news closes it with the
    family name; only time words, titles and heads are refused (عبد الله الأسبوع الماضي)."""
    norm = view.norms[i]
    place = (norm,) in res.places
    if place and compound and view.norms[i - 1] not in _LINEAGE_JOINERS and i > 1 and view.norms[i - 2] in _LINEAGE_JOINERS \
            and res.gazetteer[(norm,)].nisba:
        place = False  # round 19: a nisba closing a lineage is the family name (غيث بن ناصيف السويدي)
    if not (view.definite(i) and len(norm) > 4 and norm not in res.stop and not place and not _is_stop(view, i, res)):
        return False
    if _head_reading(norm) is not None or (norm,) in res.titles or norm in _NOT_FAMILY_NAMES:
        return False
    return compound or norm.endswith("ي")  # state nisbas are in the gazetteer (res.places)


def _is_full_compound(view: View, names: list[int]) -> bool:
    """An own name followed by a joiner part (رضوى عبد الرحمن، مريم بنت سعيد): the full-name
    structure that news closes with a family name. A name that opens with its joiner (عبد الله
    alone) is not, since a definite word after it is as often a word of the sentence."""
    return len(names) >= 3 and view.norms[names[0]] not in lx.NAME_JOINERS and any(view.norms[k] in lx.NAME_JOINERS for k in names[1:])


def _closes_three_part_name(view: View, names: list[int], j: int, res: _Resources) -> bool:
    """Round 13: a definite word after a given name and a father's name (two or more name tokens,
    the first and last indefinite) is the family name whatever its ending (رائد سالم العدوان، X يونس
    الدباغ) when a comma follows it: news names a person by three parts, and a subject or an
    apposition ends at the comma, while an object of the verb runs on to a time or the full stop
    (وحضرت X بن Y الاجتماع صباح اليوم is refused)."""
    if len(names) < 2 or view.definite(names[-1]) or view.definite(names[0]):
        return False
    nxt = j + 1
    return nxt < view.n and view.paragraphs[nxt] == view.paragraphs[j] and view.norms[nxt] in ("،", ",")


def _three_part_family_name(view: View, names: list[int], j: int, res: _Resources) -> bool:
    """Token ``j`` is the family name closing a three-part name (``_closes_three_part_name``): a
    definite word of five letters or more that is no function, time or place word, title or head; a
    word that is also an event noun is allowed there (العدوان), the name being read already."""
    norm = view.norms[j]
    if not (view.definite(j) and len(norm) > 4 and norm not in lx.NAME_STOPWORDS and norm not in _NOT_FAMILY_NAMES
            and (norm,) not in res.places and (norm,) not in res.titles and _head_reading(norm) is None
            and _definite_org_head(norm) is None and _definite_fac_head(norm) is None and _definite_place_head(norm) is None
            and _closes_three_part_name(view, names, j, res)):
        return False
    # an event noun (العدوان، الاجتماع) only inside an apposition opened by a comma just before the
    # name (الوزير، المهندس X Y العدوان،): elsewhere it is as often the verb's object
    return norm not in res.stop or any(view.norms[k] in ("،", ",") for k in range(max(0, names[0] - 3), names[0]))



#: Definite words that follow names in news without being family names: time words, and the
#: adjectives of title phrases that follow an appositive name.
_NOT_FAMILY_NAMES: Final = frozenset(normalize(w) for w in (
    "الأسبوع", "الشهر", "العام", "اليوم", "السنة", "الماضي", "المقبل", "القادم", "الحالي", "الجاري", "الثلاثاء",
    "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "الثاني", "الأول", "الثالث", "الذي", "التي",
))


def _preceded_by_locative(view: View, index: int, cut: int, res: _Resources) -> bool:
    """True if token ``index`` is used as a place: locative preposition, clitic ب, or العاصمة."""
    norms = view.norms
    norm = norms[index]
    if cut and norm[cut - 1] == "ب" and not norm.startswith("لل"):
        return True
    j = index - 1
    if j >= 0 and norms[j] in res.locatives:
        return True
    # العاصمة [nisba] X
    for k in (index - 1, index - 2):
        if k >= 0 and norms[k] in ("العاصمه", "عاصمه"):
            return True
    return False


class _Collector:
    def __init__(self, view: View) -> None:
        self.view = view
        self.mentions: list[Mention] = []
        self.taken: dict[int, list[Mention]] = {}

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        taken = self.taken
        for i in range(mention.first, mention.last + 1):
            found = taken.get(i)
            if found is None:
                taken[i] = [mention]
            else:
                found.append(mention)

    def remove(self, drop: Mention) -> None:
        """Take a mention back (a later pass found what its words really are)."""
        self.mentions = [m for m in self.mentions if m is not drop]
        for i in range(drop.first, drop.last + 1):
            self.taken[i] = [m for m in self.taken.get(i, ()) if m is not drop]

    def overlaps(self, first: int, last: int, *, same_key: str | None = None) -> bool:
        for i in range(first, last + 1):
            for m in self.taken.get(i, ()):
                if same_key is None or m.key == same_key:
                    return True
        return False


# --------------------------------------------------------------------------- passes


def _gazetteer_pass(view: View, res: _Resources, out: _Collector) -> None:
    norms = view.norms
    paragraphs = view.paragraphs
    gazetteer = res.gazetteer
    for match in res.places.find_all(view):
        entry = gazetteer[match.key]
        if match.cut == 0 and match.first > 0 and match.first == match.last and paragraphs[match.first - 1] == paragraphs[match.first] and (
                norms[match.first - 1] in lx.NAME_JOINERS or entry.nisba and norms[match.first] in res.given_names
                and match.first + 1 < view.n and _is_family_name(view, match.first + 1, res)
                or entry.nisba and view.definite(match.first) and match.first > 1 and norms[match.first - 2] in _LINEAGE_JOINERS
                and paragraphs[match.first - 2] == paragraphs[match.first] and view.words[match.first - 1] and not view.definite(match.first - 1)):
            continue  # round 18: a word of a person's name (بن تركي; تركي الزهراني, the given name), no place;
            # round 19: a nisba closing a lineage (راشد بن ناصر السويدي) is the family name
        key, type_, name = entry.key, entry.type, entry.name
        if type_ == "ORG" and match.first > 0 and (norms[match.first].startswith("لل") and match.cut == 2 or
                                                   _head_reading(norms[match.first - 1]) is not None) and entry.key in _service_keys():
            continue  # round 19: a service inside a body's name (هيئة الدفاع المدني والإسعاف، المديرية العامة للدفاع المدني)
        if entry.capital_of is not None and not _preceded_by_locative(view, match.first, match.cut, res):
            key, type_ = f"GPE:{entry.capital_of}", "GPE"
            name = _state_name(entry.capital_of)
        if entry.seat and _preceded_by_locative(view, match.first, match.cut, res):
            key, type_ = f"FAC:{entry.key.split(':', 1)[1]}", "FAC"
        # nominal GPE: a state-noun right before a nisba ("السلطات الإيرانية")
        if entry.nisba and match.first > 0:
            head = match.first - 1
            for cut, stem in stems(norms[head]):
                if stem in res.gpe_nominal_heads and paragraphs[head] == paragraphs[match.first]:
                    start = view.stripped_start_at(head, cut)
                    out.add(Mention(start, match.end, head, match.last, "GPE", "nominal", key, name))
                    break
            else:
                out.add(_new_tuple(Mention, (match.start, match.end, match.first, match.last, type_, "name", key, name, entry.nisba)))
            continue
        out.add(_new_tuple(Mention, (match.start, match.end, match.first, match.last, type_, "name", key, name, entry.nisba)))
    _national_society_names(view, res, out)


#: Round 19: the civil-protection services, names of their own and also the field of a body named after
#: them (هيئة الدفاع المدني والإسعاف): read by the organisation passes there.
_SERVICE_NAMES: Final = ("الدفاع المدني", "الحماية المدنية")


@lru_cache(maxsize=1)
def _service_keys() -> frozenset[str]:
    gazetteer = resources().gazetteer
    return frozenset(gazetteer[tuple(normalize(w).split())].key for w in _SERVICE_NAMES)


#: Round 19: the movement whose national societies are named with their state (الهلال الأحمر العربي
#: السوري، جمعية الهلال الأحمر الليبي، الصليب الأحمر اللبناني): the nisbas and the society's noun are in
#: the name (its official one), the state's nisba nested (GUIDELINES 1.2, 1.3; as the dev gold, 7 of 7).
_MOVEMENT_NAMES: Final = frozenset(normalize(w) for w in ("الهلال الأحمر", "الصليب الأحمر"))
_SOCIETY_NOUN: Final = normalize("جمعية")
_ARAB_ADJECTIVE: Final = normalize("العربي")


def _national_society_names(view: View, res: _Resources, out: _Collector) -> None:
    norms, n = view.norms, view.n
    for m in [m for m in out.mentions if m.type == "ORG" and m.last == m.first + 1 and " ".join(norms[m.first : m.last + 1]) in _MOVEMENT_NAMES]:
        last = m.last
        while last + 1 < n and view.paragraphs[last + 1] == view.paragraphs[m.first] and last - m.last < 2 and (
                norms[last + 1] == _ARAB_ADJECTIVE or any(x.nisba and x.first == x.last == last + 1 for x in out.taken.get(last + 1, ()))):
            last += 1
        if last == m.last:
            continue
        first, start = m.first, m.start
        if first > 0 and view.paragraphs[first - 1] == view.paragraphs[first]:
            cut = next((c for c, stem in stems(norms[first - 1]) if stem == _SOCIETY_NOUN), None)
            if cut is not None:
                first, start = first - 1, view.stripped_start_at(first - 1, cut)
        out.remove(m)
        text = view.text[start : view.ends[last]]
        out.add(Mention(start, view.ends[last], first, last, "ORG", "name", f"ORG:{' '.join(norms[first : last + 1])}", text))


@lru_cache(maxsize=None)
def _state_name(code: str) -> str:
    """Canonical Arabic name of a state (CLDR; memoised: the lookup builds a babel Locale)."""
    return lx._state_name(code)


#: رئاسة heads a presidency's name (رئاسة الجمهورية), but ب + رئاسة is "chaired by".
_CHAIR_HEAD: Final = normalize("رئاسة")
#: سوق heads a market place (سوق القيصرية) but also names an economic market (سوق العمل).
_MARKET_HEAD: Final = normalize("سوق")
_MARKET_NOUNS: Final = frozenset(normalize(w) for w in (
    "العمل", "الأسهم", "المال", "الأوراق", "النفط", "الصرف", "العقارات", "العقار", "السيارات", "الطاقة",
    "الذهب", "السندات", "الدين", "الأسهم", "الاتصالات", "التأمين", "السلع", "الغاز", "الكهرباء", "الانتقالات",
))


def _org_fac_pass(view: View, res: _Resources, out: _Collector) -> None:
    norms = view.norms
    paragraphs = view.paragraphs
    words = view.words
    n = view.n
    for i in view.positions(_head_reading):
        reading = _head_reading(norms[i])
        if reading is None or out.overlaps(i, i):
            continue
        cut, head = reading
        is_fac = head in res.fac_heads
        paragraph = paragraphs[i]
        j = i + 1
        if head == _MARKET_HEAD and j < n and norms[j] in _MARKET_NOUNS:
            continue  # سوق العمل، سوق الأسهم: an economic market, no site
        if head == _CHAIR_HEAD and cut and norms[i][cut - 1] == "ب":
            continue  # round 10: برئاسة X "chaired by X" (a person or an office), not the presidency
        if (head in _HEALTH_CENTRE_HEADS and j + 1 < n and paragraphs[j + 1] == paragraph and words[j] and not view.definite(j)
                and norms[j + 1] in _HEALTH_ADJECTIVES and _is_name_token(view, j, res) and not out.overlaps(j, j + 1)):
            # round 13: مركز X الصحي، مجمع X الصحي: a health centre is a facility named with its head
            # and adjective after the town it serves (GUIDELINES 1.2: the class noun of a facility's
            # name is part of it, the place nested), no organisation
            start, end = view.stripped_start_at(i, cut), view.ends[j + 1]
            out.add(Mention(start, end, i, j + 1, "FAC", "name", f"FAC:{' '.join([head] + norms[j : j + 2])}", view.text[start:end]))
            continue
        if head == _COMPLEX_HEAD and not (j < n and norms[j] in _FAC_SERVICE_NOUNS):
            continue  # مجمع مستودعات، مجمع سكني: a complex names a facility only as above or with what it serves
        if head == _ROAD_HEAD and (i > 0 and norms[i - 1] == _AN or cut):
            continue  # عن طريق X "by way of X", بطريق، لطريقة: no road named
        # optional quotation mark around a one-token name: وكالة “بلومبرغ”
        quoted = j < n and norms[j] == '"'
        outlet = head in _MEDIA_HEADS
        if quoted and not is_fac and (close := _quoted_name_end(view, j, res)) is not None:
            # a quoted name of several words: كتلة “X Y”, شركة «X Y»: the name inside the marks
            # (an outlet's may hold a known place: a mention of its own inside, 1.2)
            inner = [x for k in range(j + 1, close) for x in out.taken.get(k, ())]
            if close - j > 2 and (not inner or outlet and all(x.type in ("GPE", "LOC") and j < x.first and x.last < close for x in inner)):
                start, end = view.starts[j + 1], view.ends[close - 1]
                out.add(Mention(start, end, j + 1, close - 1, "ORG", "name", f"ORG:{' '.join(norms[j + 1 : close])}", view.text[start:end]))
                continue
        k = j + 1 if quoted else j
        if head in _MEDIA_HEADS and (outlet := _outlet_name(view, k, quoted, res)) is not None:
            # قناة الأفق الإخبارية، لقناة «المنارة» الرياضية: the outlet's name without the class
            # noun and its descriptive adjective (GUIDELINES.md 1.2, as وكالة رويترز -> رويترز); a
            # one-word place read there (الساحل) is the outlet's name when the marks or the
            # adjective say so
            if quoted or out.overlaps(k, k):
                out.mentions = [m for m in out.mentions if not (m.first == m.last == k and m.type in ("LOC", "GPE") and not m.nisba)]
                out.taken[k] = [m for m in out.taken.get(k, []) if not (m.first == m.last == k and m.type in ("LOC", "GPE") and not m.nisba)]
            if not out.overlaps(k, k):
                out.add(Mention(view.starts[k], view.ends[k], k, k, "ORG", "name", f"ORG:{norms[k]}", view.raw(k)))
            continue
        # a facility keeps its head with its name and adjectives: "مطار X الدولي", "ميناء العقبة",
        # "كوبري الزهراء", "مستشفى X المركزي" (GUIDELINES.md 1.2); a place inside is its own mention
        if is_fac and not quoted and head not in _FAC_NAME_ONLY:
            last = _fac_name_end(view, k, res)
            if last is not None and head == _ROAD_HEAD:
                road = _road_end(view, last, res)
                if road == last and not view.definite(k) and (norms[k],) not in res.places and _fac_person_name(view, k, res) is None:
                    continue  # طريق مخصص، طريق سريع: an indefinite word names no road without a second place
                last = road
            if last is not None:
                last = _fac_purpose_end(view, last + 1, res) or last
                start, end = view.stripped_start_at(i, cut), view.ends[last]
                out.add(Mention(start, end, i, last, "FAC", "name", f"FAC:{' '.join([head] + norms[k : last + 1])}", view.text[start:end]))
                continue
        if (is_fac and not quoted and k + 1 < n and paragraphs[k + 1] == paragraph and words[k]
                and (norms[k],) in res.places and _is_org_complement(view, k + 1, res)):
            start, end = view.stripped_start_at(i, cut), view.ends[k + 1]
            out.add(Mention(start, end, i, k + 1, "FAC", "name", f"FAC:{' '.join(norms[i : k + 2])}", view.text[start:end]))
            continue
        if (not is_fac and not quoted and head not in _NOT_PLACE_OWNING_HEADS and not head.startswith("ال")
                and (place_end := _owned_place_end(view, k, out)) is not None):
            _add_body_of_place(view, i, cut, head, place_end, res, out)
            continue
        if head in _COMPANY_HEADS and not quoted and (company := _company_name_end(view, k, res)) is not None:
            # round 12: شركة X للمقاولات، شركة X Y لتوزيع المياه: the name with what the company
            # does, the class noun outside (GUIDELINES 1.2); a place inside is a mention of its own
            start, end = view.starts[k], view.ends[company]
            out.add(Mention(start, end, k, company, "ORG", "name", f"ORG:{' '.join(norms[k : company + 1])}", view.text[start:end]))
            continue
        if not is_fac and not quoted and not head.startswith("ال") and not out.overlaps(k, k) \
                and (last := _coordinated_construct_end(view, k, res)) is not None:
            # round 13: غرفة تجارة وصناعة X: two indefinite nouns in construct, coordinated, with one
            # genitive: one official name with its head (1.2), the place nested
            start, end = view.stripped_start_at(i, cut), view.ends[last]
            out.add(Mention(start, end, i, last, "ORG", "name", f"ORG:{' '.join([head] + norms[k : last + 1])}", view.text[start:end]))
            continue
        anba = head == "وكاله" and not quoted and k < n and norms[k] == "انباء"  # وكالة أنباء X: one name
        definite_head = head.startswith("ال")  # الحكومة تعهدت: a verb follows, never a name in construct
        if (not is_fac and not quoted and not anba and not definite_head and head != "وكاله"
                and _construct_name(view, k, res) and not out.overlaps(k, k)):
            # head + an indefinite noun in construct with a definite genitive: the whole is the name
            # (شركة نفط البصرة، وزارة شؤون الشباب والرياضة، رابطة كأس النخبة، غرفة تجارة دبي)
            last = _org_name_end(view, k, res)
            if last == k and (_is_local_unit(norms[k]) or ((e := res.gazetteer.get((norms[k + 1],))) is not None and not e.nisba)):
                place = _place_name_at(view, k + 1, res, definite_ok=True) if _is_local_unit(norms[k]) else None
                last = place[1] if place is not None and place[0] == 0 else k + 1  # the place in construct (مؤسسة مياه حمص، مجلس مدينة X)
            start, end = view.stripped_start_at(i, cut), view.ends[last]
            out.add(Mention(start, end, i, last, "ORG", "name", f"ORG:{' '.join([head] + norms[k : last + 1])}", view.text[start:end]))
            continue
        if (quoted and not is_fac and not outlet and not definite_head and k + 1 < n and norms[k + 1] == '"' and view.definite(k)
                and paragraphs[k + 1] == paragraph and not _is_stop(view, k, res) and (norms[k],) not in res.titles
                and _definite_org_head(norms[k]) is None and not out.overlaps(k, k)):
            # a one-word definite name in marks after the class noun: كتلة “الوفاق”، جمعية «الإحسان»
            # (the class noun outside, 1.2, as وكالة “بلومبرغ”)
            out.add(Mention(view.starts[k], view.ends[k], k, k, "ORG", "name", f"ORG:{norms[k]}", view.raw(k)))
            continue
        if not anba and not definite_head and k < n and paragraphs[k] == paragraph and _is_name_token(view, k, res) and not out.overlaps(k, k):
            # generic class noun + proper name: only the name is the mention
            if quoted and not (k + 1 < n and norms[k + 1] == '"'):
                continue
            if is_fac and head not in _FAC_NAME_ONLY or head in _COMMON_NOUN_HEADS:
                continue
            if not quoted and not is_fac:
                # round 12: an indefinite word after an organisation head is its name only with a
                # sign of one after it (a company's definite adjective: شركة X الكورية; what a
                # company does is read above); else it is a common noun or adjective (لجنة فنية،
                # مركز جديد، لجنة معاينة) or a place the body is named after (مركز X الصحي)
                if (norms[k].endswith(_NISBA_ENDINGS) or head not in _COMPANY_HEADS or not (k + 1 < n and paragraphs[k + 1] == paragraph
                        and _is_org_complement(view, k + 1, res) and norms[k + 1].endswith(_NISBA_ENDINGS))):
                    continue  # a definite nisba-like adjective agrees with the head: شركة X الكورية
            type_ = "FAC" if is_fac else "ORG"
            out.add(Mention(view.starts[k], view.ends[k], k, k, type_, "name", f"{type_}:{norms[k]}", view.raw(k)))
            continue
        if is_fac:
            continue
        if any(m.type == "ORG" and m.first == j for m in out.taken.get(j, ())):
            continue  # "وكالة الأناضول": class noun + a known name; the name alone is the mention
        # head + definite complements (+ nisba): an official name that keeps its head
        last = _org_name_end(view, i + 1 if anba else i, res)
        if last == i:
            continue
        start = view.stripped_start_at(i, cut)
        end = view.ends[last]
        key_text = " ".join([head] + norms[i + 1 : last + 1])
        # a nisba at the end belongs to the name; it is not annotated again for the same entity
        out.add(Mention(start, end, i, last, "ORG", "name", f"ORG:{key_text}", view.text[start:end]))
    # a definite head with an adjective is an official name too: "البنك المركزي", "الجيش X-ي",
    # "اللجنة المالية النيابية", "الجهاز المركزي للإحصاء"; the bare definite head is a nominal
    # mention (_org_nominal_pass)
    for i in view.positions(_definite_org_head):
        if out.overlaps(i, i) or i + 1 >= n or paragraphs[i + 1] != paragraphs[i]:
            continue
        cut, head = _definite_org_head(norms[i])  # type: ignore[misc]
        if not _is_org_complement(view, i + 1, res) or (norms[i + 1],) in res.titles:
            continue
        last = _org_name_end(view, i, res)
        start, end = view.stripped_start_at(i, cut), view.ends[last]
        key_text = " ".join([head] + norms[i + 1 : last + 1])
        out.add(Mention(start, end, i, last, "ORG", "name", f"ORG:{key_text}", view.text[start:end]))


#: Round 15: a definite directorate, department or federation head with an adjective of its rank
#: or of the state, then a ل phrase of what it is for (المديرية العامة للأرصاد الجوية، المديرية الجهوية
#: للصحة، الإدارة الوطنية للتحكيم، الاتحادية X-ية لكرة القدم): an official name, class noun inside
#: (1.2: an adjective of the class noun follows it; a ل phrase naming what a body is for is inside).
#: The bare head stays unread (المديرية is also a district, GPE).
_RANKED_BODY_HEADS: Final = frozenset(normalize(w) for w in ("مديرية", "إدارة", "دائرة", "اتحادية"))
_RANKED_BODY_FORMS: Final = frozenset(
    [normalize(p + "ال" + h) for p in ("", "و", "ب", "ف", "وب") for h in ("مديرية", "إدارة", "دائرة", "اتحادية")]
    + [normalize(p + "لل" + h) for p in ("", "و") for h in ("مديرية", "إدارة", "دائرة", "اتحادية")])
_RANK_ADJECTIVES: Final = frozenset(normalize(w) for w in ("العامة", "الجهوية", "الوطنية", "المركزية", "الإقليمية", "الولائية"))


def _ranked_body_pass(view: View, res: _Resources, out: _Collector) -> None:
    """ORG names headed by a definite directorate or federation noun, its adjective and a ل phrase."""
    norms, n = view.norms, view.n
    for i in view.positions_ending_with(_RANKED_BODY_FORMS, _RANKED_BODY_HEADS):  # one scan per head
        if i + 2 >= n or out.overlaps(i, i) or view.paragraphs[i + 2] != view.paragraphs[i]:
            continue
        adjective = norms[i + 1]
        if not (adjective in _RANK_ADJECTIVES or view.definite(i + 1) and adjective.endswith(_NISBA_ENDINGS)
                and any(m.type == "GPE" and m.first == m.last == i + 1 for m in out.taken.get(i + 1, ()))):
            continue
        if norms[i + 2][:1] != "ل" or not view.words[i + 2] or norms[i + 2] in res.stop:
            continue
        reading = _definite_head(norms[i], _RANKED_BODY_HEADS)
        if reading is None:
            continue
        last = max(_org_name_end(view, i, res), i + 2)
        start, end = view.stripped_start_at(i, reading[0]), view.ends[last]
        out.add(Mention(start, end, i, last, "ORG", "name", "ORG:" + " ".join([reading[1]] + norms[i + 1 : last + 1]),
                        view.text[start:end]))


#: A directorate or department of a public sector (مديرية التربية، إدارة المرور، مديرية الجمارك
#: العامة) is an organisation, not the district مديرية X names elsewhere (مديرية المكلا): the head
#: is in construct with a definite sector noun. A general list of the sectors of public service.
_DIRECTORATE_HEADS: Final = frozenset(normalize(w) for w in ("مديرية", "إدارة", "دائرة"))
_SECTOR_NOUNS: Final = frozenset(normalize(w) for w in (
    "التربية", "التعليم", "الصحة", "الزراعة", "الجمارك", "الشباب", "الرياضة", "المالية", "الأوقاف", "الأمن",
    "المرور", "الشؤون", "الثقافة", "السياحة", "العمل", "النقل", "الأشغال", "المياه", "الكهرباء", "الطاقة",
    "الإعلام", "الاقتصاد", "التجارة", "الصناعة", "البيئة", "الإسكان", "الخدمات", "الري", "الموارد",
    "التخطيط", "العدل", "الدفاع", "الجوازات", "الأحوال", "الحماية", "الإحصاء", "الضرائب", "الشرطة",
    "البلديات", "الطرق", "النظافة", "الإغاثة", "الطوارئ", "الآثار", "الغابات", "الصيد", "الثروة",
))


@lru_cache(maxsize=1 << 12)
def _directorate_reading(norm: str) -> tuple[int, str] | None:
    """(cut, head) when a reading of ``norm`` is an indefinite directorate head (مديرية، بمديرية)."""
    return next(((cut, stem) for cut, stem in stems(norm) if stem in _DIRECTORATE_HEADS), None)


def _behind_preposition_head(norm: str) -> bool:
    """ب/ل/في + an organisation, facility or directorate head (بمديرية، بوزارة): the source's
    organisation after it (مصدر بمديرية X), never the source's adjective (مصدر برلماني)."""
    return any(cut and norm[cut - 1] in "بل" and (stem in _DIRECTORATE_HEADS or stem in resources().org_heads or stem in resources().fac_heads)
               for cut, stem in stems(norm))


#: Round 10: the sector noun indefinite, in construct with the place the office serves (مديرية
#: صحة X، مديرية تربية X، دائرة ماء X): the office's name runs to the place, which is a mention
#: of its own inside it (GUIDELINES 1.2), never the sector noun read as the place (مديرية X).
_INDEFINITE_SECTOR_NOUNS: Final = frozenset(w[2:] for w in _SECTOR_NOUNS) | frozenset(normalize(w) for w in ("ماء", "مياه", "تربية"))


def _sector_place_end(view: View, i: int, res: _Resources, out: _Collector) -> int | None:
    """Last token of the place (a known one, or an unknown name) after ``مديرية`` + an
    indefinite sector noun at ``i + 1``, or None."""
    k = i + 2
    if k >= view.n or view.norms[i + 1] not in _INDEFINITE_SECTOR_NOUNS or view.paragraphs[k] != view.paragraphs[i]:
        return None
    known = next((m.last for m in out.taken.get(k, ()) if m.first == k and m.type in ("GPE", "LOC") and not m.nisba), None)
    if known is not None:
        return known
    place = _place_name_at(view, k, res, definite_ok=True)
    return None if place is None or place[0] else place[1]


def _directorate_pass(view: View, res: _Resources, out: _Collector) -> None:
    """``مديرية/إدارة/دائرة`` + a sector noun (+ its complements, a local place): an ORG name with
    its head (A-D110: مديرية الشباب والرياضة بالدقهلية, إدارة المرور بالجيزة); an indefinite
    sector noun with its place (round 10: مديرية صحة X)."""
    norms, n = view.norms, view.n
    for i in view.positions(_directorate_reading):
        k = i + 1
        if k >= n or view.paragraphs[k] != view.paragraphs[i] or out.overlaps(i, i):
            continue
        if norms[k] not in _SECTOR_NOUNS or out.overlaps(k, k):
            place_end = _sector_place_end(view, i, res, out)
            if place_end is None:
                continue
            last = place_end
        else:
            last = _org_name_end(view, i, res)
        reading = _directorate_reading(norms[i])
        assert reading is not None
        cut = reading[0]
        start, end = view.stripped_start_at(i, cut), view.ends[last]
        head = norms[i][cut:]
        out.add(Mention(start, end, i, last, "ORG", "name", f"ORG:{' '.join([head] + norms[k : last + 1])}", view.text[start:end]))


#: Class nouns of news outlets, outside the outlet's name (قناة، صحيفة، إذاعة).
_MEDIA_HEADS: Final = frozenset(normalize(w) for w in ("قناة", "صحيفة", "جريدة", "إذاعة", "مجلة", "تلفزيون"))
#: Descriptive adjectives of an outlet after its name (قناة X الفضائية، صحيفة X اليومية).
_MEDIA_ADJECTIVES: Final = frozenset(normalize(w) for w in (
    "الفضائية", "الإخبارية", "الرياضية", "اليومية", "الأسبوعية", "الإلكترونية", "الرسمية", "المحلية", "الخاصة",
))


def _outlet_name(view: View, k: int, quoted: bool, res: _Resources) -> int | None:
    """Token ``k`` when it is the one-word name of a news outlet after its class noun: inside
    quotation marks (لقناة «المنارة»), or a definite word followed by an outlet adjective, the end
    of the clause or a non-word (قناة الأفق الإخبارية، قناة المدار،), never a title, an
    organisation head or a function word; else None."""
    norms, n = view.norms, view.n
    if k >= n or not view.words[k] or view.paragraphs[k] != view.paragraphs[k - 1]:
        return None
    norm = norms[k]
    if norm in res.stop or (norm,) in res.titles or _definite_org_head(norm) is not None or norm.isdecimal():
        return None
    nxt = k + 1
    if quoted:
        return k if nxt < n and norms[nxt] == '"' else None
    if not view.definite(k) or (norm,) in res.gazetteer and res.gazetteer[(norm,)].nisba:
        return None
    if nxt >= n or view.paragraphs[nxt] != view.paragraphs[k] or not view.words[nxt] or norms[nxt] in _MEDIA_ADJECTIVES:
        return k
    entry = res.gazetteer.get((norms[nxt],))
    if entry is not None and entry.nisba:
        return k  # صحيفة الوطن القطرية
    return None


#: Class nouns of a body named in quotation marks that are no organisation head of the lexicon
#: (round 12): a news site, platform or portal (موقع «X»، منصة «X»، بوابة «X»: ``موقع`` is a
#: facility head elsewhere), a group of companies, a parliamentary bloc in the dual, a team.
_QUOTED_NAME_HEADS: Final = frozenset(normalize(w) for w in (
    "موقع", "منصة", "بوابة", "مجموعة", "تكتل", "كتلتي", "فريق", "عمومية",
))
#: Words a quoted name never opens with: a preposition or a complementizer starts quoted speech.
_QUOTED_NAME_OPENERS_NOT: Final = frozenset(normalize(w) for w in (
    "في", "من", "على", "إلى", "عن", "أن", "إن", "أنه", "لا", "لم", "لن", "قد", "ما", "هو", "هي",
))


def _quoted_body_name_end(view: View, j: int, res: _Resources) -> int | None:
    """The closing mark of a quoted name of one to four tokens opening at mark ``j``, within the
    paragraph (digits and words of any kind inside: «X اليوم»، «X 24»، «X تي في»), not opening
    with a preposition or complementizer; else None (round 12)."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    if j + 1 >= n or not view.words[j + 1] or norms[j + 1] in _QUOTED_NAME_OPENERS_NOT:
        return None
    k = j + 1
    while k < n and k - j <= 5 and paragraphs[k] == paragraphs[j]:
        if norms[k] == '"':
            return k if k - j >= 2 else None
        if not view.words[k]:
            return None
        k += 1
    return None


def _introduces_quoted_name(view: View, j: int, res: _Resources, out: _Collector) -> bool:
    """Does the token before the opening mark ``j`` introduce a body's name (round 12)? A media
    or organisation class noun (لقناة، لموقع، منصة، شركة، مجموعة …), a bare ``لـ`` (قال لـ«X»),
    an outlet's reporter (مراسل «X») or the full name of a news agency right before it (وكالة
    الأنباء X «Y»: its other name, GUIDELINES 1.2)."""
    k = j - 1
    if k < 0 or view.paragraphs[k] != view.paragraphs[j] or not view.words[k]:
        return False
    norm = view.norms[k]
    if norm == "ل" or _reporter_reading(norm):
        return True
    if any(stem in _QUOTED_NAME_HEADS for _, stem in stems(norm)):
        return True
    reading = _head_reading(norm)
    if reading is not None and reading[1] not in res.fac_heads:
        return True
    return any(m.type == "ORG" and m.kind == "name" and m.last == k and _head_reading(view.norms[m.first]) == (0, "وكاله")
               for m in out.taken.get(k, ()))


def _quoted_body_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A name in quotation marks after a word that introduces a body (_introduces_quoted_name) is
    an organisation's name, whatever words it holds (``لموقع «أخبار X»``، ``لـ«X اليوم»``، ``لقناة
    «X 24»``): the marks and the class noun outside (GUIDELINES 1.2), a known place inside a
    mention of its own; another mention inside the marks (a word read as a person's name) gives
    way. Any later quoted occurrence of the same words (``مع «X»``) is the same organisation
    (round 12)."""
    norms = view.norms
    marks = view.cached_positions(_QUOTE_MARKS)
    if not marks:
        return
    found: dict[tuple[str, ...], str] = {}
    spans: list[tuple[int, int]] = []
    # the quoted names of the view (opening mark, closing mark), found once for both loops
    # below: _quoted_body_name_end reads only the view, and most marks open no name
    named: list[tuple[int, int]] = []
    for j in marks:
        close = _quoted_body_name_end(view, j, res)
        if close is not None:
            named.append((j, close))
    for j, close in named:
        first, last = j + 1, close - 1
        words = tuple(norms[first:close])
        if any(m.type == "ORG" and m.first <= last and m.last >= first for k in range(first, close) for m in out.taken.get(k, ())):
            found.setdefault(words, next(m.key for k in range(first, close) for m in out.taken.get(k, ()) if m.type == "ORG"))
            continue
        if _introduces_quoted_name(view, j, res, out):
            spans.append((first, last))
            found.setdefault(words, f"ORG:{' '.join(words)}")
    for j, close in named:
        if (j + 1, close - 1) in spans:
            continue
        if tuple(norms[j + 1 : close]) in found and not out.overlaps(j + 1, close - 1, same_key=found[tuple(norms[j + 1 : close])]):
            spans.append((j + 1, close - 1))
    for first, last in sorted(spans):
        key = found[tuple(norms[first : last + 1])]
        inner = [m for k in range(first, last + 1) for m in out.taken.get(k, ())]
        if any(m.key == key for m in inner) or any(m.type not in ("GPE", "LOC") and (m.first < first or m.last > last) for m in inner):
            continue
        drop = {m for m in inner if m.type not in ("GPE", "LOC") or (m.first == first and m.last == last)}
        if drop:
            out.mentions = [m for m in out.mentions if m not in drop]
            for k in range(first, last + 1):
                out.taken[k] = [m for m in out.taken.get(k, []) if m not in drop]
        start, end = view.starts[first], view.ends[last]
        out.add(Mention(start, end, first, last, "ORG", "name", key, view.text[start:end]))


_QUOTE_MARKS: Final = frozenset(('"',))


#: Organisation heads never in construct with the place they belong to as one name (round 12): a
#: government or armed force of a state is the state (1.3), an outlet or agency named after a place
#: is read by the outlet rules, a place noun after مجلس/لجنة names the unit (مجلس مدينة X), and
#: مركز X is as often the district X itself (مركز العياط → العياط, 1.2) as a centre.
_NOT_PLACE_OWNING_HEADS: Final = frozenset(normalize(w) for w in (
    "حكومة", "قوات", "جيش", "رئاسة", "وكالة", "قناة", "صحيفة", "جريدة", "مجلة", "إذاعة", "شبكة", "تلفزيون",
    "مجلس", "لجنة", "سلطة", "مركز",
))


def _add_body_of_place(view: View, i: int, cut: int, head: str, place_end: int, res: _Resources, out: _Collector) -> None:
    """Add the organisation named by head ``i`` in construct with the place ending at ``place_end``
    (round 12): it keeps its head, the place nested inside (GUIDELINES 1.2: أمانة X، جامعة X، مصرف X
    المركزي، جمعية X الخيرية); a definite place continues as a complement would, an indefinite one
    takes one adjective of the body (a nisba-like word: المركزي، الخيرية، الكبرى), not the object of
    the verb after it."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    last = place_end
    if view.definite(i + 1):
        last = max(last, _org_name_end(view, i, res))
    elif (last + 1 < n and paragraphs[last + 1] == paragraphs[i] and _is_org_complement(view, last + 1, res)
          and norms[last + 1].endswith(_NISBA_ENDINGS + ("ري",))):
        last += 1
    if last + 1 < n and paragraphs[last + 1] == paragraphs[i]:
        # round 19: what the body is for, after the place (بنك قطر للتنمية، صندوق X لإدارة الموانئ)
        nxt = norms[last + 1]
        if nxt.startswith("لل") and len(nxt) > 5 and nxt[2:] in _PURPOSE_NOUNS_DEFINITE:
            last += 1
            if last + 1 < n and paragraphs[last + 1] == paragraphs[i] and norms[last + 1].startswith("وال") \
                    and norms[last + 1][3:] in _PURPOSE_NOUNS_DEFINITE:
                last += 1  # غرفة صيدا للتجارة والصناعة، جمعية X للتنمية والبيئة
        elif (purpose := _purpose_complement_end(view, last + 1, res)) is not None:
            last = purpose
    start, end = view.stripped_start_at(i, cut), view.ends[last]
    out.add(Mention(start, end, i, last, "ORG", "name", f"ORG:{' '.join([head] + norms[i + 1 : last + 1])}", view.text[start:end]))


#: Round 19: what a bank or fund named after a place is for (بنك قطر للتنمية، صندوق X للاستثمار).
_PURPOSE_NOUNS_DEFINITE: Final = frozenset(normalize(w)[2:] for w in (
    "التنمية", "الاستثمار", "التمويل", "التعمير", "الإعمار", "التجارة", "الصناعة", "التصدير", "الإسكان", "الزراعة",
    "البيئة", "الثقافة", "الخدمات",
))


def _body_of_place_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A place no list knows, found by the place passes (the dateline, an administrative noun, a
    list), right after an organisation head: the body named after it, as for a known place in
    _org_fac_pass (جامعة X، جمعية X الخيرية; round 12)."""
    norms = view.norms
    for m in [m for m in out.mentions if m.type == "GPE" and m.kind == "name" and not m.nisba and m.first > 0]:
        i = m.first - 1
        reading = _head_reading(norms[i])
        if (reading is None or m.start != view.starts[m.first] or view.paragraphs[i] != view.paragraphs[m.first]
                or reading[1] in res.fac_heads or reading[1] in _NOT_PLACE_OWNING_HEADS or reading[1].startswith("ال")
                or reading[1] in _MEDIA_HEADS or out.overlaps(i, i)):
            continue
        _add_body_of_place(view, i, reading[0], reading[1], m.last, res, out)


def _owned_place_end(view: View, k: int, out: _Collector) -> int | None:
    """Last token of a known place's name (a state or city, not a nisba) opening at token ``k``
    right after an organisation head, or None (round 12)."""
    if k >= view.n or view.paragraphs[k] != view.paragraphs[k - 1]:
        return None
    return next((m.last for m in out.taken.get(k, ()) if m.type == "GPE" and m.kind == "name" and not m.nisba
                 and m.first == k and m.start == view.starts[k]), None)


def _activity_complement_end(view: View, j: int, res: _Resources) -> int | None:
    """Last token of the ل-complement that says what a company does, opening at token ``j``
    (round 12): ل + article (للمقاولات، للخدمات اللوجستية: one definite adjective may follow) or ل +
    an indefinite verbal noun in construct with a definite word (لتوزيع المياه، لتسويق النفط); not
    ل + another organisation, a function word or a time (لمدة ثلاث سنوات); else None."""
    norms, n = view.norms, view.n
    if j >= n or not view.words[j] or view.paragraphs[j] != view.paragraphs[j - 1]:
        return None
    norm = norms[j]
    if norm in res.stop or _definite_org_head(norm) is not None or (norm,) in res.titles:
        return None
    nxt_ok = j + 1 < n and view.paragraphs[j + 1] == view.paragraphs[j] and _is_org_complement(view, j + 1, res)
    if norm.startswith("لل") and len(norm) > 4:
        if nxt_ok and norms[j + 1].endswith(_NISBA_ENDINGS) and (norms[j + 1],) not in res.places:
            return j + 1
        return j
    if norm[:1] == "ل" and len(norm) > 4 and not view.definite(j) and nxt_ok and (norms[j + 1],) not in res.places:
        return j + 1
    return None


def _company_name_end(view: View, k: int, res: _Resources) -> int | None:
    """Last token of a company's name of one to three words opening at token ``k`` and closed by
    the ل-complement of what it does (round 12), or None. The name words are words of the
    paragraph, none a function word, a title, an organisation head or an indefinite sector noun
    (شركة مياه الشرب … is named with its head)."""
    norms, n = view.norms, view.n
    if k >= n or norms[k] in _INDEFINITE_SECTOR_NOUNS:
        return None
    for last in range(k, min(k + 3, n)):
        if (not view.words[last] or view.paragraphs[last] != view.paragraphs[k] or _is_stop(view, last, res)
                or (norms[last],) in res.titles or _head_reading(norms[last]) is not None or norms[last].startswith("ل")):
            return None
        if (end := _activity_complement_end(view, last + 1, res)) is not None:
            return end
    return None


#: Company heads whose name leaves the class noun outside before what the company does (round 12,
#: GUIDELINES 1.2: شركة X للمقاولات → X للمقاولات, as وكالة X → X).
_COMPANY_HEADS: Final = frozenset(normalize(w) for w in ("شركة",))


def _is_local_unit(norm: str) -> bool:
    """A singular administrative noun of a unit with a local government (مدينة، محافظة، بلدية)."""
    return _PLACE_HEADS.get(norm) == "GPE" and norm not in _PLURAL_UNIT_NOUNS


_PLURAL_UNIT_NOUNS: Final = frozenset(normalize(w) for w in (
    "بلدات", "مدن", "قرى", "محافظات", "ولايات", "محافظتي", "مدينتي", "بلدتي", "قريتي", "ولايتي", "مراكز", "محليات",
    "مديريات", "أقضية"))
#: Round 13: مركز X is a district (GUIDELINES 1.2: مركز العياط → العياط) where villages belong to it
#: (قرى مركز X، قرية … التابعة لمركز X); elsewhere it is as often a centre and is left alone.
_DISTRICT_HEAD: Final = normalize("مركز")
_DISTRICT_OWNERS: Final = frozenset(normalize(w) for w in ("قرى", "قرية", "لقرى", "بقرى", "وقرى", "التابعة", "التابع", "بقرية"))


def _district_heads(view: View) -> list[int]:
    """Positions of مركز read as a district: after قرى/قرية or التابعة (round 13)."""
    norms = view.norms
    return [i for i in view.positions_of(_DISTRICT_FORMS) if i > 0 and norms[i - 1] in _DISTRICT_OWNERS
            and i + 1 < view.n and view.paragraphs[i + 1] == view.paragraphs[i]]


_DISTRICT_FORMS: Final = frozenset(normalize(w) for w in ("مركز", "لمركز", "بمركز"))
#: Round 13: جهة is a region only in construct with its name, not "a side" or "a party" (من جهة
#: أخرى، أي جهة، جهة مسؤوليتها).
_REGION_HEAD: Final = normalize("جهة")
_REGION_NOT_AFTER: Final = frozenset(normalize(w) for w in ("من", "أي", "أية", "كل", "لأي", "بأي"))
_REGION_NOT_NAMES: Final = frozenset(normalize(w) for w in ("أخرى", "ثانية", "أولى", "واحدة", "رسمية", "حكومية", "معينة", "مختصة", "مسؤولة"))
#: Round 13: plurals read as a list head only before a list of two names or more (مراكز الاقتراع,
#: مراكز علاج: centres, no districts).
_LIST_ONLY_HEADS: Final = frozenset(normalize(w) for w in ("مراكز", "مديريات"))


def _construct_name(view: View, k: int, res: _Resources) -> bool:
    """Token ``k`` (after an organisation head) is an indefinite noun in construct with a definite
    genitive or a known place that continues the name: not a state's nisba (شركة X الكورية: X is the
    name), not a title, not another organisation (مجلس إدارة الشركة), within the paragraph."""
    norms, n = view.norms, view.n
    if k + 1 >= n or not view.words[k] or not view.words[k + 1] or view.paragraphs[k + 1] != view.paragraphs[k - 1]:
        return False
    norm, nxt = norms[k], norms[k + 1]
    if view.definite(k) or norm in res.stop or norm.isdecimal() or len(norm) < 3 or (norm,) in res.titles or norm[:1] in ("و", "ف"):
        return False
    entry = res.gazetteer.get((nxt,))
    if entry is not None:
        return not entry.nisba and entry.type == "GPE"
    if _is_local_unit(norm) and nxt not in res.stop and not nxt.isdecimal() and (nxt,) not in res.titles:
        return True  # مجلس مدينة X، مجلس محافظة X: the body of a local unit, the unit named inside
    # a nisba adjective right after the word is no genitive: شركة X الكورية (X is the name)
    return (_is_org_complement(view, k + 1, res) and not nxt.endswith(_NISBA_ENDINGS) and (nxt,) not in res.titles
            and _definite_org_head(nxt) is None and _definite_place_head(nxt) is None)


def _coordinated_construct_end(view: View, k: int, res: _Resources) -> int | None:
    """Last token of ``N1 وN2 G`` after an organisation head (round 13: غرفة تجارة وصناعة X، هيئة
    تنظيم ومراقبة الأسواق): two indefinite nouns, the second behind و, and a genitive that is a
    known place or a definite noun (with its definite complements); None otherwise."""
    norms, n = view.norms, view.n
    g = k + 2
    if g >= n or not all(view.words[x] and view.paragraphs[x] == view.paragraphs[k - 1] for x in (k, k + 1, g)):
        return None
    first, second = norms[k], norms[k + 1]
    if (view.definite(k) or first in res.stop or len(first) < 3 or (first,) in res.titles or first[:1] in ("و", "ف")
            or second[:1] != "و" or len(second) < 4 or second[1:3] == "ال" or second[1:] in res.stop
            or (second[1:],) in res.titles or (first,) in res.places or (second[1:],) in res.places
            or _head_reading(second[1:]) is not None or _place_head_reading(second[1:]) is not None
            or _directorate_reading(second) is not None):
        return None  # جامعة X ومديرية …: a second body, no coordinated construct
    entry = res.gazetteer.get((norms[g],))
    if entry is not None and not entry.nisba and entry.type == "GPE":
        return g
    if _is_org_complement(view, g, res) and not norms[g].endswith(_NISBA_ENDINGS) and (norms[g],) not in res.titles:
        return _org_name_end(view, g - 1, res) if _org_name_end(view, g - 1, res) >= g else g
    return None


def _quoted_name_end(view: View, j: int, res: _Resources) -> int | None:
    """The closing mark of a short quoted name opening at token ``j`` (2–4 words, none a function
    word, within the paragraph), or None."""
    norms, n = view.norms, view.n
    k = j + 1
    while k < n and k - j <= 5 and view.paragraphs[k] == view.paragraphs[j]:
        if norms[k] == '"':
            return k if k - j >= 2 else None
        if not view.words[k] or _is_stop(view, k, res):
            return None
        k += 1
    return None


#: Facility heads that are generic nouns of a site, whose own name (an unknown word after them) is
#: the mention without the head (منشأة X، موقع X: GUIDELINES.md H-E7); every other facility head
#: (مطار، ميناء، محطة، جسر، مستشفى) is part of the facility's name (1.2).
_FAC_NAME_ONLY: Final = ("منشاه", "قاعده", "مفاعل", "موقع")

#: First words of two-word names (أم قصر، رأس تنورة، خور X) besides the place prefixes.
_NAME_PREFIXES: Final = frozenset(normalize(w) for w in ("أم", "خور", "وادي", "جبل", "شط"))
#: Endings of an indefinite nisba adjective (ميداني، ميدانية، ميدانيا), normalised.
_NISBA_ENDINGS: Final = ("ي", "يه", "يا")


#: Indefinite nouns of what a facility serves, between its head and its name (round 9): محطة مياه
#: X، محطة ماء X، محطة معالجة X، مجمع خدمات X، محطة قطار X.
_FAC_SERVICE_NOUNS: Final = frozenset(normalize(w) for w in (
    "مياه", "ماء", "معالجة", "ضخ", "تحلية", "كهرباء", "خدمات", "تنقية", "توليد", "قطار", "حافلات", "صرف",
))
#: Words that open a person's name in a facility's name (ملعب الشهيد X، مطار الملك X، محطة مياه الشيخ X).
_FAC_NAME_HONORIFICS: Final = frozenset(normalize(w) for w in ("الشهيد", "الشيخ", "الأمير", "الملك", "الإمام", "الأميرة", "الملكة", "المجاهد"))
#: Words after a facility head that say which one, never its name (ملعب آخر، محطة مماثلة، محطة الرفع).
_FAC_NOT_NAMES: Final = frozenset(normalize(w) for w in (
    "آخر", "أخرى", "بديل", "بديلة", "مماثل", "مماثلة", "الرفع", "الضخ", "المعالجة", "التحلية", "التنقية",
))


def _definite_adjective_follows(view: View, k: int) -> bool:
    """A definite adjective (a nisba or a descriptive word: الحكومي، الجديد) follows token ``k``: then
    the indefinite word ``k`` ending like a nisba is no adjective of the indefinite head before it (an
    adjective agrees in definiteness), it is the genitive name (round 9: مستشفى X-ية الحكومي)."""
    j = k + 1
    if j >= view.n or not view.words[j] or view.paragraphs[j] != view.paragraphs[k] or not view.definite(j):
        return False
    norm = view.norms[j]
    return norm not in _NAME_BREAKERS and norm.endswith(_NISBA_ENDINGS)


def _fac_person_name(view: View, k: int, res: _Resources) -> int | None:
    """Last token of a person's name that names a facility at token ``k`` (round 9: streets,
    stadiums and hospitals are named after people): an honorific + a name (ملعب الشهيد عبد القادر
    بن X، مستشفى الشهيد X Y), a definite given name + a joiner part (شارع العربي بن X), or a name
    built with a joiner (ملعب بن X). None when no such name is there."""
    norms, n = view.norms, view.n
    norm = norms[k]
    if norm in _FAC_NAME_HONORIFICS and k + 1 < n:
        names = _read_name(view, k + 1, res)
        return names[-1] if names else None
    if k + 1 < n and view.definite(k) and norms[k + 1] in lx.NAME_JOINERS:
        names = _read_name(view, k + 1, res)
        return names[-1] if len(names) >= 2 else None
    if norm in lx.NAME_JOINERS:
        names = _read_name(view, k, res)
        return names[-1] if len(names) >= 2 else None
    if (k + 2 < n and not view.definite(k) and norms[k + 1] in _FAC_LINEAGE_JOINERS and (norm,) not in res.places
            and _is_name_token(view, k, res)):
        # round 15: an indefinite given name with its lineage (ميناء X بن Y، مطار X ولد Y): a town is
        # never named "X son of Y", a person is; the whole name is the facility's, no town nested
        names = _read_name(view, k, res)
        names = names[: next((x for x, j in enumerate(names) if _place_head_reading(norms[j]) is not None), len(names))]
        return names[-1] if len(names) >= 3 and names[1] == k + 1 else None  # not the noun after it: بمدينة X
    return None


def _fac_person_pair(view: View, k: int, res: _Resources) -> bool:
    """Round 15: tokens ``k`` and ``k + 1`` after a facility head are two indefinite name words, a
    person's given and family name (مطار X Y الدولي، ملعب X Y في), not a town and a word of the clause:
    neither is a known place nor an administrative noun (بمدينة), and the pair ends the name (a
    definite adjective, a function word, punctuation or the paragraph's end follows)."""
    norms, n = view.norms, view.n
    if (view.definite(k) or (norms[k],) in res.places or not _is_name_token(view, k, res) or not _second_name_word(view, k + 1, res)
            or (norms[k + 1],) in res.places or _place_head_reading(norms[k + 1]) is not None):
        return False
    j = k + 2
    return (j >= n or not view.words[j] or view.paragraphs[j] != view.paragraphs[k] or norms[j] in res.stop
            or view.definite(j) and norms[j].endswith(_NISBA_ENDINGS))


#: Lineage joiners of a person's name after a facility head (round 15).
_FAC_LINEAGE_JOINERS: Final = frozenset(normalize(w) for w in ("بن", "ابن", "بنت", "ولد"))


def _fac_name_end(view: View, k: int, res: _Resources) -> int | None:
    """Last token of a facility's name starting at token ``k`` after its head, or None: a known
    place, a definite word or a proper-name word (a two-word name after a prefix such as أم, رأس),
    then definite complements and adjectives (مستشفى العياط المركزي، محطة الهارثة الحرارية), at
    most four tokens, within the paragraph. A title, a number or a function word names nothing."""
    norms, n = view.norms, view.n
    if k >= n or not view.words[k] or view.paragraphs[k] != view.paragraphs[k - 1]:
        return None
    norm = norms[k]
    if (norm in _FAC_SERVICE_NOUNS and k + 1 < n and view.words[k + 1] and view.paragraphs[k + 1] == view.paragraphs[k]
            and not view.definite(k + 1)) or norm in _FAC_SERVICE_NOUNS and (k + 1 < n and norms[k + 1] in _FAC_NAME_HONORIFICS):
        # round 9: a service noun between the head and the name (محطة مياه X، محطة ماء X، مجمع خدمات X)
        inner = _fac_name_end(view, k + 1, res)
        return inner
    if (norm.isdecimal() and len(norm) <= 2 and k + 1 < n and (norms[k + 1],) in _month_words()
            and view.paragraphs[k + 1] == view.paragraphs[k]):
        # round 15: a facility named after a date (ملعب 28 مارس، ساحة 14 يوليو), its year kept
        return k + 2 if k + 2 < n and norms[k + 2].isdecimal() and len(norms[k + 2]) == 4 else k + 1
    person = _fac_person_name(view, k, res)
    if person is None and (norm in res.stop or norm.isdecimal() or (norm,) in res.titles or _definite_org_head(norm) is not None
            or _definite_place_head(norm) is not None or norm in _FAC_NOT_NAMES or norm in _NATURAL_ADJECTIVES):
        return None  # مسجد الحي: the quarter's mosque, a nominal place, no name; ملعب بديل، محطة الرفع
    if (not view.definite(k) and norm.endswith(_NISBA_ENDINGS) and not _definite_adjective_follows(view, k)
            and norm not in _PLACE_PREFIXES):
        return None  # an indefinite nisba adjective describes a common noun: مستشفى ميداني، معبر حدودي
    last = k
    if person is not None:
        last = person
    elif (norm in _PLACE_PREFIXES or norm in _NAME_PREFIXES) and k + 1 < n and view.words[k + 1] and norms[k + 1] not in res.stop:
        last = k + 1
    elif not ((norm,) in res.places or _is_org_complement(view, k, res) or _is_name_token(view, k, res)):
        return None
    elif _fac_person_pair(view, k, res):
        last = k + 1  # round 15: a person's given and family name (مطار X Y الدولي، ملعب X Y), no town
    j = last + 1
    while j < n and j - k < 4 and view.paragraphs[j] == view.paragraphs[k] and _is_org_complement(view, j, res) \
            and (norms[j],) not in res.titles and _definite_org_head(norms[j]) is None and not _breaks_name(view, j, res):
        last = j
        j += 1
    return last


def _fac_purpose_end(view: View, j: int, res: _Resources) -> int | None:
    """Last token of the ل phrase that says what a facility is for, opening at token ``j`` right
    after its name (round 13): a ل phrase naming what or whom a body is for is part of its name
    (GUIDELINES 1.2), as in a school, a station or a market named with what it serves (مدرسة X
    للتعليم الأساسي، محطة X لضخ المياه، سوق الجملة للسمك، معهد X للأورام, a second لل noun coordinated
    with و: للمعارض والمؤتمرات). ل + a known place, a function word or a time is no such phrase."""
    end = _activity_complement_end(view, j, res)
    norms, n = view.norms, view.n
    if (end is None and j + 1 < n and norms[j][:1] == "ل" and len(norms[j]) >= 3 and view.words[j] and not view.definite(j)
            and norms[j] not in res.stop and view.paragraphs[j + 1] == view.paragraphs[j] == view.paragraphs[j - 1]
            and view.definite(j + 1) and _is_org_complement(view, j + 1, res) and (norms[j + 1],) not in res.places):
        end = j + 1  # a short verbal noun: لضخ المياه، لجمع النفايات
    if end is None or norms[j] in _FAC_PURPOSE_STOPS:
        return None
    nxt = end + 1
    if nxt < view.n and view.paragraphs[nxt] == view.paragraphs[j] and view.norms[nxt] in _VERB_PURPOSE_PREPOSITIONS:
        return None  # ميناء X للاطلاع على …: the purpose of the visit, a verbal noun with its preposition
    if (nxt < view.n and view.paragraphs[nxt] == view.paragraphs[j] and view.norms[nxt].startswith("وال")
            and view.norms[j].startswith("لل") and end == j):
        return nxt  # للمعارض والمؤتمرات: two nouns of what it is for
    return end


#: Prepositions that govern the object of a verbal noun of purpose (للاطلاع على، للتعرف إلى، للحديث حول).
_VERB_PURPOSE_PREPOSITIONS: Final = frozenset(normalize(w) for w in ("على", "إلى", "حول"))
#: ل words after a facility's name that are no purpose phrase of it: durations and beneficiaries
#: (لمدة، لصالح) and the verbal nouns of why someone goes there (نقل إلى مستشفى X لتلقي العلاج،
#: زار X لبحث …، لمتابعة …), which belong to the clause's verb.
_FAC_PURPOSE_STOPS: Final = frozenset(normalize(w) for w in (
    "لمدة", "لصالح", "لفترة", "لحساب", "للمرة", "لاستقبال", "لتلقي", "لإجراء", "لبحث", "لمناقشة", "لمتابعة",
    "لتفقد", "لحضور", "للمشاركة", "للاطلاع", "للقاء", "لزيارة", "لاستكمال", "للعلاج", "للفحص",
))


# Word tests that start the passes below: pure functions of the normalised word, memoised and
# indexed once per document with the others (naba.baselines.rules._predicates): a lambda per
# pass re-tested every distinct word of every document, which cost about a sixth of the time.


@lru_cache(maxsize=1 << 16)
def _is_news_word(norm: str) -> bool:
    return norm == "نيوز"


@lru_cache(maxsize=1 << 16)
def _given_name_reading(norm: str) -> bool:
    """A common given name, alone or behind و/ف; also عبد, which opens a compound given name
    (عبد العزيز، عبد الكريم) and is in news practically never anything but a name."""
    given = resources().given_names
    return norm in given or norm == _ABD or (norm[:1] in ("و", "ف") and (norm[1:] in given or norm[1:] == _ABD))


@lru_cache(maxsize=1 << 16)
def _reporter_reading(norm: str) -> bool:
    return any(stem in _REPORTER_FORMS for _, stem in stems(norm))


@lru_cache(maxsize=1 << 16)
def _place_head_reading(norm: str) -> str | None:
    """The administrative noun (محافظه، حي …) a reading of the word is, or None. The two-letter
    حي keeps its proclitics too (بحي، وحي، لحي، وبحي), which ``stems`` never cuts from so short a word."""
    short = _SHORT_PLACE_HEAD_FORMS.get(norm)
    if short is not None:
        return short
    return next((stem for _, stem in stems(norm) if stem in _PLACE_HEADS), None)


#: The quarter noun حي behind its proclitics (round 9): ``stems`` keeps a stem of three letters
#: at least, so بحي (في حي) was never read as the head of a quarter's name.
_SHORT_PLACE_HEAD_FORMS: Final = {clitic + normalize("حي"): normalize("حي") for clitic in ("و", "ف", "ب", "ل", "وب", "فب", "ول", "فل")}


@lru_cache(maxsize=1 << 16)
def _definite_place_head(norm: str) -> tuple[int, str] | None:
    """(cut, noun) when a reading of the word is ال + an administrative noun (الولايه، والحي)."""
    return next(((cut, stem[2:]) for cut, stem in stems(norm) if stem.startswith("ال") and stem[2:] in _PLACE_HEADS), None)


@lru_cache(maxsize=1 << 16)
def _home_state_reading(norm: str) -> bool:
    return any(stem in _HOME_STATE_NOUNS for _, stem in stems(norm))


def _news_outlet_pass(view: View, res: _Resources, out: _Collector) -> None:
    """``X نيوز`` is a news outlet (سكاي نيوز، شفق نيوز): the word before نيوز and نيوز."""
    norms = view.norms
    for i in view.positions(_is_news_word):
        k = i - 1
        if k < 0 or not view.words[k] or _is_stop(view, k, res) or out.overlaps(k, i) or view.paragraphs[k] != view.paragraphs[i]:
            continue
        start, end = view.starts[k], view.ends[i]
        out.add(Mention(start, end, k, i, "ORG", "name", f"ORG:{norms[k]} {norms[i]}", view.text[start:end]))


#: Organisation heads that are also common nouns (غرفة "room", أمانة "trust", تعاونية "cooperative"
#: as an adjective): they name a body only with a complement (غرفة تجارة X، أمانة الأحساء), never
#: with a bare word after them (غرفة صغيرة).
_COMMON_NOUN_HEADS: Final = frozenset(normalize(w) for w in ("غرفة", "أمانة", "تعاونية"))

#: Organisation heads that are read with the article as the start of a name (ال + head + adjective).
#: Not حكومة (a state's government is the GPE, GUIDELINES.md 1.3) nor قوات/سلطة (the state's forces
#: and authorities are nominal mentions of the state).
_DEFINITE_ORG_HEADS: Final = frozenset(normalize(w) for w in (
    "بنك", "مصرف", "جيش", "مجلس", "لجنة", "جهاز", "ديوان", "هيئة", "منظمة", "وكالة", "شركة", "جامعة",
    "اتحاد", "حزب", "حركة", "جمعية", "مؤسسة", "صندوق", "محكمة", "مفوضية", "نقابة", "كتلة", "ائتلاف", "تحالف",
    "مركز", "معهد", "وزارة", "مكتب", "رابطة", "غرفة", "أمانة", "تعاونية",
))


def _definite_head(norm: str, heads: frozenset[str]) -> tuple[int, str] | None:
    """(cut, head) when a reading of ``norm`` is ال + a noun of ``heads`` (or the fused لل + it):
    the one test behind every "bare definite class noun" nominal pass."""
    for cut, stem in stems(norm):
        if stem.startswith("ال") and stem[2:] in heads:
            return cut, stem[2:]
    if norm.startswith("لل") and norm[2:] in heads:
        return 2, norm[2:]
    return None


@lru_cache(maxsize=1 << 16)
def _definite_org_head(norm: str) -> tuple[int, str] | None:
    """(cut, head) when a reading of ``norm`` is ال + an organisation head (البنك، للجنة، والمجلس)."""
    return _definite_head(norm, _DEFINITE_ORG_HEADS)


#: Definite words that never continue an organisation's or a facility's name: time nouns (مستشفى X
#: الشهر المقبل), a player's or member's role after the name (مطار X الدولي المهاجم، لجنة X النائب)
#: and the adjectives of a party's place in politics (حزب X المعارض), which describe it.
_NAME_BREAKERS: Final = frozenset(normalize(w) for w in (
    "الشهر", "الأسبوع", "اليوم", "الليلة", "الموسم", "المقبل", "المقبلة", "الماضي", "الماضية", "الجاري",
    "الجارية", "الحالي", "الحالية", "المعارض", "المعارضة", "الحاكم", "المهاجم", "اللاعب", "المدرب", "الحارس",
    "المدافع", "النائب", "النائبة", "العضو", "السفير", "الوزير", "الرئيس", "الدكتور", "الدكتورة", "المهندس",
    "المهندسة", "اللواء", "العميد", "العقيد",
    # spatial participles that describe a site, never name it (سوق X القريب، شارع X المؤدي إلى)
    "القريب", "القريبة", "المؤدي", "المؤدية", "المجاور", "المجاورة", "الواقع", "الواقعة", "المحاذي", "المحاذية",
    # participles of a site's state (round 9: محطة مياه X المتوقفة منذ ...، الطريق المغلق)
    "المتوقف", "المتوقفة", "المغلق", "المغلقة", "المعطل", "المعطلة", "المتضرر", "المتضررة", "المتهالك", "المتهالكة",
    # weekdays: a date after a name (مركز X الأحد المقبل), never part of it (round 11)
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "السبت",
))


def _breaks_name(view: View, j: int, res: _Resources) -> bool:
    norm = view.norms[j]
    return norm in _NAME_BREAKERS or (norm,) in res.titles


def _is_org_complement(view: View, j: int, res: _Resources) -> bool:
    """A definite word that can continue a name (adjective or genitive: المركزي، الخارجية)."""
    norm = view.norms[j]
    return bool(view.words[j]) and view.definite(j) and norm not in res.stop and len(norm) > 3


#: Round 19: verbal nouns of what a body does, after ل in its official name (الشركة الوطنية لاستغلال
#: وتوزيع المياه، الشركة القطرية لإدارة الموانئ، اللجنة الجهوية لمجابهة الكوارث): a ل phrase naming what
#: or whom a body is for is part of its name (GUIDELINES 1.2). Only nouns that name a standing task, not
#: the purpose of an act (لإجراء تحقيق، لدعم X are read as the clause's).
_PURPOSE_MASDARS: Final = frozenset(normalize("ل" + w) for w in (
    "إدارة", "استغلال", "توزيع", "مكافحة", "مجابهة", "تنمية", "تطوير", "تنظيم", "حماية", "رعاية", "تمويل", "تشجيع",
    "ضمان", "تأمين", "تسويق", "إنتاج", "صناعة", "معالجة", "خدمات", "مراقبة", "تحلية", "تدريب", "إغاثة",
    "مقاولات", "صيانة", "استثمار",
))
#: At most this many words of the complement after the verbal noun (وتوزيع المياه، الكوارث الطبيعية).
_PURPOSE_REACH: Final = 3


def _purpose_complement_end(view: View, j: int, res: _Resources) -> int | None:
    """Last token of a ل + verbal-noun complement of an organisation's name at ``j`` (round 19), with
    its definite genitive and coordinated verbal nouns (لاستغلال وتوزيع المياه), or None."""
    norms, n, paragraph = view.norms, view.n, view.paragraphs[j]
    if not view.words[j] or norms[j] not in _PURPOSE_MASDARS:
        return None
    last = j
    k = j + 1
    while k < n and k - j <= _PURPOSE_REACH and view.paragraphs[k] == paragraph and view.words[k]:
        norm = norms[k]
        if norm[:1] == "و" and "ل" + norm[1:] in _PURPOSE_MASDARS:
            last = k  # وتوزيع: a second task of the same body
        elif view.definite(k) and not _is_stop(view, k, res) and (norm,) not in res.titles and _definite_org_head(norm) is None \
                and _definite_place_head(norm) is None:
            last = k
        else:
            break
        k += 1
    return last if last > j or view.definite(j) else (last if k > j + 1 else None)


def _org_name_end(view: View, i: int, res: _Resources) -> int:
    """Last token of an organisation name whose head is token ``i``: definite complements and
    adjectives, a complement with ل + article (للتنمية، للتعبئة), a coordinated definite noun
    (الاستثمار والتجارة الخارجية); at most six tokens after the head, within the paragraph. A
    coordinated word that is a title or a place starts something else."""
    norms, n, paragraph = view.norms, view.n, view.paragraphs[i]
    last = i
    j = i + 1
    while j < n and j - i <= 6 and view.paragraphs[j] == paragraph:
        norm = norms[j]
        if _breaks_name(view, j, res):
            break
        after_nisba = last > i and (entry := res.gazetteer.get((norms[last],))) is not None and entry.nisba
        if after_nisba and not norm.startswith("لل") and norm not in _SPORT_COMPLEMENTS and norm not in _PURPOSE_MASDARS:
            break  # a state's nisba ends the name: "البنك المركزي الأردني | الفائدة"
        if norm in res.org_continuations or _is_org_complement(view, j, res):
            last = j
        elif last > i and (purpose := _purpose_complement_end(view, j, res)) is not None:
            last = j = purpose  # round 19: الشركة القطرية لإدارة الموانئ
        elif last > i and (lam := _lam_complement_end(view, j, res, after_nisba=after_nisba)) is not None:
            last = j = lam  # "المجلس الجماعي لفاس"، "الاتحاد البحريني لكرة اليد"، "الشركة العامة لموانئ العراق"
        elif (view.words[j] and norm.startswith("لل") and len(norm) > 4 and norm not in res.stop and last > i
              and _definite_org_head(norm) is None):  # "لجنة X للبنك المركزي": another organisation
            last = j
        elif (view.words[j] and norm[:1] == "و" and norm[1:3] == "ال" and len(norm) > 5 and last > i
              and (norm[1:],) not in res.titles and (norm[1:],) not in res.places and _definite_org_head(norm) is None):
            last = j
        else:
            break
        j += 1
    return last


#: ل + a sports noun in construct with a definite word closes a federation's name (لكرة القدم،
#: لكرة اليد، لألعاب القوى), after a state's nisba too (الاتحاد البحريني لكرة اليد).
_SPORT_COMPLEMENTS: Final = frozenset(normalize(w) for w in ("لكرة", "لألعاب", "لرياضة", "لسباق", "لسباقات"))


def _lam_complement_end(view: View, j: int, res: _Resources, *, after_nisba: bool) -> int | None:
    """Last token of a complement with a bare ل (no article) that continues an organisation name
    at token ``j``, or None: ل + a sports noun + a definite word; ل + a known place
    (المجلس الشعبي البلدي لوهران، المجلس الجهوي لنواذيبو); ل + an indefinite noun in construct with
    a known place (الشركة العامة لموانئ العراق). After a state's nisba only the sports complement:
    a place there is the object of the clause (الجيش الأمريكي لسوريا)."""
    norms, n, paragraph = view.norms, view.n, view.paragraphs[j]
    norm = norms[j]
    if not view.words[j] or norm[:1] not in "لب" or norm.startswith("لل") or len(norm) < 4:
        return None
    if after_nisba:
        if norm[:1] == "ل" and norm in _SPORT_COMPLEMENTS and j + 1 < n and view.paragraphs[j + 1] == paragraph and _is_org_complement(view, j + 1, res):
            return j + 1
        return None
    # a local body's place (A-D110): ب/ل + an administrative noun + its place's name (بمحافظة
    # حضرموت، بمديرية المكلا، لمحافظة الأحساء), or ب + a known city (بحمص، بالجيزة as a known one)
    if norm[1:] in _PLACE_HEADS and _PLACE_HEADS[norm[1:]] == "GPE" and not norm[1:].endswith(("ات", "ن", "ي")):
        k = j + 1
        if k < n and view.paragraphs[k] == paragraph and view.words[k] and not _is_stop(view, k, res) and not norms[k].isdecimal():
            return k
        return None
    if norm[:1] == "ب":
        entry = res.gazetteer.get((norm[1:],))
        if entry is not None and not entry.nisba and entry.type == "GPE" and (":city:" in entry.key or entry.capital_of is not None):
            return j
        return None
    if norm in _SPORT_COMPLEMENTS:
        if j + 1 < n and view.paragraphs[j + 1] == paragraph and _is_org_complement(view, j + 1, res):
            return j + 1
        return None
    if after_nisba:
        return None
    entry = res.gazetteer.get((norm[1:],))
    if entry is not None and not entry.nisba and entry.type == "GPE":
        return j
    if (norm[1:] not in res.stop and not view.definite(j) and j + 1 < n and view.paragraphs[j + 1] == paragraph
            and (e2 := res.gazetteer.get((norms[j + 1],))) is not None and not e2.nisba and e2.type == "GPE"):
        return j + 1
    return None


_TITLE_CONTINUATIONS: Final = ("رييس", "وزراء", "وزير", "مجلس", "نايب")


#: At most this many plain name tokens (joiner parts and a final family name aside).
_PLAIN_NAME_TOKENS: Final = 2
#: A name closed by commas after a title may have three plain parts: the full triple name
#: (own, father's and family name: باسل يوسف درويش) news gives in an apposition; the closing
#: comma is what makes a third plain word safe to read as a name.
_PLAIN_NAME_TOKENS_IN_COMMAS: Final = 3


def _read_name(view: View, j: int, res: _Resources, *, plain_max: int = _PLAIN_NAME_TOKENS, closed: bool = False) -> list[int]:
    """The tokens of a person name starting at token ``j`` (empty if none), read as Arabic names
    are built: plain name tokens (at most two), compound parts after a joiner (عبد الله, عبد
    الرحمن, بن عمار, بنت سعيد: the part after a joiner may be definite), and a final definite family
    name (الشناوي). A name never ends on a joiner. Stays within the paragraph.

    ``closed``: the name follows a title that opens an apposition, so a definite word right before
    the closing comma is its family name whatever its ending (``الوزير، المهندس X الخصاونة،``): the
    title says a name comes and the commas of the apposition say where it ends (round 11)."""
    names: list[int] = []
    if j >= view.n:
        return names
    paragraph = view.paragraphs[j]
    plain = 0
    while j < view.n and view.paragraphs[j] == paragraph and len(names) < 6:
        norm = view.norms[j]
        after_joiner = bool(names) and view.norms[names[-1]] in lx.NAME_JOINERS
        if norm in lx.NAME_JOINERS and view.words[j]:
            names.append(j)
        elif after_joiner and view.words[j] and not _is_stop(view, j, res) and not norm.isdecimal():
            names.append(j)  # the second part of a compound: الله, الرحمن, الأمير, عمار
        elif _is_name_token(view, j, res) and plain < plain_max:
            names.append(j)
            plain += 1
        elif names and (_is_family_name(view, j, res, compound=_is_full_compound(view, names)
                                        or (closed and j + 1 < view.n and view.norms[j + 1] in ("،", ",")))
                        or _three_part_family_name(view, names, j, res)):
            names.append(j)
            j += 1
            if len(names) == 2 and j + 1 < view.n and view.norms[j] in _LINEAGE_JOINERS and view.paragraphs[j + 1] == paragraph:
                continue  # round 19: a definite second own name before a lineage (محمد الهادي بن عبد الله X)
            break  # a definite family name ends the name
        else:
            break
        j += 1
    while names and view.norms[names[-1]] in lx.NAME_JOINERS:
        names.pop()
    return names


_COMPLEMENT_PREPOSITIONS: Final = ("في", "لدي", "عن")
_QUOTES: Final = frozenset('“”"«»‹›')


def _name_after_complement(view: View, j: int, res: _Resources) -> list[int]:
    """A name after the complement of a title, where news prose puts long titles:
    ``ممثل المنظمة في لبنان X``, ``النائبة عن كتلة “التجديد” X``, ``الأمينة العامة لولاية وهران، X،``.
    The complement is a preposition and a place, an organisation or a definite noun (and a quoted
    name after it); a name in commas must be closed by a comma. Empty when no name follows."""
    norms, n = view.norms, view.n
    k = j
    # a complement fused with the preposition ل: "لولاية وهران"، "لبلدية X" (ل + noun + a place
    # or definite noun); the name must then stand in commas
    if (k + 1 < n and norms[k][:1] == "ل" and not norms[k].startswith("لل") and len(norms[k]) > 3
            and view.words[k] and ((norms[k + 1],) in res.places or view.definite(k + 1)
                                   or (norms[k][1:],) in res.places)):
        k += 1 if (norms[k][1:],) in res.places else 2
        while k < n and view.definite(k) and norms[k] not in res.stop:
            k += 1
        if not (k < n and norms[k] in ("،", ",")):
            return []
    elif k < n and norms[k] in _COMPLEMENT_PREPOSITIONS and k + 1 < n:
        nxt = norms[k + 1]
        if not ((nxt,) in res.places or _head_reading(nxt) is not None or view.definite(k + 1)):
            return []
        k += 2
        while k < n and view.definite(k) and norms[k] not in res.stop:
            k += 1  # the rest of the complement: منظمة الصحة العالمية
        if k + 2 < n and view.raw(k) in _QUOTES and view.raw(k + 2) in _QUOTES:
            k += 3  # a quoted name: كتلة “التجديد”
    if k < n and norms[k] in ("،", ","):
        names = _read_name(view, k + 1, res, plain_max=_PLAIN_NAME_TOKENS_IN_COMMAS)
        end = names[-1] + 1 if names else k
        return names if names and end < n and norms[end] in ("،", ",") else []
    return _read_name(view, k, res) if k > j else []


def _title_at(view: View, i: int, res: _Resources) -> tuple[int, int, int] | None:
    """A title phrase at token i: (cut, last token of title + modifiers, head index)."""
    match = res.titles.match_at(view, i)
    if match is None:
        return None
    norms = view.norms
    paragraphs = view.paragraphs
    words = view.words
    n = view.n
    paragraph = paragraphs[i]
    last = match.last
    j = last + 1
    steps = 0
    while j < n and steps < 5 and paragraphs[j] == paragraph:
        norm = norms[j]
        if norm == "باسم" or (words[j] and (view.definite(j) or norm.startswith("لل")) and norm not in res.stop):
            last = j
        elif (words[j] and norm[:1] == "و" and norm[1:3] == "ال" and len(norm) > 5 and (norm[1:],) not in res.titles
              and (norm[1:],) not in res.places and j > match.last):
            last = j  # a coordinated complement: "وزير الخارجية والتعاون الدولي X"
        elif norms[j - 1] == "باسم" and ((norm,) in res.places or any((s,) in res.places for _, s in stems(norm)[1:2])):
            last = j
        elif norm in _TITLE_CONTINUATIONS or _head_reading(norm) is not None:
            last = j  # an organisation the title governs: رئيس كتلة …, مدير شركة …
        else:
            break
        j += 1
        steps += 1
    return match.cut, last, match.first


#: Titles that are also common nouns of the sentence: the rank الفريق is "the team" in most news.
_AMBIGUOUS_RANKS: Final = frozenset(normalize(w) for w in ("الفريق",))
_RANK_GRADES: Final = frozenset(normalize(w) for w in ("أول", "الأول", "ركن", "الركن"))


def _person_pass(view: View, res: _Resources, out: _Collector) -> list[tuple[int, int, str]]:
    """Names after titles and after speech verbs; returns nominal title phrases (first, last, head)."""
    norms = view.norms
    paragraphs = view.paragraphs
    n = view.n
    nominals: list[tuple[int, int, str]] = []
    i = 0
    for start in view.positions(res.titles.readings):
        if start < i:
            continue  # inside the previous title phrase or name
        if start > 0 and norms[start - 1] in lx.NAME_JOINERS:
            continue  # عبد الأمير, عبد الملك: the second part of a compound name, not a title
        i = start
        title = _title_at(view, i, res)
        if title is None:
            continue
        cut, last, _ = title
        # a one-word title that opens an apposition (``، المهندس X Y،``) closes its name at the next comma
        names = _read_name(view, last + 1, res, closed=last == i and i > 0 and norms[i - 1] in ("،", ","))
        if names and norms[names[0]][:1] == "ل":  # "لولاية X، NAME،": the complement, not a name
            names = _name_after_complement(view, last + 1, res) or names
        if not names:  # a title with a complement, or in commas, before the name
            names = _name_after_complement(view, last + 1, res)
        if names and any(m.type in ("GPE", "LOC") or m.type == "FAC" and m.first < k or m.type == "ORG" and m.kind == "name" and (m.first == m.last == k or m.first < k)
                         for k in names for m in out.taken.get(k, ())):
            names = []  # a place found before (زار الوزير X: X was named after محافظة), words inside a facility's name,
            # or an outlet's one-word name (round 19: مراسلة وات, the agency's reporter)
        j = names[-1] + 1 if names else last + 1
        # a single common noun in construct with a definite noun, or with an organisation's head,
        # is not a name (آليات الرد; رئيس وفد مجلس النواب; الأمين العام لمجلس الصحة لدول مجلس التعاون)
        if len(names) == 1 and j < n and ((view.definite(j) and norms[j] not in ("الذي", "التي"))
                                          or norms[j] in res.org_heads):
            names = []
        # round 19: an imperfective verb after the office (محافظ المنيا يفتتح محطة): no one-word name
        if len(names) == 1 and norms[names[0]][:1] == "ي" and len(norms[names[0]]) >= 4 and norms[names[0]] not in res.given_names \
                and j < n and view.words[j] and view.paragraphs[j] == view.paragraphs[names[0]]:
            names = []
        # الفريق is the army rank and, far more often in news, "the team": as a rank it is followed
        # by أول/ركن or a common given name (الفريق أول X، الفريق سعد X), never by a verb (الفريق سيخوض)
        if names and norms[i] in _AMBIGUOUS_RANKS and not (
                norms[last + 1 if last + 1 < n else last] in _RANK_GRADES or norms[names[0]] in res.given_names
                or norms[names[0]] in lx.NAME_JOINERS):
            names = []
        if names:
            first, end_tok = names[0], names[-1]
            key = f"PER:{norms[end_tok]}"
            span_start, span_end = view.starts[first], view.ends[end_tok]
            out.add(Mention(span_start, span_end, first, end_tok, "PER", "name", key, view.text[span_start:span_end]))
            i = end_tok + 1
            continue
        # appositive after a name: "X Y، نائب رئيس ..." (name already taken) -> not a nominal
        prev = i - 1
        while prev >= 0 and norms[prev] in ("،", ","):
            prev -= 1
        appositive = prev >= 0 and any(m.type == "PER" for m in out.taken.get(prev, ()))
        if not appositive:
            head = _fold(view.text[view.stripped_start_at(i, cut) : view.ends[i]]).removeprefix("ال")
            nominals.append((i, last, head))
        i = last + 1
    # speech verb + a name + comma/title: "وقال X Y، نائب ..."
    for i in view.positions(_is_speech_verb):
        names = [k for k in _read_name(view, i + 1, res)]
        if any(out.overlaps(k, k) for k in names):
            names = []
        j = names[-1] + 1 if names else i + 1
        if names and j < n and (norms[j] in ("،", ",") and j + 1 < n and _title_at(view, j + 1, res) is not None):
            first, end_tok = names[0], names[-1]
            span_start, span_end = view.starts[first], view.ends[end_tok]
            out.add(Mention(span_start, span_end, first, end_tok, "PER", "name", f"PER:{norms[end_tok]}", view.text[span_start:span_end]))
    _given_name_pass(view, res, out)
    named = _apposition_name_pass(view, res, out)
    _described_person_pass(view, res, out)
    return [x for x in nominals if x[0] not in named]


#: Round 18: the clause that describes a person or a body just named (``قال X Y Z، وهو صاحب محل``,
#: ``جمعية X، وهي منظمة محلية``): the conjoined pronoun after the comma.
_DESCRIPTION_PRONOUNS: Final = frozenset(normalize(w) for w in ("وهو", "وهي"))
#: ... unless it opens a relative or a clause about a thing (وهو ما رفضته، وهو الخط الذي).
_NOT_DESCRIPTION: Final = frozenset(normalize(w) for w in ("ما", "الذي", "التي", "أمر", "الأمر"))
#: At most this many words between a speech verb and the comma of a described name.
_DESCRIBED_NAME_TOKENS: Final = 5


def _described_person_pass(view: View, res: _Resources, out: _Collector) -> None:
    """Round 18: a speaker named with no title and then described (``قال X Y Z، وهو صاحب محل``,
    ``قالت X منت Y، وهي أم لخمسة أطفال``, ``قال المريض X Y، وهو في الستين``): the words between the
    speech verb (and an optional definite role noun) and the comma are the name, for news introduces
    a person it has no title for by a description after the name; and the pronoun هو/هي after the
    comma is a pronoun mention of the person (or the body) just named (GUIDELINES 1.2, 1.4: every
    such pronoun of the dev gold is annotated)."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    for c1 in view.positions_of(_DESCRIPTION_PRONOUNS):
        comma = c1 - 1
        if comma < 1 or norms[comma] not in _COMMAS or paragraphs[comma] != paragraphs[c1]:
            continue
        if c1 + 1 < n and norms[c1 + 1] in _NOT_DESCRIPTION:
            continue
        before = [m for m in out.taken.get(comma - 1, ()) if m.last == comma - 1 and m.kind == "name"]
        if not before:
            named = _described_name(view, comma, res, out)
            if named is None:
                continue
            first, last = named
            for m in {m for k in range(first, last + 1) for m in out.taken.get(k, ())}:
                out.remove(m)  # a shorter name read inside gives way
            start, end = view.starts[first], view.ends[last]
            person = Mention(start, end, first, last, "PER", "name", f"PER:{norms[last]}", view.text[start:end])
            out.add(person)
            before = [person]
        owner = max(before, key=lambda m: m.last - m.first)
        if owner.type not in ("PER", "ORG") or owner.nisba:
            continue
        start = view.stripped_start_at(c1, 1)
        out.add(Mention(start, view.ends[c1], c1, c1, owner.type, "pronoun", owner.key, view.text[start:view.ends[c1]]))


def _described_name(view: View, comma: int, res: _Resources, out: _Collector) -> tuple[int, int] | None:
    """The name between a speech verb (and an optional definite role noun) and ``comma``."""
    norms = view.norms
    for verb in range(comma - 2, max(-1, comma - _DESCRIBED_NAME_TOKENS - 3), -1):
        if view.paragraphs[verb] != view.paragraphs[comma] or not view.words[verb]:
            return None
        if _is_speech_verb(norms[verb]):
            break
    else:
        return None
    first = verb + 1
    if (view.definite(first) and norms[first] not in res.given_names and not _is_stop(view, first, res)
            and not (first + 1 < comma and norms[first + 1] in _LINEAGE_JOINERS)
            and _head_reading(norms[first]) is None and (norms[first],) not in res.places):
        first += 1  # the role noun before the name: قال التاجر X، قال المريض X
    if not 2 <= comma - first <= _DESCRIBED_NAME_TOKENS or view.definite(first) and norms[first] not in res.given_names \
            and not norms[first + 1] in _LINEAGE_JOINERS:
        return None
    for k in range(first, comma):
        norm = norms[k]
        after_joiner = k > first and norms[k - 1] in lx.NAME_JOINERS
        if any(m.type != "PER" for m in out.taken.get(k, ())):
            return None
        if norm in lx.NAME_JOINERS or after_joiner and not _is_stop(view, k, res):
            continue
        if _is_name_token(view, k, res) or k == comma - 1 and _is_family_name(view, k, res, compound=True):
            continue
        if k == first and norms[k + 1] in _LINEAGE_JOINERS and not _is_stop(view, k, res):
            continue  # a definite own name before its lineage: السالكة منت X
        return None
    if norms[comma - 1] in lx.NAME_JOINERS:
        return None
    return first, comma - 1


#: Tokens a title phrase runs over on its way to the comma of its apposition (round 12): at most
#: this many, none a punctuation mark, a speech verb or a complementizer.
_TITLE_PHRASE_TOKENS: Final = 9
_COMMAS: Final = ("،", ",")


def _apposition_name_pass(view: View, res: _Resources, out: _Collector) -> set[int]:
    """The name in commas after a long title phrase (round 12): ``المديرة العامة لمؤسسة X، NAME،``,
    ``سفيرة X لدى Y، الإسبانية NAME،``, ``رئيسة التعاونية، NAME Y Z،``. News prose closes such an
    apposition with a second comma, so every word between the commas (two to six, after an optional
    one-word honorific or a state's nisba) is the name, definite parts too (GUIDELINES 1.2: the
    title is no part of it, and no mention of its own). A shorter name found inside gives way.
    Returns the title positions that got a name (their phrase is then no nominal)."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    named: set[int] = set()
    # round 13: a definite role noun right after a speech verb opens the phrase too (قالت المتطوعة
    # في جمعية X، NAME،): the verb wants a speaker, and the commas say where the name is
    roles = [i for i in (v + 1 for v in view.positions(_is_speech_verb)) if i < n and view.words[i] and view.definite(i)
             and not _is_stop(view, i, res) and _head_reading(norms[i]) is None and _definite_org_head(norms[i]) is None
             and (norms[i],) not in res.places]
    for i in sorted(set(view.positions(res.titles.readings)) | set(roles)):
        if i > 0 and norms[i - 1] in lx.NAME_JOINERS:
            continue
        comma = next((k for k in range(i + 1, min(i + _TITLE_PHRASE_TOKENS + 1, n))
                      if not view.words[k] or paragraphs[k] != paragraphs[i] or _is_speech_verb(norms[k])
                      or norms[k] in _CLAUSE_OPENERS or (_is_stop(view, k, res) and norms[k] not in _TITLE_PREPOSITIONS)), None)
        if comma is None or norms[comma] not in _COMMAS:
            continue
        first = comma + 1
        if first < n and norms[first][:1] == "و" and (norms[first][1:],) in res.titles and first + 1 < n and view.words[first + 1]:
            first += 1  # round 19: the honorific behind و (، والمهندسة X Y Z،)
        elif first < n and (((norms[first],) in res.titles and res.titles.match_at(view, first) is not None
                           and res.titles.match_at(view, first).last == first)
                          or any(m.nisba and m.first == m.last == first for m in out.taken.get(first, ()))):
            first += 1  # the honorific or the nationality before the name: المهندس، الإسبانية
        close = next((k for k in range(first, min(first + 7, n)) if not view.words[k] or paragraphs[k] != paragraphs[first]), None)
        if close is None or norms[close] not in _COMMAS or not 2 <= close - first <= 6:
            continue
        span = range(first, close)
        if any((_is_stop(view, k, res) and norms[k] not in lx.NAME_JOINERS) or norms[k].isdecimal()
               or (norms[k],) in res.titles or _head_reading(norms[k]) is not None or _place_head_reading(norms[k]) is not None
               or any(m.type != "PER" for m in out.taken.get(k, ())) for k in span):
            continue
        if norms[first] in _DESCRIPTION_PRONOUNS:
            continue  # round 18: the description after a name (، وهي أم لخمسة أطفال،), no name
        if norms[close - 1] in lx.NAME_JOINERS or (view.definite(first) and norms[first] not in res.given_names
                                                    and norms[first + 1] not in _LINEAGE_JOINERS):
            continue  # a definite first word is a name only as a given name or before a lineage (X بنت Y)
        inner = {m for k in span for m in out.taken.get(k, ()) if m.type == "PER"}
        if any(m.first < first or m.last >= close for m in inner):
            continue
        if inner:
            out.mentions = [m for m in out.mentions if m not in inner]
            for k in span:
                out.taken[k] = [m for m in out.taken.get(k, []) if m not in inner]
        start, end = view.starts[first], view.ends[close - 1]
        out.add(Mention(start, end, first, close - 1, "PER", "name", f"PER:{norms[close - 1]}", view.text[start:end]))
        named.add(i)
    return named


#: Prepositions of a title's complement (سفيرة X لدى Y، النائبة عن X، المكلفة بالبرمجة في X); any
#: other function word (a time: غدا، اليوم; إلى) ends the phrase before a comma could close it.
_TITLE_PREPOSITIONS: Final = frozenset(normalize(w) for w in ("في", "لدى", "عن", "من", "على"))
#: Words that open a clause of their own: a title phrase never runs over them to a comma.
_CLAUSE_OPENERS: Final = frozenset(normalize(w) for w in ("أن", "إن", "أنه", "إنه", "بأن", "الذي", "التي", "قد", "كان", "كانت"))


def _given_name_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A very common given name followed by at least one more name part is a person name even
    without a title (``قال مصطفى X``, ``وحضرت سميرة بن علي``): the given name is the cue, the
    parts after it are read as any name (joiners, a final definite family name). A given name
    alone is not enough (أحمد alone could be anyone, and عادل, جمال are also common words)."""
    given = res.given_names
    norms = view.norms
    for i in view.positions(_given_name_reading):  # given names, alone or behind و/ف
        if out.overlaps(i, i):
            continue
        cut = 0 if norms[i] in given or norms[i] == _ABD else 1
        if cut and not view.words[i]:
            continue
        if _is_stop(view, i, res) or (cut and norms[i][1:] in _NAME_EXCEPTIONS and _is_stop_spelling(view, i, norms[i][1:])):
            continue  # وعلى (the preposition), not the name وعلي: the original spelling decides
        names = _read_name(view, i, res)
        if len(names) < 2 or names[0] != i or any(out.overlaps(k, k) for k in names):
            continue
        if norms[i].endswith(_ABD) and not view.definite(i + 1):
            continue  # عبد + a definite divine name is the compound; عبد + anything else is not read
        first = _lineage_start(view, i, res)
        if first != i:  # the given name is a father's name: سالم بن حمد الحارثي
            names, cut = list(range(first, i)) + names, 0
            i = first
            cut = 1 if norms[i][:1] in ("و", "ف") and (norms[i][1:] in given or norms[i][1:] in lx.NAME_JOINERS) else 0
        last = names[-1]
        start, end = view.stripped_start_at(i, cut), view.ends[last]
        out.add(Mention(start, end, i, last, "PER", "name", f"PER:{norms[last]}", view.text[start:end]))


def _is_stop_spelling(view: View, i: int, norm: str) -> bool:
    """Does token ``i`` end with the letter that makes ``norm`` a function word (على, not علي)?"""
    final = _NAME_EXCEPTIONS[norm]
    return view.raw(i).rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith(final)


def _lineage_start(view: View, i: int, res: _Resources) -> int:
    """Where a name really starts when the given name at ``i`` follows a lineage joiner: in
    ``سالم بن حمد`` or ``عبد الرحمن بن ناصر`` the common name is the father's, and the person's
    own name is the part before بن/بنت/ابن (a plain name token, or a compound with عبد)."""
    norms = view.norms
    first = i
    while first >= 2 and norms[first - 1] in _LINEAGE_ONLY and view.paragraphs[first - 2] == view.paragraphs[i]:
        k = first - 2
        if k >= 1 and norms[k - 1] == _ABD and view.words[k]:
            k -= 1  # عبد الرحمن بن …
        elif not _is_name_token(view, k, res) or out_of_name(view, k) or any(stem in res.stop for _, stem in stems(norms[k])):
            if norms[first - 1] == _BIN:
                first -= 1  # no own name before it: بن + name is a (Maghrebi) family name, قالت بن عبد الله
            break
        first = k
    return first


def out_of_name(view: View, k: int) -> bool:
    """A token that cannot open a name: a clause word, or a word glued to a preposition."""
    return view.norms[k][:1] in ("ب", "ل", "ك") and not view.words[k]


_ABD: Final = normalize("عبد")
_BIN: Final = normalize("بن")
_LINEAGE_ONLY: Final = frozenset(normalize(w) for w in ("بن", "بنت", "ابن"))


@lru_cache(maxsize=1 << 12)
def _fold(text: str) -> str:
    """``naba.common.arabic.normalize`` of a short span (memoised: it folds character by character)."""
    return normalize(text)


def _propagate(view: View, res: _Resources, out: _Collector) -> None:
    """Every occurrence of a found person/organisation name token becomes a mention."""
    norms = view.norms
    known: dict[str, Mention] = {}
    for m in out.mentions:
        if m.kind == "name" and m.type in ("PER",) or (m.type in ("ORG", "FAC") and m.first == m.last and not m.nisba and m.key.split(":", 1)[1] == norms[m.first]):
            last_norm = norms[m.last]
            if last_norm not in known or len(m.name) > len(known[last_norm].name):
                known[last_norm] = m
    if not known:
        return
    taken = out.taken
    endings = tuple(known)
    # the words with a reading (``stems``) that is a known name are among the name behind
    # every proclitic combination; those present are tested as the rule states
    vocabulary = view.vocabulary
    present = set().union(*[vocabulary.intersection(_clitic_forms(name)) for name in known])
    for i in view.positions_of({norm for norm in present if norm.endswith(endings) and any(stem in known for _, stem in stems(norm))}):
        if i in taken:
            continue
        for cut, stem in stems(norms[i]):
            source = known.get(stem)
            if source is None:
                continue
            start = view.stripped_start_at(i, cut)
            end = view.ends[i]
            first = i
            # a family name built with a joiner keeps it: "بن عمار" (and "وبن عمار" -> "بن عمار")
            if source.type == "PER" and source.last > source.first and cut == 0 and i > 0 and (i - 1) not in taken:
                joiner = norms[source.last - 1]
                before = norms[i - 1]
                reading = None
                if joiner in lx.NAME_JOINERS:  # the joiner itself, or behind a conjunction (وبن)
                    reading = 0 if before == joiner else (1 if before[:1] in ("و", "ف") and before[1:] == joiner else None)
                if reading is not None and view.paragraphs[i - 1] == view.paragraphs[i]:
                    first, start = i - 1, view.stripped_start_at(i - 1, reading)
                    # a lineage joiner before a compound: "بن عبد الله" keeps بن as well
                    if (reading == 0 and joiner == "عبد" and source.last - 2 >= source.first and i - 2 >= 0
                            and (i - 2) not in taken and view.paragraphs[i - 2] == view.paragraphs[i]):
                        lineage = norms[source.last - 2]
                        before2 = norms[i - 2]
                        if lineage in _LINEAGE_JOINERS:
                            cut2 = 0 if before2 == lineage else (1 if before2[:1] in ("و", "ف") and before2[1:] == lineage else None)
                            if cut2 is not None:
                                first, start = i - 2, view.stripped_start_at(i - 2, cut2)
            out.add(_new_tuple(Mention, (start, end, first, i, source.type, "name", source.key, view.text[start:end], False)))
            break


#: Joiners of lineage (son/daughter/family of): a family name begins with them, and after them a
#: definite first word is an own name (round 13); round 18: the Mauritanian منت (daughter of).
_LINEAGE_JOINERS: Final = frozenset(normalize(w) for w in ("بن", "ابن", "بنت", "آل", "ولد", "منت"))


@lru_cache(maxsize=1 << 12)
def _clitic_forms(name: str) -> frozenset[str]:
    """Every word ``stems`` can read as ``name``: the name behind و/ف, ب/ل/ك or both,
    and لل for ل + ال (a superset: the rule's own test decides; memoised)."""
    bases = [name] + [p + name for p in _PREPOSITION_CLITICS]
    if name.startswith("ال"):
        bases.append("لل" + name[2:])
    return frozenset(bases + [c + base for base in bases for c in _CONJUNCTION_CLITICS])


def _clitic_core(name: str) -> str:
    """The part of ``name`` every one of its ``_clitic_forms`` ends with: the name itself, or
    behind its article (للقاهرة keeps only قاهرة of القاهرة); see View.positions_ending_with."""
    return name[2:] if name.startswith("ال") else name


_CONJUNCTION_CLITICS: Final = ("و", "ف")
_PREPOSITION_CLITICS: Final = ("ب", "ل", "ك")


@lru_cache(maxsize=1 << 16)
def _title_head_of(norm: str) -> str | None:
    """The title head (article removed) of the first reading of ``norm`` that is one (memoised)."""
    title_heads = resources().title_heads
    return next((stem.removeprefix("ال") for _, stem in stems(norm) if stem.removeprefix("ال") in title_heads), None)


#: Role heads that, with no name, are a person of their own (GUIDELINES.md 1.1: an individual
#: anonymous source): the spokesperson of an institution.
_ANONYMOUS_ROLES: Final = frozenset(normalize(w) for w in ("متحدث", "متحدثة", "ناطق", "ناطقة"))
#: The reporter of the outlet: مراسل with a possessive suffix, or before the outlet's word.
_REPORTER_FORMS: Final = frozenset(normalize(w) for w in ("مراسلنا", "مراسلها", "مراسله", "مراسلتنا", "مراسلتها", "مراسل", "مراسلة"))
_OUTLET_WORDS: Final = frozenset(normalize(w) for w in ("الصحيفة", "الوكالة", "القناة", "الجريدة", "الموقع", "الإذاعة"))


#: Outlet heads before an outlet's name (قناة X، موقع «X»), and the outlet adjectives after it.
_OUTLET_HEADS: Final = frozenset(normalize(w) for w in ("قناة", "موقع", "صحيفة", "جريدة", "إذاعة", "وكالة", "مجلة", "تلفزيون", "شبكة"))


def _reporter_complement_end(view: View, i: int, out: _Collector) -> int | None:
    """Last token of the outlet after the reporter noun at ``i`` (None: no outlet follows): a
    definite outlet word with its nisba adjectives and a ل-complement (``الوكالة الوطنية للإعلام``),
    or an outlet head with its name (quoted, or the outlet's ORG mention, or one definite word)
    and its adjectives (``قناة "الأحقاف" الفضائية``, ``موقع «لؤلؤة نيوز»``)."""
    norms, n = view.norms, view.n
    j = i + 1
    if j >= n:
        return None
    if view.definite(j) and norms[j] in _OUTLET_WORDS:
        last = j
    elif norms[j] in _OUTLET_HEADS:
        k = j + 1
        if k < n and norms[k] == '"':
            close = next((q for q in range(k + 1, min(k + 6, n)) if norms[q] == '"'), None)
            if close is None:
                return None
            last = close
        else:
            inner = [m for m in out.taken.get(k, ()) if m.type == "ORG" and m.first == k]
            if inner:
                last = max(m.last for m in inner)
            elif k < n and view.words[k] and view.definite(k):
                last = k
            else:
                return None
    else:
        return None
    # nisba adjectives of the outlet (الفضائية، الجزائرية، الوطنية), then a ل-complement (للإعلام)
    while last + 1 < n and view.words[last + 1] and view.definite(last + 1) and norms[last + 1].endswith(("يه", "ي")):
        last += 1
    if last + 1 < n and norms[last + 1].startswith("لل") and len(norms[last + 1]) > 4:
        last += 1
    return last


_KANA_FORMS: Final = frozenset(normalize(w) for w in ("كان", "وكان", "كانت", "وكانت"))
_COMPLEMENTIZER_NORMS: Final = frozenset(normalize(w) for w in lx.COMPLEMENTIZERS)


def _is_complementizer_norm(norm: str) -> bool:
    return norm in _COMPLEMENTIZER_NORMS


def _speaking_role_end(view: View, first: int, last: int, out: _Collector) -> int | None:
    """The last token of a title phrase with a complement that is the subject of a speech verb
    (``قال رئيس مجلس مدينة X``، ``وكان عميد بلدية X قد قال``), run over the organisation or place
    that starts inside it or right after it; None when the phrase is no such subject."""
    norms = view.norms
    end = last
    for k in range(first + 1, min(last + 2, view.n)):
        for m in out.taken.get(k, ()):
            if m.first == k and m.type in ("ORG", "GPE", "FAC", "LOC") and m.last > end:
                end = m.last
    if end > first and view.paragraphs[first] == 0 and (first == 0 or not view.words[first - 1]) and end + 1 < view.n \
            and view.words[end + 1] and view.paragraphs[end + 1] == 0 and not view.definite(end + 1):
        return end  # round 19: a headline opening with an office and its place or body (محافظ درعا يبحث ...)
    # the content must follow at once (an apposition after a comma would give the holder's name)
    if end == first or first == 0 or end + 1 >= view.n or not (_is_complementizer_norm(norms[end + 1]) or norms[end + 1] == _QAD):
        return None
    before = norms[first - 1]
    if _is_speech_verb(before) and view.words[first - 1]:
        return end
    if before in _KANA_FORMS and end + 2 < view.n and norms[end + 1] == normalize("قد") and _is_speech_verb(norms[end + 2]):
        return end
    return None


def _nominal_pass(view: View, res: _Resources, out: _Collector, nominals: list[tuple[int, int, str]]) -> None:
    norms = view.norms
    n = view.n
    # persons introduced with a title: (position, title head, nisba state of the title, person key)
    def nisba_in(first: int, last: int) -> str | None:
        for k in range(first, last + 1):
            for m in out.taken.get(k, ()):
                if m.nisba:
                    return m.key
        return None

    introduced: list[tuple[int, str, str | None, str]] = []
    for m in out.mentions:
        if m.type == "PER" and m.kind == "name":
            j = m.first - 1
            while j >= 0 and j >= m.first - 6:
                reading = _title_head_of(norms[j])
                if reading:
                    introduced.append((m.first, reading, nisba_in(j, m.first - 1), m.key))
                    break
                j -= 1
    introduced.sort()
    for first, last, head in nominals:
        # a nominal mention is a definite noun phrase: the head has the article, or it is in
        # construct with a definite noun ("وزير الخارجية الإيراني")
        head_reading = next(((cut, stem) for cut, stem in stems(norms[first]) if stem.removeprefix("ال") == head), None)
        definite = head_reading is not None and head_reading[1].startswith("ال")
        role_end = _speaking_role_end(view, first, last, out)
        if not definite and not (first + 1 <= last and view.definite(first + 1)) and role_end is None:
            continue
        if any(m.type == "ORG" and m.kind == "nominal" for m in out.taken.get(first, ())):
            continue  # الفريق as the club of the story (_team_nominals), not the rank
        state = nisba_in(first, last)
        candidates = [key for idx, h, st, key in introduced if h == head and idx < first and (state is None or st is None or st == state)]
        if not candidates:
            if head in _ANONYMOUS_ROLES and head_reading is not None and last > first:
                # an unnamed spokesperson: "المتحدث باسم الوزارة" is a person of its own (the
                # mention is the head; the same role phrase later is the same person)
                role = " ".join(norms[first + 1 : last + 1])
                start = view.stripped_start_at(first, head_reading[0])
                out.add(Mention(start, view.ends[first], first, first, "PER", "nominal",
                                f"PER:role:{head.removesuffix('ه')}:{role}", view.text[start:view.ends[first]]))
            elif role_end is not None:
                # an office-holder named only by the office, as the subject of a speech verb (round
                # 11): ``وقال رئيس بلدية X إن``، ``قال المدير الفني لنادي X``: a person of its own,
                # the title with its complement the mention (the body or place inside it stays)
                start = view.stripped_start_at(first, head_reading[0]) if head_reading else view.starts[first]
                text = view.text[start : view.ends[role_end]]
                role_key = next((key for idx, h, st, key in introduced if key == f"PER:role:{_fold(text)}"), f"PER:role:{_fold(text)}")
                out.add(Mention(start, view.ends[role_end], first, role_end, "PER", "nominal", role_key, text))
                # round 19: the office-holder is now introduced: a later bare title (المحافظ) is his nominal
                introduced.append((first, head, state, role_key))
                introduced.sort()
            continue
        key = candidates[-1]
        name = next(m.name for m in out.mentions if m.key == key)
        start = view.stripped_start_at(first, head_reading[0]) if head_reading else view.starts[first]
        out.add(Mention(start, view.ends[last], first, last, "PER", "nominal", key, name))
    # the outlet's own reporter: "مراسلنا", "مراسلها", "مراسل الصحيفة/الوكالة" (the mention is
    # مراسل, the possessive suffix stays outside); one reporter per document
    for i in view.positions(_reporter_reading):
        if out.overlaps(i, i):
            continue
        cut, stem = next((c, st) for c, st in stems(norms[i]) if st in _REPORTER_FORMS)
        start = view.stripped_start_at(i, cut)
        if stem in ("مراسل", "مراسله"):
            # "مراسل قناة «X» الفضائية", "مراسلة الوكالة الوطنية للإعلام": the correspondent is
            # the head with its genitive complement, the outlet (GUIDELINES 1.2, A-D54)
            last = _reporter_complement_end(view, i, out)
            if last is None:
                continue
            if any(m.type == "PER" and m.kind == "name" for k in range(last + 1, min(last + 6, n)) for m in out.taken.get(k, ()) if m.first == k):
                continue  # "مراسل قناة X في حلب، يزن خليل": a title of the named reporter
            out.add(Mention(start, view.ends[last], i, last, "PER", "nominal", "PER:role:reporter", view.text[start:view.ends[last]]))
            continue
        end = start + len("مراسل")
        out.add(Mention(start, end, i, i, "PER", "nominal", "PER:role:reporter", view.text[start:end]))
    # anonymous sources: "مصدر مطلع/مسؤول/..." starts one, "المصدر" continues it
    current: str | None = None
    for i in view.positions(_has_source_reading):
        for cut, stem in stems(norms[i]):
            if stem in ("مصدر", "مصدرا"):
                # the head with its adjective (مصدر أمني), or the head alone before the
                # organisation it belongs to (مصدر في الشرطة: the prepositional phrase is outside)
                last = i
                while (last + 1 < n and last - i < 1 and view.words[last + 1] and norms[last + 1] not in res.stop and not view.definite(last + 1)
                       and not _behind_preposition_head(norms[last + 1])):
                    last += 1
                # the organisation may be a construct (مصدر في إدارة الصيدلة: an indefinite head
                # and a definite genitive)
                # or its body behind a fused ب (مصدر بمديرية X، مصدر بوزارة X; round 11)
                if last == i and not (i + 2 < n and norms[i + 1] in ("في", "من", "داخل", "لدي")
                                      and (view.definite(i + 2) or _head_reading(norms[i + 2]) is not None
                                           or (i + 3 < n and view.words[i + 2] and norms[i + 2] not in res.stop
                                               and view.definite(i + 3)))) \
                        and not (i + 1 < n and norms[i + 1][:1] == "ب" and _behind_preposition_head(norms[i + 1])) \
                        and not (i + 2 < n and norms[i + 1] in ("في", "من", "داخل", "لدي")
                                 and any(m.type == "ORG" and m.first == i + 2 for m in out.taken.get(i + 2, ()))):
                    continue  # ... or a body already found after its preposition (مصدر في مديرية صحة X)
                current = f"PER:source:{i}"
                start = view.stripped_start_at(i, cut)
                end = view.ends[last]
                out.add(Mention(start, end, i, last, "PER", "nominal", current, view.text[start:end]))
                break
            if stem == "المصدر" and current is not None:
                start = view.stripped_start_at(i, cut)
                end = view.ends[i]
                out.add(Mention(start, end, i, i, "PER", "nominal", current, view.text[start:end]))
                break


#: Administrative nouns whose genitive is the name of a place with a local government (GPE):
#: "محافظة X", "قضاء X", "بلدة X"; plural heads take a coordinated list ("بلدات X وY وZ").
#: A neighbourhood (حي X) has no government of its own: LOC.
_PLACE_HEADS: Final = {normalize(w): t for w, t in (
    ("محافظة", "GPE"), ("ولاية", "GPE"), ("قضاء", "GPE"), ("بلدة", "GPE"), ("مدينة", "GPE"), ("قرية", "GPE"),
    ("ناحية", "GPE"), ("بلدية", "GPE"), ("مديرية", "GPE"), ("بلدات", "GPE"), ("مدن", "GPE"), ("قرى", "GPE"),
    ("محافظات", "GPE"), ("ولايات", "GPE"), ("حي", "LOC"), ("أحياء", "LOC"), ("حارة", "LOC"), ("حيي", "LOC"),
    # round 13: the duals of units (محافظتي X وY) and the plurals of districts and localities
    # (مراكز X وY وZ، محليات X وY), each heading a list of places (GUIDELINES 1.2: the noun outside)
    ("محافظتي", "GPE"), ("مدينتي", "GPE"), ("بلدتي", "GPE"), ("قريتي", "GPE"), ("ولايتي", "GPE"),
    ("مراكز", "GPE"), ("محليات", "GPE"), ("مديريات", "GPE"), ("أقضية", "GPE"),
    # the Maghreb's units: a province, a region and a village (إقليم X، جهة X، دوار X)
    ("إقليم", "GPE"), ("جهة", "GPE"), ("دوار", "GPE"),
    # round 15: the plurals of communes and of Mauritania's districts (بلديات X وY، مقاطعات X وY وZ);
    # the singular مقاطعة also means "boycott" and is read in _place_name_after_district only
    ("بلديات", "GPE"), ("مقاطعات", "GPE"),
    # round 15: a suburb, a quarter of a city without a government of its own (ضاحية X: LOC, as حي X)
    ("ضاحية", "LOC"),
    # round 18: a camp (مخيم X، مخيمي X وY) and an area of a city (منطقة X: a district or residential
    # area, with no government of its own) are LOC, as the dev gold types them (GUIDELINES 1.1); a
    # town the gazetteer knows keeps its type (منطقة العقبة), and a zone (منطقة X الصناعية) is a
    # facility found before
    ("مخيم", "LOC"), ("مخيمي", "LOC"), ("مخيمات", "LOC"), ("منطقة", "LOC"), ("منطقتي", "LOC"),
    # round 19: Tunisia's delegation and imada, local units with their own administration
    ("معتمدية", "GPE"), ("معتمديات", "GPE"), ("عمادة", "GPE"),
)}
#: A governor's title in construct with a definite word names the unit he governs (محافظ الجيزة،
#: والي وهران): the word is the place, as after the unit's own noun, whose bare definite form
#: (المحافظة، الولاية) is then its nominal. Not before an organisation (محافظ البنك المركزي).
_GOVERNOR_TITLES: Final = {normalize("محافظ"): normalize("محافظة"), normalize("والي"): normalize("ولاية")}
_GOVERNOR_TITLE_FORMS: Final = frozenset(_GOVERNOR_TITLES)
#: Indefinite adjectives of an office-holder's title (محافظ سابق، وال جديد): no place.
_TITLE_ADJECTIVES: Final = frozenset(normalize(w) for w in (
    "سابق", "أسبق", "جديد", "حالي", "منتخب", "مساعد", "بالنيابة", "بالوكالة", "مكلف", "معين", "آخر", "واحد",
))


def _governs_unknown_place(view: View, i: int, res: _Resources) -> bool:
    """Round 10: the governor's title in construct with an indefinite name (محافظ X، والي X, the
    title spelled with its own letters: وإلى folds to والي) names the unit, as a definite word does."""
    raw = view.raw(i)
    if "\u0625" in raw or "\u0649" in raw or view.definite(i + 1) or not view.words[i + 1] or view.norms[i + 1] in _TITLE_ADJECTIVES:
        return False
    place = _place_name_at(view, i + 1, res, definite_ok=True)
    return place is not None and place[0] == 0


_PLURAL_PLACE_HEADS: Final = frozenset(normalize(w) for w in (
    "بلدات", "مدن", "قرى", "محافظات", "ولايات", "أحياء", "حيي", "محافظتي", "مدينتي", "بلدتي", "قريتي", "ولايتي", "مراكز",
    "محليات", "مديريات", "أقضية", "بلديات", "مقاطعات"))


def _list_after_known(view: View, res: _Resources, out: _Collector, found: dict[str, tuple[str, str]], k: int, type_: str) -> None:
    """Round 15: the rest of a list after a plural unit whose first place is already known
    (محافظات عدن ولحج وأبين والضالع، بلديات وهران وX): each conjunct behind و is a place of the unit's
    kind, a known one skipped, a definite one too (1.2: the noun outside, as for an unknown first)."""
    norms, n = view.norms, view.n
    paragraph = view.paragraphs[k - 1]
    while k < n and view.paragraphs[k] == paragraph and norms[k][:1] == "و" and view.words[k]:
        known = next((m for m in out.taken.get(k, ()) if m.type in ("GPE", "LOC") and m.first == k and m.kind == "name"), None)
        if known is not None:
            k = known.last + 1
            continue
        if out.overlaps(k, k):
            return
        place = _place_name_at(view, k, res, definite_ok=False)
        if place is None and norms[k][1:3] == "ال":
            place = _place_name_at(view, k, res, definite_ok=True)
            place = None if place is None or norms[k][1:] in res.stop or _place_head_reading(norms[k][1:]) is not None else (1, place[1])
        if place is None or place[0] != 1 or out.overlaps(k, place[1]):
            return
        last = place[1]
        start, end = view.stripped_start_at(k, 1), view.ends[last]
        folded = " ".join([norms[k][1:]] + norms[k + 1 : last + 1])
        _type, key = found.setdefault(folded, (type_, f"{type_}:{folded}"))
        out.add(Mention(start, end, k, last, _type, "name", key, view.text[start:end]))
        k = last + 1
#: First parts of two-word place names (عين X، ذي X، سيدي X، دير X، تل X، كفر X، بني X، بيت X).
_PLACE_PREFIXES: Final = frozenset(normalize(w) for w in ("عين", "ذي", "سيدي", "دير", "تل", "كفر", "بني", "بيت", "أبو", "رأس", "جسر", "ميت", "منشأة", "عزبة", "نجع", "ود"))


#: Round 18: القديمة after المدينة names the old city, a quarter (LOC, as the dev gold).
_OLD: Final = normalize("القديمة")
#: Round 18: the nouns of an area of a city (منطقة X), read only before a definite name.
_AREA_HEADS: Final = frozenset(normalize(w) for w in ("منطقة", "منطقتي"))
#: Round 18: the plural of a quarter, whose name after it is definite (أحياء القرضة; أحياء عدة is none).
_QUARTER_PLURALS: Final = frozenset(normalize(w) for w in ("أحياء",))
#: Endings of a definite plural or a participle, which name a group, not an area (منطقة المشجعين).
_GROUP_ENDINGS: Final = ("ين", "ون", "ات")


def _area_name(view: View, k: int, place: tuple[int, int]) -> bool:
    """Is the word after منطقة an area's name? A definite word that is not a plural of people or
    things (منطقة المشجعين, منطقة الخدمات) and not a unit's noun (منطقة المدينة). An indefinite word
    after منطقة is as often an adjective or a noun of the phrase (منطقة منكوبة، منطقة تبادل حر)
    as a town (منطقة جنزور, a town the dev gold types GPE), so it is not read (dev gold 8 of 8
    definite names after منطقة that are no known place are LOC areas)."""
    cut, last = place
    norm = view.norms[k][cut:]
    return (last == k and view.definite(k) and not norm.endswith(_GROUP_ENDINGS)
            and _definite_place_head(norm) is None)


def _place_name_at(view: View, k: int, res: _Resources, *, definite_ok: bool) -> tuple[int, int] | None:
    """(cut, last token) of an unknown place name at token ``k`` (a proclitic و is cut), or None."""
    norms, n = view.norms, view.n
    if k >= n or not view.words[k]:
        return None
    norm = norms[k]
    cut = 1 if norm[:1] == "و" and (len(norm) > 3 or norm[1:] in _PLACE_PREFIXES) and (norm not in _PLACE_PREFIXES) and not definite_ok else 0
    stem = norm[cut:]
    if stem in _PLACE_PREFIXES and k + 1 < n and view.words[k + 1] and norms[k + 1] not in res.stop:
        return cut, k + 1
    if stem.isdecimal() and len(stem) <= 2 and k + 1 < n and (norms[k + 1],) in _month_words():
        return cut, k + 1  # round 9: a quarter named after a date (حي 5 جويلية), no time expression there
    if stem in res.stop or stem.isdecimal() or len(stem) < 3 or (stem,) in res.titles or _definite_org_head(stem) is not None:
        return None
    if _place_head_reading(norm) is not None:
        return None  # another administrative noun (أحياء بمدينة X): it heads the next name, it is none
    if stem.startswith("ال"):
        return (cut, k) if definite_ok and len(stem) > 4 else None
    if cut == 0 and not _is_name_token(view, k, res):
        return None
    return cut, k


def _place_nominals(view: View, res: _Resources, out: _Collector, heads_named: list[tuple[int, str, str, str, str]]) -> None:
    """A bare definite administrative noun (الولاية، المحافظة، الحي) after a place named with the
    same noun (ولاية X، حي X) is a nominal mention of the latest such place (GUIDELINES.md 1.4).
    Not when a name or an adjective follows it (الحي الجديد is another phrase)."""
    norms, n = view.norms, view.n
    heads = {h for _, h, _, _, _ in heads_named}
    for i in [k for k in view.positions(_definite_place_head) if _definite_place_head(norms[k])[1] in heads]:  # type: ignore[index]
        if out.overlaps(i, i):
            continue
        if i + 1 < n and view.paragraphs[i + 1] == view.paragraphs[i] and view.words[i + 1] and (
                view.definite(i + 1) or out.overlaps(i + 1, i + 1)):
            continue
        cut, head = _definite_place_head(norms[i])  # type: ignore[misc]
        before = [(t, key, name) for pos, h, t, key, name in heads_named if h == head and pos < i]
        if not before:
            continue
        type_, key, name = before[-1]
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[i], i, i, type_, "nominal", key, name))


#: Round 15: بلدية is both a town's unit and its council. Where it is not a place the story is in or
#: goes to (after في، إلى، نحو، داخل، قرب or a clitic ب) it is the council acting, owning, heading or
#: giving (بلدية X تفتتح، رئيس بلدية X، تابعة لبلدية X، منحة من بلدية X): an organisation named with its
#: class noun, the town nested (1.2, as مجلس مدينة حمص), whose bare البلدية is then its nominal.
_MUNICIPALITY_HEAD: Final = normalize("بلدية")
_MUNICIPALITY_PLACE_BEFORE: Final = frozenset(normalize(w) for w in ("في", "إلى", "الى", "نحو", "داخل", "قرب"))
#: Oman's municipal department in construct before the council (دائرة بلدية X): one name.
_MUNICIPALITY_DEPARTMENT: Final = normalize("دائرة")


def _municipality(view: View, i: int, last: int, out: _Collector) -> tuple[str, str, str] | None:
    """Add the council named ``بلدية X`` at token ``i`` (X ending at token ``last``) as an ORG
    name, its definite adjectives kept (بلدية X الكبرى), and return its (type, key, name) for the
    nominals; None where the word is the place (في بلدية X، ببلدية X)."""
    norms, n = view.norms, view.n
    cut = len(norms[i]) - len(_MUNICIPALITY_HEAD)
    if "ب" in norms[i][:cut] or (i > 0 and norms[i - 1] in _MUNICIPALITY_PLACE_BEFORE and view.paragraphs[i - 1] == view.paragraphs[i]):
        return None
    first = i
    if cut == 0 and i > 0 and view.paragraphs[i - 1] == view.paragraphs[i] and any(
            stem == _MUNICIPALITY_DEPARTMENT for _, stem in stems(norms[i - 1])):
        first = i - 1
        cut = len(norms[first]) - len(_MUNICIPALITY_DEPARTMENT)
    j = last + 1
    while (j < n and j - last < 3 and view.words[j] and view.paragraphs[j] == view.paragraphs[i] and view.definite(j)
           and (norms[j].endswith(_NISBA_ENDINGS) or norms[j] == normalize("الكبرى")) and not out.overlaps(j, j)):
        last = j
        j += 1
    start, end = view.stripped_start_at(first, cut), view.ends[last]
    key = "ORG:municipality:" + " ".join(norms[i + 1 : last + 1])
    name = view.text[start:end]
    if any(m.type == "ORG" and m.first <= first and m.last >= last for m in out.taken.get(first, ())):
        return None
    out.add(Mention(start, end, first, last, "ORG", "name", key, name))
    return "ORG", key, name


def _local_place_pass(view: View, res: _Resources, out: _Collector) -> None:
    """Places no gazetteer lists, named after an administrative noun in construct (محافظة X,
    قضاء X, حي X: the name is the mention, the noun is not), a coordinated list after a plural
    noun (بلدات X وY وZ), and then every other occurrence of the same name in the document."""
    norms, n = view.norms, view.n
    found: dict[str, tuple[str, str]] = {}  # folded name -> (type, key)
    heads_named: list[tuple[int, str, str, str, str]] = []  # (position, head, type, key, name)
    starts = [(i, _place_head_reading(norms[i])) for i in view.positions(_place_head_reading)]
    starts += [(i, _GOVERNOR_TITLES[norms[i]]) for i in view.positions_of(_GOVERNOR_TITLE_FORMS)
               if i + 1 < n and (view.definite(i + 1) and _definite_org_head(norms[i + 1]) is None or _governs_unknown_place(view, i, res))]
    starts += [(i, _REPORTER_PLACE) for i in _reporter_places(view, res, out)]
    starts += [(i, _DISTRICT_HEAD) for i in _district_heads(view)]
    starts.sort()
    for i, head in starts:
        assert head is not None
        k = i + 1
        if head == _DISTRICT_HEAD:
            for m in [m for m in out.taken.get(i, ()) if m.type == "ORG" and m.first == i and m.kind == "name"]:
                out.remove(m)  # قرى مركز X: the district, no centre named X (round 13)
        if head == _REPORTER_PLACE:
            place = _reporter_place_at(view, k, res)
            if place is not None and not out.overlaps(k, place[1]):
                cut, last = place
                start, end = view.starts[k], view.ends[last]
                folded = " ".join(norms[k : last + 1])
                _type, key = found.setdefault(folded, ("GPE", f"GPE:{folded}"))
                out.add(Mention(start, end, k, last, _type, "name", key, view.text[start:end]))
            continue
        conjunct = False
        if _PLACE_HEADS.get(head) == "LOC" and k < n and view.paragraphs[k] == view.paragraphs[i] \
                and (person := _fac_person_name(view, k, res)) is not None:
            # round 13: a quarter named after a person (حي الأمير X، حي X بن Y): the quarter's name, a
            # place (the class noun outside, GUIDELINES 1.2), no person mention; the name ends before
            # a conjunct (حيي X وY) or another administrative noun (بمدينة X)
            person = next((j - 1 for j in range(k + 2, person + 1) if norms[j][:1] == "و" or _place_head_reading(norms[j]) is not None), person)
            for m in [m for j in range(k, person + 1) for m in out.taken.get(j, ()) if m.type == "PER"]:
                if m in out.mentions:
                    out.remove(m)
            folded = " ".join(norms[k : person + 1])
            _type, key = found.setdefault(folded, ("LOC", f"LOC:{folded}"))
            start, end = view.starts[k], view.ends[person]
            out.add(Mention(start, end, k, person, _type, "name", key, view.text[start:end]))
            heads_named.append((i, head, _type, key, view.text[start:end]))
            k = person + 1
            if head not in _PLURAL_PLACE_HEADS or k >= n or norms[k][:1] != "و":
                continue
            conjunct = True  # حيي X وY: Y is read behind its و below
        if out.overlaps(k, k):
            if head in _AREA_HEADS:
                continue  # round 18: a place already found keeps its type (منطقة الكويت), and an area noun inside a body's name names no area
            known = next((m for m in out.taken.get(k, ()) if m.type in ("GPE", "LOC") and m.first == k), None)
            if known is not None:
                council = _municipality(view, i, known.last, out) if head == _MUNICIPALITY_HEAD else None
                heads_named.append((i, head, *(council or (known.type, known.key, known.name))))
                if head in _PLURAL_PLACE_HEADS:
                    _list_after_known(view, res, out, found, known.last + 1, known.type)
                continue
            if not all(m.type == "ORG" and m.first < i and m.last >= k for m in out.taken.get(k, ())):
                continue
            # the place of a local body's name (مكتب الصحة بمحافظة حضرموت): a mention of its own inside
        if k >= n or view.paragraphs[k] != view.paragraphs[i]:
            continue  # round 15: a unit noun ending a headline names nothing in the next paragraph
        type_ = _PLACE_HEADS.get(head, "GPE")
        if head == _REGION_HEAD and (i > 0 and norms[i - 1] in _REGION_NOT_AFTER or k < n and (
                norms[k] in _REGION_NOT_NAMES or norms[k].endswith(_PRONOUN_ENDINGS))):
            continue  # من جهة أخرى، أي جهة مسؤوليتها: "side", "party", no region
        place = _place_name_at(view, k, res, definite_ok=not conjunct)
        if place is not None and head in _AREA_HEADS and not _area_name(view, k, place):
            continue
        if place is not None and head in _QUARTER_PLURALS and not view.definite(k):
            continue  # round 18: أحياء عدة، أحياء واسعة: an adjective, no quarter's name
        if place is not None and _PLACE_HEADS.get(head) == "LOC" and place[1] == k and _definite_place_head(norms[k]) is not None:
            if not (k + 1 < n and norms[k + 1] == _OLD):
                continue  # round 18: أحياء المدينة: the quarters of the city, whose nominal المدينة is
            place = (place[0], k + 1)  # المدينة القديمة: the old city, a quarter's established name
        if place is not None and head in _LIST_ONLY_HEADS and (view.definite(k) or not (
                place[1] + 1 < n and norms[place[1] + 1][:1] == "و" and view.paragraphs[place[1] + 1] == view.paragraphs[k])):
            continue  # مراكز الاقتراع، مراكز علاج: centres; مراكز X وY: districts
        while place is not None:
            cut, last = place
            if (type_ == "LOC" and last + 2 < n and norms[last + 1] in _LINEAGE_JOINERS and view.words[last + 2]
                    and view.paragraphs[last + 2] == view.paragraphs[k] and not _is_stop(view, last + 2, res)):
                last += 2  # round 13: a quarter named X بن Y
            start, end = view.stripped_start_at(k, cut), view.ends[last]
            text = view.text[start:end]
            folded = " ".join([norms[k][cut:]] + norms[k + 1 : last + 1])
            _type, key = found.setdefault(folded, (type_, f"{type_}:{folded}"))
            out.add(Mention(start, end, k, last, _type, "name", key, text))
            if head not in _PLURAL_PLACE_HEADS and head not in _AREA_HEADS:  # a bare المنطقة is "the area", no nominal
                council = _municipality(view, i, last, out) if head == _MUNICIPALITY_HEAD else None
                heads_named.append((i, head, *(council or (_type, key, text))))
            k = last + 1
            if head not in _PLURAL_PLACE_HEADS or k >= n or norms[k][:1] != "و" or out.overlaps(k, k):
                break
            place = _place_name_at(view, k, res, definite_ok=False)
            if place is None and norms[k][1:3] == "ال" and view.words[k]:
                # round 13: a definite conjunct of the list (محافظات الكرك والطفيلة، بلدات الطرة والشجرة)
                place = _place_name_at(view, k, res, definite_ok=True)
                place = None if place is None or norms[k][1:] in res.stop or _place_head_reading(norms[k][1:]) is not None else (1, place[1])
            if place is None or place[0] != 1:
                break
    _sector_office_places(view, res, out, found)
    _dateline(view, res, out, found)
    _coordinated_places(view, res, out, found)
    inside: set[str] = set()
    for m in [m for m in out.mentions if m.type == "FAC" and m.kind == "name" and m.last > m.first]:
        place = _place_in_facility(view, m, res)
        k = m.first + 2 if norms[m.first + 1] in _FAC_SERVICE_NOUNS else m.first + 1
        if place is None or out.overlaps(k, place, same_key=None) and any(
                x.type in ("GPE", "LOC", "PER") for j in range(k, place + 1) for x in out.taken.get(j, ())):
            continue
        folded = " ".join(norms[k : place + 1])
        type_ = "LOC" if norms[k] in _LOC_PREFIXES else "GPE"
        _type, key = found.setdefault(folded, (type_, f"{type_}:{folded}"))
        inside.add(folded)
        start, end = view.starts[k], view.ends[place]
        out.add(Mention(start, end, k, place, _type, "name", key, view.text[start:end]))
        if place + 2 <= m.last and norms[place + 1] in _DATELINE_DASHES and not any(
                x.type in ("GPE", "LOC", "PER") for j in range(place + 2, m.last + 1) for x in out.taken.get(j, ())):
            # round 13: the second place of a road named by two (طريق X - Y)
            folded = " ".join(norms[place + 2 : m.last + 1])
            _type, key = found.setdefault(folded, ("GPE", f"GPE:{folded}"))
            inside.add(folded)
            start, end = view.starts[place + 2], view.ends[m.last]
            out.add(Mention(start, end, place + 2, m.last, _type, "name", key, view.text[start:end]))
    if heads_named:
        _place_nominals(view, res, out, heads_named)
    if not found:
        return
    # the same name elsewhere (behind proclitics too): "في عكار"، "وعكار"
    singles = {name: value for name, value in found.items() if " " not in name}
    # round 13 (speed): the words ``stems`` can read as one of the names are searched as forms
    # (``_clitic_forms``, a superset: the readings decide), not by testing every distinct word
    forms = frozenset().union(*(_clitic_forms(name) for name in singles))
    cores = [_clitic_core(name) for name in singles]
    for i in [i for i in view.positions_ending_with(forms, cores) if any(stem in singles for _, stem in stems(norms[i]))]:
        if out.overlaps(i, i):
            cut, stem = next((c, st) for c, st in stems(norms[i]) if st in singles)
            # a place named in a facility's name is a mention inside an organisation's or another
            # facility's name too (سلطة منطقة العقبة الاقتصادية، ميناء العقبة: 1.2)
            if any(x.type not in ("ORG", "FAC") or x.first == i == x.last for x in out.taken.get(i, ())):
                continue
        cut, stem = next((c, st) for c, st in stems(norms[i]) if st in singles)
        type_, key = singles[stem]
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[i], i, i, type_, "name", key, view.text[start:view.ends[i]]))
    # two-word names after a toponymic prefix (ميت غمر، كفر X، عين X) elsewhere: "إلى ميت غمر"
    pairs = {tuple(name.split(" ")): value for name, value in found.items() if name.count(" ") == 1 and name.split(" ")[0] in _PLACE_PREFIXES}
    if pairs:
        firsts = {a for a, _ in pairs}
        first_forms = frozenset().union(*(_clitic_forms(a) for a in firsts))  # round 13 (speed), as above
        first_cores = [_clitic_core(a) for a in firsts]
        for i in [i for i in view.positions_ending_with(first_forms, first_cores) if any(stem in firsts for _, stem in stems(norms[i]))]:
            if i + 1 >= n or out.overlaps(i, i + 1):
                continue
            reading = next(((c, st) for c, st in stems(norms[i]) if (st, norms[i + 1]) in pairs), None)
            if reading is None:
                continue
            cut, stem = reading
            type_, key = pairs[(stem, norms[i + 1])]
            start = view.stripped_start_at(i, cut)
            out.add(Mention(start, view.ends[i + 1], i, i + 1, type_, "name", key, view.text[start:view.ends[i + 1]]))


def _sector_office_places(view: View, res: _Resources, out: _Collector, found: dict[str, tuple[str, str]]) -> None:
    """The unknown place an office serves (``مديرية صحة X``, round 10): a GPE inside the office's
    name (GUIDELINES 1.2), whose other occurrences follow."""
    norms = view.norms
    for i in view.positions(_directorate_reading):
        k = i + 2
        if k >= view.n or norms[i + 1] not in _INDEFINITE_SECTOR_NOUNS:
            continue
        if not any(m.type == "ORG" and m.first <= i and m.last >= k for m in out.taken.get(k, ())):
            continue
        if any(m.type != "ORG" for m in out.taken.get(k, ())):
            continue
        place = _place_name_at(view, k, res, definite_ok=True)
        if place is None or place[0]:
            continue
        last = place[1]
        folded = " ".join(norms[k : last + 1])
        type_, key = found.setdefault(folded, ("GPE", f"GPE:{folded}"))
        start, end = view.starts[k], view.ends[last]
        out.add(Mention(start, end, k, last, type_, "name", key, view.text[start:end]))


#: Nouns of a natural feature whose name follows in construct (وادي X، جبل X، جزيرة X، جبال X):
#: a region without a government, LOC (GUIDELINES.md 1.1); the feature noun is part of the name,
#: as خور/وادي/جبل are in a facility's place (خور العمية).
_NATURAL_HEADS: Final = frozenset(normalize(w) for w in ("وادي", "جبل", "جبال", "جزيرة", "جزر", "صحراء", "هضبة", "بحيرة",
                                                          # round 18: a plain and a meadow (سهل عقربا، مرج بيتا)
                                                          "سهل", "مرج"))
#: Descriptive adjectives after a feature noun, never its name (جبل شاهق، جزيرة صغيرة).
_NATURAL_ADJECTIVES: Final = frozenset(normalize(w) for w in (
    "صغير", "صغيرة", "كبير", "كبيرة", "شاهق", "شاهقة", "مرتفع", "مرتفعة", "قريب", "قريبة", "بعيد", "بعيدة",
    "واسع", "واسعة", "جديد", "جديدة", "وعر", "وعرة", "سحيق", "قاحلة", "نائية", "نائي", "مهجورة", "مهجور",
    "خصبة", "خصب", "عميق", "عميقة", "ضيق", "ضيقة", "صخري", "صخرية", "رملية", "بركاني", "بركانية",
))


@lru_cache(maxsize=1 << 16)
def _natural_head_reading(norm: str) -> tuple[int, str] | None:
    return next(((cut, stem) for cut, stem in stems(norm) if stem in _NATURAL_HEADS), None)


def _natural_place_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A natural feature named in construct (round 9): ``وادي X``، ``جبل X``، ``جزيرة X`` + a
    definite word or a name word is a LOC name with its feature noun (proclitics outside); not a
    descriptive adjective (جبل شاهق), a function word, a number, a nisba or a known mention, and not
    a definite feature noun (الوادي is a nominal, not this pattern)."""
    norms, n = view.norms, view.n
    for i in view.positions(_natural_head_reading):
        k = i + 1
        if k >= n or not view.words[k] or view.paragraphs[k] != view.paragraphs[i] or out.overlaps(i, k):
            continue
        norm = norms[k]
        if (norm in res.stop or norm.isdecimal() or len(norm) < 3 or norm in _NATURAL_ADJECTIVES or norm in _NAME_BREAKERS
                or norm.endswith(_NISBA_ENDINGS) or (norm,) in res.titles or _head_reading(norm) is not None):
            continue
        if not view.definite(k) and not _is_name_token(view, k, res):
            continue
        cut, _stem = _natural_head_reading(norms[i])  # type: ignore[misc]
        if _stem in _LOWLAND_HEADS and view.definite(k) and not _preceded_by_locative(view, i, cut, res):
            continue  # round 18: سهل التنفيذ (easy to do), a definite complement only after في/إلى/ب (في سهل البقاع)
        start, end = view.stripped_start_at(i, cut), view.ends[k]
        folded = norms[i][cut:] + " " + norm
        out.add(Mention(start, end, i, k, "LOC", "name", f"LOC:{folded}", view.text[start:end]))


#: Round 18: سهل is also "easy" and مرج rare: a definite word after them is a name only in a place's slot.
_LOWLAND_HEADS: Final = frozenset(normalize(w) for w in ("سهل", "مرج"))
#: Round 18: the definite feature noun (الوادي، الجبل، السهل) as the nominal of the one feature of its
#: kind named before it (وادي تبن ... مجرى الوادي), as the dev gold annotates it (GUIDELINES 1.4).
_FEATURE_NOMINALS: Final = {normalize("ال" + w): normalize(w) for w in ("وادي", "جبل", "سهل")}
_FEATURE_NOMINAL_FORMS: Final = frozenset(p + f for f in _FEATURE_NOMINALS for p in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب"))


def _feature_nominal_pass(view: View, out: _Collector) -> None:
    """``الوادي`` after exactly one ``وادي X`` named before it in the document: its nominal mention.
    Not when a definite word or a mention follows (الوادي الجديد is another phrase)."""
    norms, n = view.norms, view.n
    named: dict[str, list[Mention]] = {}
    for m in out.mentions:
        if m.type == "LOC" and m.kind == "name" and m.last > m.first:
            head = norms[m.first]
            for cut in (0, 1, 2):
                if head[cut:] in _FEATURE_NOMINALS.values():
                    named.setdefault(head[cut:], []).append(m)
                    break
    if not named:
        return
    for i in view.positions_of(_FEATURE_NOMINAL_FORMS):
        if out.overlaps(i, i) or i + 1 < n and view.words[i + 1] and view.paragraphs[i + 1] == view.paragraphs[i] and (
                view.definite(i + 1) or out.overlaps(i + 1, i + 1)):
            continue
        norm = norms[i]
        cut = next(c for c in (0, 1, 2) if norm[c:] in _FEATURE_NOMINALS)
        before = [m for m in named.get(_FEATURE_NOMINALS[norm[cut:]], ()) if m.last < i]
        if len({m.key for m in before}) != 1:
            continue
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[i], i, i, "LOC", "nominal", before[-1].key, view.text[start:view.ends[i]]))


#: Heads of the local offices and companies whose name carries their place (مديرية X بالجيزة،
#: شركة مياه X بالجيزة، دائرة X بنينوى); not a club or a national body.
_LOCAL_BODY_HEADS: Final = frozenset(normalize(w) for w in ("مديرية", "إدارة", "دائرة", "شركة", "مكتب", "فرع", "مؤسسة"))


#: A council's local adjectives (المجلس البلدي، المجلس الجهوي) and the chamber and association
#: heads: bodies of one town or region, named with the place they serve.
_LOCAL_COUNCIL_ADJECTIVES: Final = frozenset(normalize(w) for w in ("البلدي", "الجهوي", "المحلي", "الإقليمي", "الولائي"))
_LOCAL_CHAMBER_HEADS: Final = frozenset(normalize(w) for w in ("غرفة", "جمعية"))
#: normalised once, not at every call of _local_council (once per stem of every organisation)
_COUNCIL_HEAD: Final = normalize("المجلس")
_QAD: Final = normalize("قد")


def _local_council(view: View, m: Mention) -> bool:
    """Is the organisation a local council or chamber (``المجلس البلدي``، ``غرفة التجارة``)?"""
    norms = view.norms
    if any(stem in _LOCAL_CHAMBER_HEADS for _, stem in stems(norms[m.first])):
        return True
    return any(stem == _COUNCIL_HEAD for _, stem in stems(norms[m.first])) and norms[m.first + 1] in _LOCAL_COUNCIL_ADJECTIVES


def _local_body_place_pass(view: View, out: _Collector) -> None:
    """An organisation's name continues with ب + a city or local place the story names
    (round 9; A-D110: a local body keeps its place, the place nested): ``مديرية الإسكان بسوهاج``
    where سوهاج is known only from this story (a dateline, ``محافظة سوهاج``); the gazetteer's cities
    are already taken by ``_lam_complement_end``. Not a state (وزارة الصحة بمصر)."""
    norms, n = view.norms, view.n
    for m in [m for m in out.mentions if m.type == "ORG" and m.kind == "name" and m.last > m.first]:
        council = _local_council(view, m)
        if not council and not any(stem in _LOCAL_BODY_HEADS for _, stem in stems(norms[m.first])):
            continue
        j = m.last + 1
        # a local council or chamber takes ل + its place too (المجلس البلدي لX، غرفة التجارة لX; round 11)
        if j >= n or norms[j][:1] not in (("ب", "ل") if council else ("ب",)) or norms[j].startswith("لل") \
                or view.paragraphs[j] != view.paragraphs[m.last] or not view.words[j]:
            continue
        place = next((x for x in out.taken.get(j, ()) if x.type == "GPE" and x.kind == "name" and x.first == j == x.last
                      and (":city:" in x.key or not x.key[4:].isascii())), None)
        if place is None or any(x.type == "ORG" for x in out.taken.get(j, ())):
            continue
        out.mentions.remove(m)
        for k in range(m.first, m.last + 1):
            out.taken[k].remove(m)
        out.add(m._replace(end=view.ends[j], last=j, name=view.text[m.start : view.ends[j]]))


#: Marker head of a reporter's place in ``_local_place_pass`` (no administrative noun).
_REPORTER_PLACE: Final = "@reporter"
#: Words after which a reporter's place name ends (مراسلنا في X، صباح اليوم، بأن ...).
_REPORTER_PLACE_ENDS: Final = frozenset(normalize(w) for w in (
    "بأن", "أن", "إن", "أمس", "اليوم", "صباح", "مساء", "ظهر", "عصر", "فجر", "ليلة", "الليلة", "يوم", "عن", "نقلا",
))
#: Tokens a reporter's noun phrase may run over before its في (the outlet: مراسل قناة «X» الفضائية في).
_REPORTER_WINDOW: Final = 7


def _reporter_places(view: View, res: _Resources, out: _Collector) -> list[int]:
    """Positions of the في that gives a reporter's place (round 9): ``مراسلنا في X``، ``مراسل
    قناة «X» في Y``، ``مراسلة الإذاعة في Y``: where the outlet's reporter files from is a place, named
    right after في (GUIDELINES.md 1.1: a town or city, GPE). The في must come within a few tokens of
    the reporter's noun, in its sentence, before any comma."""
    norms, n, sentences = view.norms, view.n, view.sentences
    hits: list[int] = []
    fi = _FI
    for r in view.positions(_reporter_reading):
        for j in range(r + 1, min(n, r + 1 + _REPORTER_WINDOW)):
            if sentences[j] != sentences[r] or norms[j] in ("،", ",", ".", ":"):
                break
            if norms[j] == fi:
                hits.append(j)
                break
    return hits


_FI: Final = normalize("في")


def _reporter_place_at(view: View, k: int, res: _Resources) -> tuple[int, int] | None:
    """(0, last token) of the place after a reporter's في at token ``k``: one word, or an
    indefinite word + one more (قصر X), closed by punctuation, a complementizer or a time word;
    never a function word, a number, a title, a head noun (المدينة، العاصمة) or a time noun."""
    norms, n = view.norms, view.n
    if k >= n or not view.words[k] or view.sentences[k] != view.sentences[k - 1]:
        return None
    for last in (k, k + 1):
        if last >= n or not view.words[last] or view.sentences[last] != view.sentences[k]:
            return None
        norm = norms[last]
        if (norm in res.stop or norm.isdecimal() or len(norm) < 3 or (norm,) in res.titles or norm in _NAME_BREAKERS
                or norm in _REPORTER_PLACE_ENDS or _definite_org_head(norm) is not None or _head_reading(norm) is not None
                or _place_head_reading(norm) is not None or _definite_place_head(norm) is not None or _home_state_reading(norm)
                or (norm.startswith("ال") and norm[2:] in _TIME_HEADS) or _definite_fac_head(norm) is not None
                or (norm,) in _month_words() or _weekday_of(norm) is not None):
            return None
        after = last + 1
        if after >= n or not view.words[after] or norms[after] in _REPORTER_PLACE_ENDS:
            return 0, last
        if last == k and view.definite(k):
            return None  # a definite word goes on (في المستشفى الجديد): no place name
    return None


@lru_cache(maxsize=1)
def _month_words() -> frozenset[tuple[str, ...]]:
    """Every month name of every series (a month is never a reporter's place: في أكتوبر)."""
    from naba.baselines.rules.timex import month_names
    return frozenset(month_names())


def _weekday_of(norm: str) -> int | None:
    from naba.baselines.rules.timex import weekday_of
    return weekday_of(norm)


#: Time nouns that are never a place (في الوقت، في الأثناء).
_TIME_HEADS: Final = frozenset(normalize(w) for w in ("وقت", "أثناء", "غضون", "ساعة", "يوم", "أسبوع", "شهر", "عام", "سنة", "فترة", "مرة"))


#: The dash of a dateline (سطيف - رفضت ...، المنصورة – قررت ...).
_DATELINE_DASHES: Final = ("-", "–", "—")


def _dateline(view: View, res: _Resources, out: _Collector, found: dict[str, tuple[str, str]]) -> None:
    """The dateline of a news story: one to three words opening one of the first paragraphs and
    followed by a dash (``المنصورة - قررت اللجنة``) name the place the story is filed from, a GPE
    (GUIDELINES.md 1.1); its other occurrences follow through the place propagation. Not a word
    already read as something else, a title, a function word or a number."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    # the first tokens of paragraphs 0, 1 and 2 (paragraphs are numbered without gaps), found by
    # bisection: the walk over every token of the first paragraphs was most of this pass
    openers = sorted({k for k in (bisect.bisect_left(paragraphs, p) for p in range(3)) if k < n})
    for i in openers:
        if not view.words[i]:
            continue
        last = i
        while last + 1 < n and last - i < 2 and view.words[last + 1] and paragraphs[last + 1] == paragraphs[i]:
            last += 1
            if last + 1 < n and norms[last + 1] in _DATELINE_DASHES + (_AGENCY_OPEN,):
                break
        dash = last + 1
        if dash < n and norms[dash] == _AGENCY_OPEN:
            # round 19: the agency in parentheses between the place and the dash: القيروان (وات) -
            close = next((k for k in range(dash + 1, min(n, dash + 2 + _AGENCY_TOKENS)) if not view.words[k]), None)
            dash = close + 1 if close is not None and norms[close] == _AGENCY_CLOSE and close > dash + 1 else n
        if dash >= n or norms[dash] not in _DATELINE_DASHES or paragraphs[dash] != paragraphs[i]:
            continue
        if dash + 1 >= n or paragraphs[dash + 1] != paragraphs[i] or not view.words[dash + 1]:
            continue  # a dash and then a sentence: the story's text
        if out.overlaps(i, last) or any(
                norms[k] in res.stop or norms[k].isdecimal() or (norms[k],) in res.titles or _head_reading(norms[k]) is not None
                for k in range(i, last + 1)):
            continue
        folded = " ".join(norms[i : last + 1])
        type_, key = found.setdefault(folded, ("GPE", f"GPE:{folded}"))
        start, end = view.starts[i], view.ends[last]
        out.add(Mention(start, end, i, last, type_, "name", key, view.text[start:end]))


#: Round 19: a place name read after its unit noun is one or two words; where the same definite word
#: follows it at least this many times in the document, the name is the longer one.
_TWO_WORD_EVIDENCE: Final = 2


def _two_word_places(view: View, res: _Resources, out: _Collector) -> None:
    """Round 19: an unknown place name of the local passes that the document writes with the same
    definite word after it at least twice and in most of its mentions (``بصرى الشام``، ``حاجب العيون``،
    ``بني حسن الشروق``) is a name of one more word there: a town's name is what the text calls it, and an
    adjective or a genitive of the sentence does not repeat after most mentions. The unit noun's own
    adjectives and time, function and title words are not read."""
    norms, n = view.norms, view.n
    by_key: dict[str, list[Mention]] = {}
    for m in out.mentions:
        if m.type in ("GPE", "LOC") and m.kind == "name" and not m.nisba and m.last - m.first <= 1 and (
                tuple(norms[m.first : m.last + 1]) not in res.places):
            by_key.setdefault(m.key, []).append(m)
    for key, ms in by_key.items():
        ms = [m for m in ms if m.last + 1 < n and view.words[m.last + 1] and view.paragraphs[m.last + 1] == view.paragraphs[m.last]] \
            + [m for m in ms if not (m.last + 1 < n and view.words[m.last + 1] and view.paragraphs[m.last + 1] == view.paragraphs[m.last])]
        nexts = [m.last + 1 if m.last + 1 < n else m.last for m in ms]
        counts: dict[str, int] = {}
        for k in nexts:
            counts[norms[k]] = counts.get(norms[k], 0) + 1
        word, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if count < _TWO_WORD_EVIDENCE or 2 * count <= len(ms):
            continue  # the longer name needs two occurrences and most of the mentions
        k0 = next(k for k in nexts if norms[k] == word)
        if (not view.definite(k0) or _is_stop(view, k0, res) or word in _NOT_FAMILY_NAMES or (word,) in res.titles
                or _definite_org_head(word) is not None or _definite_place_head(word) is not None
                or _head_reading(word) is not None or ((word,) in res.places and res.gazetteer[(word,)].nisba)):
            continue
        for m, k in zip(ms, nexts):
            if norms[k] != word or k == m.last:
                continue  # a mention written without the word keeps its one-word name
            for x in [x for x in out.taken.get(k, ()) if x.first == k == x.last]:
                out.remove(x)  # a reading of the second word alone (الشام as a place) gives way
            if any(x.first <= k <= x.last for x in out.taken.get(k, ())):
                continue
            out.remove(m)
            name = view.text[m.start : view.ends[k]]
            out.add(Mention(m.start, view.ends[k], m.first, k, m.type, "name", f"{key} {word}", name))


#: Round 19: at most this many words name the agency of a dateline (سانا، أ ش أ).
_AGENCY_TOKENS: Final = 3
_AGENCY_OPEN: Final = "("
_AGENCY_CLOSE: Final = ")"
_AGENCY_COLON: Final = ":"


def _dateline_agency_pass(view: View, res: _Resources, out: _Collector) -> None:
    """Round 19: the news agency of a dateline, the words after the place and before its colon
    (``درعا- سانا: أكد``، ``الدوحة - قنا:``) or in parentheses after the place (``القيروان (وات) -``,
    ``عمان (بترا)-``): an organisation (GUIDELINES 1.1: a news outlet), whose other occurrences
    (``لسانا``، ``مراسلة وات``) follow through the name propagation. Only where a place opens one of the
    first paragraphs and the agency's words are no function word, number, title or place."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    openers = sorted({k for k in (bisect.bisect_left(paragraphs, p) for p in range(3)) if k < n})
    for i in openers:
        place = next((m for m in out.taken.get(i, ()) if m.first == i and m.type in ("GPE", "LOC") and m.kind == "name"), None)
        if place is None:
            continue
        k = place.last + 1
        if k >= n or paragraphs[k] != paragraphs[i]:
            continue
        if norms[k] in _DATELINE_DASHES:
            first, closer = k + 1, _AGENCY_COLON
        elif norms[k] == _AGENCY_OPEN:
            first, closer = k + 1, _AGENCY_CLOSE
        else:
            continue
        last = first
        while last < n and last - first < _AGENCY_TOKENS and view.words[last] and paragraphs[last] == paragraphs[i]:
            last += 1
        if last == first or last >= n or norms[last] != closer or paragraphs[last] != paragraphs[i]:
            continue
        if closer == _AGENCY_CLOSE and not (last + 1 < n and norms[last + 1] in _DATELINE_DASHES):
            continue  # a place in parentheses after the dateline is no agency: (سوريا) -
        if any(_is_stop(view, k2, res) or norms[k2].isdecimal() or (norms[k2],) in res.titles or (norms[k2],) in res.places
               for k2 in range(first, last)) or out.overlaps(first, last - 1):
            continue
        start, end = view.starts[first], view.ends[last - 1]
        key = f"ORG:{' '.join(norms[first:last])}"
        out.add(Mention(start, end, first, last - 1, "ORG", "name", key, view.text[start:end]))
        if last - first == 1:  # the agency's other occurrences, behind proclitics too (لسانا، مراسلة وات)
            agency = norms[first]
            for k2 in view.positions_ending_with(_clitic_forms(agency), [_clitic_core(agency)]):
                cut = next((c for c, stem in stems(norms[k2]) if stem == agency), None)
                if k2 == first or cut is None or out.overlaps(k2, k2):
                    continue
                start = view.stripped_start_at(k2, cut)
                out.add(Mention(start, view.ends[k2], k2, k2, "ORG", "name", key, view.text[start:view.ends[k2]]))


#: Endings of a possessive pronoun: a conjunct with one is a noun of the sentence (دمشق وريفها).
_PRONOUN_ENDINGS: Final = ("ها", "هم", "هما", "هن")


def _coordinated_places(view: View, res: _Resources, out: _Collector, found: dict[str, tuple[str, str]]) -> None:
    """Unknown places coordinated with a known one (``للبصرة وميسان وذي قار``، ``بيروت وزغرتا``): an
    indefinite name word (or a toponymic prefix + a word) behind و right after a place name, closed
    by punctuation, another conjunct, a preposition or a time noun, takes the known place's type
    (GUIDELINES.md 1.1). Not a definite word (حلب والمحافظات), a possessive (دمشق وريفها), a common
    given name or a word already read."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    for m in [m for m in out.mentions if m.type in ("GPE", "LOC") and m.kind == "name" and not m.nisba]:
        k = m.last + 1
        added: list[tuple[int, int, int]] = []
        while k < n and paragraphs[k] == paragraphs[m.last] and norms[k][:1] == "و" and not out.overlaps(k, k):
            place = _place_name_at(view, k, res, definite_ok=False)
            if place is None or place[0] != 1:
                break
            _, last = place
            stem = norms[k][1:]
            if stem.endswith(_PRONOUN_ENDINGS) or stem in res.given_names or out.overlaps(k, last):
                break
            added.append((k, last, 1))
            k = last + 1
        if not added:
            continue
        after = k
        if after < n and paragraphs[after] == paragraphs[m.last] and view.words[after] and not (
                norms[after] in res.locatives or norms[after] in _NAME_BREAKERS or norms[after] in ("علي", "عن", "مع", "بين")):
            continue  # the last conjunct goes on into a phrase: not a list of names
        for first, last, cut in added:
            folded = " ".join([norms[first][cut:]] + norms[first + 1 : last + 1])
            type_, key = found.setdefault(folded, (m.type, f"{m.type}:{folded}"))
            start, end = view.stripped_start_at(first, cut), view.ends[last]
            out.add(Mention(start, end, first, last, type_, "name", key, view.text[start:end]))


#: Facility heads whose name is, in news, almost always the place the facility is in (ميناء
#: العقبة، مطار بنينا الدولي، مستشفى الجهراء، مصفاة الشعيبة، محطة الهارثة الحرارية، صالة البديع
#: الرياضية، مدرسة الحوامدية الثانوية): the name word is a place mention (GUIDELINES.md 1.2).
#: Not حقل، مصنع، استاد، مصحة، كوبري، شارع, named after anything. محطة، صالة، مدرسة only with a
#: definite name word (محطة مياه، محطة وقود are kinds of station).
_PLACE_NAMED_FAC: Final = frozenset(normalize(w) for w in ("مطار", "ميناء", "مرفأ", "مستشفى", "مصفاة"))
_PLACE_NAMED_FAC_DEFINITE: Final = frozenset(normalize(w) for w in ("محطة", "صالة", "مدرسة"))
_ROAD_HEAD: Final = normalize("طريق")
_AN: Final = normalize("عن")


def _road_end(view: View, last: int, res: _Resources) -> int:
    """Last token of a road's name whose first place ends at ``last`` (round 13): a road between two
    places is named by both, joined by a dash (طريق X - Y, the places nested, GUIDELINES 1.2)."""
    norms, n = view.norms, view.n
    j = last + 1
    if j + 1 < n and norms[j] in _DATELINE_DASHES and view.paragraphs[j + 1] == view.paragraphs[last]:
        place = _place_name_at(view, j + 1, res, definite_ok=True)
        if place is not None and place[0] == 0:
            return place[1]
    return last


#: Heads and adjectives of a health centre's name (مركز X الصحي، مجمع X الطبي: round 13).
_HEALTH_CENTRE_HEADS: Final = frozenset(normalize(w) for w in ("مركز", "مجمع"))
_COMPLEX_HEAD: Final = normalize("مجمع")
_HEALTH_ADJECTIVES: Final = frozenset(normalize(w) for w in ("الصحي", "الطبي"))
#: Round 13: facility heads whose indefinite name word is, in local news, the town or village they
#: serve (ملعب X الدولي، سوق X الأسبوعي، مدرسة X الأساسية، محطة X لضخ المياه، معبر X الحدودي، سد X):
#: an indefinite word cannot be an adjective of the head there; one of two indefinite name words is
#: a person's name (ملعب X Y) and is left alone.
_PLACE_NAMED_FAC_INDEFINITE: Final = frozenset(normalize(w) for w in ("ملعب", "استاد", "سوق", "مدرسة", "محطة", "معبر", "سد", "مركز", "مجمع", "طريق",
                                                                      # round 15: a checkpoint, a reservoir, a depot (حاجز X، خزان X، مستودع X)
                                                                      "حاجز", "خزان", "مستودع"))


#: Round 15: compass nouns after a place (حاجز X جنوب Y، معبر X شمال Y): a direction from it, never a
#: person's second name (GUIDELINES 1.1 lists them as no mentions).
_COMPASS_WORDS: Final = frozenset(normalize(w) for w in (
    "جنوب", "شمال", "شرق", "غرب", "جنوبي", "شمالي", "شرقي", "غربي", "وسط", "جنوبيّ", "شماليّ",
))


def _second_name_word(view: View, j: int, res: _Resources) -> bool:
    """Token ``j`` is a second indefinite name word of the paragraph (a person's name ملعب X Y)."""
    return (j < view.n and view.words[j] and view.paragraphs[j] == view.paragraphs[j - 1] and not view.definite(j)
            and view.norms[j] not in _COMPASS_WORDS
            and _is_name_token(view, j, res) and view.norms[j] not in res.stop and _head_reading(view.norms[j]) is None)


#: Words that name facilities without being places: virtues, hopes and honorifics (مستشفى
#: السلام، مدرسة الأمل، مستشفى الشفاء).
_FAC_NAME_WORDS: Final = frozenset(normalize(w) for w in (
    "السلام", "الأمل", "النور", "الشفاء", "الرحمة", "الحياة", "الفجر", "النخيل", "الحرية", "الاستقلال",
    "الوحدة", "الشهداء", "الشهيد", "النصر", "الأمان", "التحرير", "الثورة", "الهلال", "المستقبل", "الصداقة",
    "الجامعة", "الجامعي", "العام", "التخصصي", "الدولي", "الجديد", "الجديدة", "الكبير", "المركزي", "الوطني",
    "الرئيسي", "الخاص", "العسكري", "الميداني", "الأهلي", "الإسلامي", "المدينة", "الملك", "الأمير", "الشيخ",
))
_LOC_PREFIXES: Final = frozenset(normalize(w) for w in ("خور", "وادي", "جبل", "شط"))


def _place_in_facility(view: View, m: Mention, res: _Resources) -> int | None:
    """Last token of the place named right after the head of facility ``m`` (one word, or two
    after a prefix: أم قصر), or None when the head is not one named after places, the word is a
    nisba adjective, a common naming word, a known name of something else or a function word."""
    norms = view.norms
    reading = _head_reading(norms[m.first])
    if reading is None:
        return None
    head = reading[1]
    k = m.first + 1
    if norms[k] in _FAC_SERVICE_NOUNS and k + 1 <= m.last:
        k += 1  # round 9: the place after a service noun (محطة مياه X، محطة ماء X), whatever the head
    elif head not in _PLACE_NAMED_FAC and not (head in _PLACE_NAMED_FAC_DEFINITE and view.definite(k)) and not (
            head in _PLACE_NAMED_FAC_INDEFINITE and not view.definite(k)
            and not (_second_name_word(view, k + 1, res) and norms[k] not in _PLACE_PREFIXES)):  # round 15: خزان تل X
        return None
    norm = norms[k]
    if norm in _FAC_NAME_HONORIFICS or norm in lx.NAME_JOINERS or norm in _NUMBER_WORDS:
        return None  # a person's name (ملعب الشهيد X، ملعب بن X); a number (طريق رقم 7, round 15)
    if (norm in _PLACE_PREFIXES or norm in _NAME_PREFIXES) and k + 1 <= m.last:
        return k + 1  # بني X، عين X، أم X (before the nisba and length tests: بني ends like one, أم is short)
    if view.definite(k) and norm.endswith("ات") and (norm,) not in res.places:
        return None  # round 15: a definite plural names what the facility handles (محطة الحاويات), no town
    if k + 1 <= m.last and (not view.definite(k) and norms[k + 1] in _FAC_LINEAGE_JOINERS or _fac_person_pair(view, k, res)):
        return None  # round 15: a person's name (ميناء X بن Y، مطار X Y الدولي)
    if (norm.endswith(_NISBA_ENDINGS) and _definite_adjective_follows(view, k) and norm not in _FAC_NAME_WORDS
            and (not view.definite(k) or norm.endswith("يه"))):
        pass  # round 13: a place ending like a nisba before the facility's adjective (مستشفى X-ية الحكومي,
        # مدرسة الX-ية الثانوية; a definite -ي word there is a family name: مستشفى الX-ي التعليمي)
    elif norm in _FAC_NAME_WORDS or norm in res.stop or norm.endswith(_NISBA_ENDINGS) or len(norm) < 3:
        return None
    if (norm,) in res.titles or _given_name_reading(norm) or _definite_org_head(norm) is not None:
        return None
    return k


#: A sports club is named after نادي (نادي الشراع، لنادي X): the class noun stays outside (1.2),
#: the club is then named by the bare word alone (الشراع، للشراع) and referred to as النادي.
_CLUB_HEAD: Final = normalize("نادي")
_DEFINITE_CLUB_HEADS: Final = frozenset(normalize(w) for w in ("النادي", "للنادي", "والنادي", "بالنادي", "فالنادي"))


#: Round 15: in a sports story the team noun heads a club's name too (فريق الزاب، لفريق X الرياضي),
#: the class noun outside as after نادي (1.2); elsewhere فريق X is a working party (فريق العمل).
_TEAM_HEAD: Final = normalize("فريق")
#: Words of a match that make a story a sports story, where فريق X names a club.
_SPORT_WORDS: Final = frozenset(normalize(w) for w in (
    "مباراة", "المباراة", "مباراته", "مباريات", "الدوري", "ملعب", "الملعب", "المدرب", "مدرب", "الجولة", "البطولة",
))


@lru_cache(maxsize=1 << 16)
def _club_head_reading(norm: str) -> bool:
    return any(stem == _CLUB_HEAD or stem == _TEAM_HEAD for _, stem in stems(norm))


#: Round 15: a match and its opponent (مباراة الفريق أمام X، فوزه على X، النهائي أمام X): in a sports
#: story the definite word after أمام within three words of a match noun is the opposing club.
_VERSUS_FORMS: Final = frozenset(normalize(w) for w in ("أمام",))
_MATCH_NOUNS: Final = frozenset(normalize(w) for w in (
    "مباراة", "المباراة", "مباراته", "مباراتها", "مواجهة", "المواجهة", "النهائي", "نهائي", "لقاء", "اللقاء",
))


def _opponent_clubs(view: View, res: _Resources, out: _Collector, clubs: dict[str, str]) -> set[str]:
    """Add the club named as the opponent of a match (``مباراة الفريق أمام X``) to ``clubs`` (one
    word, with an adjective that is no state's nisba: النجم الأولمبي, not القطري) and as a mention;
    return the keys of the clubs known only as opponents: the story's النادي and الفريق are its own
    club, never the opponent."""
    norms, n = view.norms, view.n
    opponents: set[str] = set()
    for i in view.positions_of(_VERSUS_FORMS):
        k = i + 1
        if k >= n or view.paragraphs[k] != view.paragraphs[i] or not any(
                any(stem in _MATCH_NOUNS for _, stem in stems(norms[j])) for j in range(max(0, i - 3), i)
                if view.paragraphs[j] == view.paragraphs[i]):
            continue
        if (not _is_org_complement(view, k, res) or out.overlaps(k, k) or (norms[k],) in res.places or (norms[k],) in res.titles
                or _definite_org_head(norms[k]) is not None or _definite_place_head(norms[k]) is not None
                or _club_head_reading(norms[k]) or norms[k] in _TEAM_FORMS or norms[k] in _FAC_NAME_WORDS):
            continue
        last = k
        if (k + 1 < n and view.paragraphs[k + 1] == view.paragraphs[k] and _is_org_complement(view, k + 1, res)
                and norms[k + 1].endswith(_NISBA_ENDINGS) and not out.overlaps(k + 1, k + 1) and (norms[k + 1],) not in res.places):
            last = k + 1
        if norms[k] not in clubs:
            opponents.add(clubs.setdefault(norms[k], f"ORG:club:{' '.join(norms[k : last + 1])}"))
        start, end = view.starts[k], view.ends[last]
        out.add(Mention(start, end, k, last, "ORG", "name", clubs[norms[k]], view.text[start:end]))
    return opponents


def _club_pass(view: View, res: _Resources, out: _Collector) -> None:
    """Clubs named after نادي + a definite word (a place or nisba of a state is no club name), a
    definite adjective that is no state's nisba kept with it (نادي الأمل الرياضي); then every other
    occurrence of the name (behind proclitics too: للشراع، والصقور) and the bare النادي (no name
    or complement after it) as the nominal of the latest club mentioned before it (1.4)."""
    norms, n = view.norms, view.n
    clubs: dict[str, str] = {}  # folded one-word name -> key
    pairs: dict[tuple[str, str], str] = {}  # round 13: two-word names (شباب X) -> key
    sport: bool | None = None  # round 15: is this a sports story (asked once, at the first فريق)?
    for i in view.positions(_club_head_reading):
        k = i + 1
        if not any(stem == _CLUB_HEAD for _, stem in stems(norms[i])):
            if sport is None:
                sport = bool(view.positions_of(_SPORT_WORDS))
            if not sport:
                continue
        if (k + 1 < n and view.paragraphs[k + 1] == view.paragraphs[i] and view.words[k] and not view.definite(k)
                and norms[k] not in res.stop and len(norms[k]) > 2 and (norms[k],) not in res.titles and (norms[k],) not in res.places
                and _head_reading(norms[k]) is None and _is_name_token(view, k, res) and _is_org_complement(view, k + 1, res)
                and not norms[k + 1].endswith(_NISBA_ENDINGS) and not out.overlaps(k, k)):
            # round 13: نادي شباب X، نادي اتحاد X: an indefinite noun in construct with a definite
            # one is the club's name, the class noun outside (1.2)
            key = pairs.setdefault((norms[k], norms[k + 1]), f"ORG:club:{norms[k]} {norms[k + 1]}")
            start, end = view.starts[k], view.ends[k + 1]
            out.add(Mention(start, end, k, k + 1, "ORG", "name", key, view.text[start:end]))
            continue
        if (k >= n or view.paragraphs[k] != view.paragraphs[i] or not _is_org_complement(view, k, res)
                or out.overlaps(k, k) or (norms[k],) in res.places or (norms[k],) in res.titles
                or _definite_org_head(norms[k]) is not None or _definite_place_head(norms[k]) is not None):
            continue
        last = k
        if (k + 1 < n and view.paragraphs[k + 1] == view.paragraphs[k] and _is_org_complement(view, k + 1, res)
                and norms[k + 1].endswith(_NISBA_ENDINGS) and (norms[k + 1],) not in res.places):
            last = k + 1
        key = clubs.setdefault(norms[k], f"ORG:club:{' '.join(norms[k : last + 1])}")
        start, end = view.starts[k], view.ends[last]
        out.add(Mention(start, end, k, last, "ORG", "name", key, view.text[start:end]))
    if sport is None and view.positions_of(_VERSUS_FORMS):
        sport = bool(view.positions_of(_SPORT_WORDS))
    opponents = _opponent_clubs(view, res, out, clubs) if sport else set()
    if pairs:
        firsts = {a for a, _ in pairs}
        for i in view.positions(lambda norm: any(stem in firsts for _, stem in stems(norm))):
            if i + 1 >= n or out.overlaps(i, i + 1) or view.paragraphs[i + 1] != view.paragraphs[i]:
                continue
            reading = next(((c, st) for c, st in stems(norms[i]) if (st, norms[i + 1]) in pairs), None)
            if reading is not None:
                start = view.stripped_start_at(i, reading[0])
                out.add(Mention(start, view.ends[i + 1], i, i + 1, "ORG", "name", pairs[(reading[1], norms[i + 1])],
                                view.text[start:view.ends[i + 1]]))
    if not clubs and not pairs:
        return
    for i in view.positions(lambda norm: any(stem in clubs for _, stem in stems(norm))):
        if out.overlaps(i, i):
            continue
        cut, stem = next((c, st) for c, st in stems(norms[i]) if st in clubs)
        start = view.stripped_start_at(i, cut)
        last = i
        words = clubs[stem][len("ORG:club:"):].split(" ")
        if (len(words) == 2 and i + 1 < n and norms[i + 1] == words[1] and view.paragraphs[i + 1] == view.paragraphs[i]
                and not out.overlaps(i + 1, i + 1)):
            last = i + 1  # round 15: the name found again with its adjective (الأمل الرياضي in a headline)
        out.add(Mention(start, view.ends[last], i, last, "ORG", "name", clubs[stem], view.text[start:view.ends[last]]))
    mentioned = sorted((m.first, m.key, m.name) for m in out.mentions if m.key.startswith("ORG:club:") and m.key not in opponents)
    for i in view.positions_of(_DEFINITE_CLUB_HEADS):
        if out.overlaps(i, i) or (i + 1 < n and view.paragraphs[i + 1] == view.paragraphs[i]
                                  and (_is_org_complement(view, i + 1, res) or _is_name_token(view, i + 1, res))):
            continue
        before = [(key, name) for pos, key, name in mentioned if pos < i]
        if not before:
            continue
        key, name = before[-1]
        cut = 2 if norms[i].startswith("لل") else len(norms[i]) - len(normalize("النادي"))  # as _definite_org_head
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[i], i, i, "ORG", "nominal", key, name))
    _team_nominals(view, res, out, mentioned)


#: In a story with a club, "the team" is the club: الفريق (its nisba kept: الفريق القطري), and
#: the club noun with a possessive pronoun (فريقه، ناديه: the noun is the mention, 0 and 1.4).
_TEAM_FORMS: Final = frozenset(normalize(w) for w in ("الفريق", "للفريق", "والفريق", "بالفريق", "فالفريق"))
_TEAM_STEMS: Final = frozenset(normalize(w) for w in ("فريق", "نادي"))
_POSSESSIVES: Final = ("هما", "هم", "ها", "ه")
#: Words after الفريق that make it the military rank (الفريق أول، الفريق ركن).
_RANK_WORDS: Final = frozenset(normalize(w) for w in ("أول", "ركن", "اول"))


@lru_cache(maxsize=1 << 16)
def _team_possessive(norm: str) -> int | None:
    """Length of the noun when a reading of the word is فريق/نادي + a possessive pronoun (the
    proclitics kept in the count: وفريقه -> 5), else None."""
    for cut, stem in stems(norm):
        for suffix in _POSSESSIVES:
            if stem.endswith(suffix) and stem[: -len(suffix)] in _TEAM_STEMS:
                return cut + len(stem) - len(suffix)
    return None


def _team_nominals(view: View, res: _Resources, out: _Collector, mentioned: list[tuple[int, str, str]]) -> None:
    norms, n = view.norms, view.n
    for i in sorted(view.positions_of(_TEAM_FORMS) + view.positions(_team_possessive)):
        before = [(key, name) for pos, key, name in mentioned if pos < i]
        if not before or out.overlaps(i, i, same_key=before[-1][0]):
            continue
        key, name = before[-1]
        last = i
        stem_len = _team_possessive(norms[i])
        if stem_len is None:
            nxt = i + 1 if i + 1 < n and view.paragraphs[i + 1] == view.paragraphs[i] and view.words[i + 1] else None
            if nxt is not None:
                entry = res.gazetteer.get((norms[nxt],))
                if entry is not None and entry.nisba:
                    last = nxt  # الفريق المغربي
                elif (norms[nxt] in _RANK_WORDS or _is_org_complement(view, nxt, res) or _is_name_token(view, nxt, res)
                      or _given_name_reading(norms[nxt])):
                    continue  # a name or a complement follows: the rank, or another phrase
            cut = 2 if norms[i].startswith("لل") else len(norms[i]) - len(normalize("الفريق"))
            start, end = view.stripped_start_at(i, cut), view.ends[last]
        else:
            cut = next(c for c, st in stems(norms[i]) if any(st.endswith(x) and st[: -len(x)] in _TEAM_STEMS for x in _POSSESSIVES))
            start = view.stripped_start_at(i, cut)
            end = start + (stem_len - cut)
            if view.text[start:end] != view.text[start:end].strip() or end > view.ends[i]:
                continue
        out.add(Mention(start, end, i, last, "ORG", "nominal", key, name))


#: Bare definite nouns that, in a news story, mean the state the story is about.
_HOME_STATE_NOUNS: Final = frozenset(normalize(w) for w in ("الحكومة", "البلاد"))


def _home_state_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A bare ``الحكومة`` or ``البلاد`` (no nisba or genitive after it) is a nominal mention of the
    state the story is about (GUIDELINES.md 1.4, ``البلاد`` meaning Iran): the state of the latest
    ``الحكومة + nisba`` before it, else the state named most often before it (the earliest on a tie).
    Nothing when no state is named before it."""
    norms, n = view.norms, view.n
    positions = view.positions(_home_state_reading)
    if not positions:
        return
    # states only (a CLDR territory code after GPE:): a town outside the gazetteer has a key of the
    # same shape (GPE:<its name>) and has no capital (round 16: it crashed the state-name lookup)
    states = sorted((m for m in out.mentions if m.type == "GPE" and m.key.count(":") == 1 and m.key[4:].isascii()
                     and m.key[4:].isupper()), key=lambda m: m.first)
    for i in positions:
        if out.overlaps(i, i):
            continue
        if i + 1 < n and view.paragraphs[i + 1] == view.paragraphs[i] and (view.definite(i + 1) or out.overlaps(i + 1, i + 1)):
            continue  # الحكومة المصرية / البلاد العربية: not bare
        before = [m for m in states if m.last < i]
        if not before:
            continue
        nominal = [m for m in before if m.kind == "nominal" and any(st == "الحكومه" for _, st in stems(norms[m.first]))]
        if nominal:
            chosen = nominal[-1]
        else:
            counts: dict[str, int] = {}
            for m in before:
                counts[m.key] = counts.get(m.key, 0) + 1
            best = max(counts.values())
            chosen = next(m for m in before if counts[m.key] == best)
        cut = next(c for c, st in stems(norms[i]) if st in _HOME_STATE_NOUNS)
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[i], i, i, "GPE", "nominal", chosen.key, chosen.name))


#: بلاد with a possessive pronoun (بلاده "his country", بلادها), behind proclitics (لبلاده، وبلاده).
_POSSESSED_STATE_FORMS: Final = frozenset(
    clitic + normalize("بلاد") + suffix for clitic in ("", "و", "ل", "ب", "ف", "ول", "وب") for suffix in ("ه", "ها"))
#: What every form above ends with (View.positions_ending_with: two scans of the text, not 14).
_POSSESSED_STATE_CORES: Final = tuple(normalize("بلاد") + suffix for suffix in ("ه", "ها"))
#: Tokens before a person's first mention searched for the state of his title (نظيره التونسي،
#: وزير …، X; مثل الكويت وزير النفط … X).
_TITLE_STATE_WINDOW: Final = 9


def _possessed_state_pass(view: View, out: _Collector) -> None:
    """``بلاده`` is a nominal mention ``بلاد`` of the state of the person the pronoun refers to
    (GUIDELINES 0 and H-E6: بلاده → Putin's Russia; the clitic stays outside). The person is the
    latest one named before it in the paragraph (the speaker in ``قال X إن بلاده …``); his state is
    the state named nearest before his first mention, in his title (``نظيره التونسي، وزير …، X``),
    within a few tokens of the same paragraph. Nothing when no such state is found (round 13)."""
    positions = view.positions_ending_with(_POSSESSED_STATE_FORMS, _POSSESSED_STATE_CORES)
    if not positions:
        return
    people = sorted((m for m in out.mentions if m.type == "PER" and m.kind == "name"), key=lambda m: m.first)
    states = sorted((m for m in out.mentions if m.type == "GPE" and m.key.count(":") == 1), key=lambda m: m.last)
    first_of: dict[str, Mention] = {}
    for m in people:
        first_of.setdefault(m.key, m)
    base = normalize("بلاد")
    for i in positions:
        if out.overlaps(i, i):
            continue
        person = next((m for m in reversed(people) if m.last < i and view.paragraphs[m.last] == view.paragraphs[i]), None)
        if person is None:
            continue
        head = first_of[person.key]
        state = next((m for m in reversed(states) if m.last < head.first and head.first - m.last <= _TITLE_STATE_WINDOW
                      and view.paragraphs[m.last] == view.paragraphs[head.first]), None)
        if state is None:
            continue
        norm = view.norms[i]
        cut = norm.index(base)
        start = view.stripped_start_at(i, cut)
        end = start + len("بلاد")
        if normalize(view.text[start:end]) != base:
            continue
        out.add(Mention(start, end, i, i, "GPE", "nominal", state.key, state.name))


_CAPITAL_FORMS: Final = frozenset(normalize(w) for w in ("العاصمة", "بالعاصمة", "والعاصمة", "للعاصمة", "وبالعاصمة", "فالعاصمة"))
#: What every form above ends with (للعاصمة keeps no alef): one scan of the text, not six.
_CAPITAL_CORES: Final = (normalize("لعاصمة"),)


@lru_cache(maxsize=None)
def _capital_city(code: str) -> tuple[str, str] | None:
    """(key, name) of the capital city of state ``code`` in the gazetteer, or None."""
    return next(((e.key, e.name) for e in resources().gazetteer.values() if e.capital_of == code and not e.nisba), None)


def _capital_nominal_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A bare ``العاصمة`` (غربي العاصمة، بأحد فنادق العاصمة) is a nominal mention of the capital of
    the story's state (the state named most often before it), ``العاصمة`` + a state's nisba
    (العاصمة المصرية) of that state's capital, the nisba kept inside (GUIDELINES.md 1.4). Not
    before the capital's name (an apposition: العاصمة الروسية موسكو), nor before an adjective of
    its own (العاصمة الإدارية الجديدة names another city)."""
    norms, n = view.norms, view.n
    positions = view.positions_ending_with(_CAPITAL_FORMS, _CAPITAL_CORES)
    if not positions:
        return
    # states only (a CLDR territory code after GPE:): a town outside the gazetteer has a key of the
    # same shape (GPE:<its name>) and has no capital (round 16: it crashed the state-name lookup)
    states = sorted((m for m in out.mentions if m.type == "GPE" and m.key.count(":") == 1 and m.key[4:].isascii()
                     and m.key[4:].isupper()), key=lambda m: m.first)
    for i in positions:
        if out.overlaps(i, i):
            continue
        last, code = i, None
        j = i + 1
        same = j < n and view.paragraphs[j] == view.paragraphs[i] and view.words[j]
        if same:
            entry = res.gazetteer.get((norms[j],))
            if entry is not None and entry.nisba:
                last, code = j, entry.key.split(":", 1)[1]
                j += 1
                same = j < n and view.paragraphs[j] == view.paragraphs[i] and view.words[j]
            if same and (any(m.type in ("GPE", "LOC") and not m.nisba for m in out.taken.get(j, ()))
                         or (view.definite(j) and norms[j].endswith(_NISBA_ENDINGS))):
                continue
        if code is None:
            before = [m for m in states if m.last < i and not m.nisba] or [m for m in states if m.last < i]
            if not before:
                continue
            counts: dict[str, int] = {}
            for m in before:
                counts[m.key] = counts.get(m.key, 0) + 1
            best = max(counts.values())
            code = next(m for m in before if counts[m.key] == best).key.split(":", 1)[1]
        key, name = _capital_city(code) or (f"GPE:capital:{code}", f"عاصمة {_state_name(code)}")
        cut = next(c for c, st in stems(norms[i]) if st == "العاصمه")
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[last], i, last, "GPE", "nominal", key, name))


def _org_head_of(view: View, m: Mention) -> str | None:
    """The organisation head of a named mention's first token (وزارة، البنك، منظمة), or None."""
    norm = view.norms[m.first]
    definite = _definite_org_head(norm)
    if definite is not None:
        return definite[1]
    reading = _head_reading(norm)
    if reading is not None:
        return reading[1] if reading[1] in _DEFINITE_ORG_HEADS else None
    return _outside_class_noun(view, m)


def _outside_class_noun(view: View, m: Mention) -> str | None:
    """The organisation class noun right before a name that leaves it outside (شركة X، تعاونية
    «X»، لجمعية X: GUIDELINES 1.2), so that the bare definite noun later (الشركة، التعاونية) refers
    to that organisation as it does to one named with its head inside (round 12); or None."""
    k = m.first - 1
    if k >= 0 and view.norms[k] == '"':
        k -= 1
    if k < 0 or not view.words[k] or view.paragraphs[k] != view.paragraphs[m.first]:
        return None
    reading = _head_reading(view.norms[k])
    return reading[1] if reading is not None and reading[1] in _DEFINITE_ORG_HEADS else None


def _org_nominal_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A bare definite organisation head (الوزارة، المجلس، للمنظمة) after an organisation named
    with the same head is a nominal mention of the latest such organisation (GUIDELINES.md 1.4:
    it refers to one annotated entity named in the document). A head followed by a complement is
    a name of its own (handled in _org_fac_pass), and a head before any such name refers to
    nothing annotated yet, so neither is taken."""
    _head_nominals(view, res, out, "ORG", _definite_org_head, lambda m: _org_head_of(view, m))
    # المديرية، الإدارة after a named directorate (مديرية التربية … المديرية)
    _head_nominals(view, res, out, "ORG", _definite_directorate_head, lambda m: _directorate_head_of(view, m))
    _outlet_nominals(view, res, out)


@lru_cache(maxsize=1 << 12)
def _media_head(norm: str) -> str | None:
    """The media class noun of a reading of ``norm`` without the article (قناة، لقناة → قناه)."""
    return next((stem for _, stem in stems(norm) if stem in _MEDIA_HEADS), None)


@lru_cache(maxsize=1 << 12)
def _definite_media_head(norm: str) -> tuple[int, str] | None:
    """(cut, head) when a reading of ``norm`` is ال + a media class noun (القناة، للإذاعة)."""
    return _definite_head(norm, _MEDIA_HEADS)


def _outlet_nominals(view: View, res: _Resources, out: _Collector) -> None:
    """A bare definite media noun (القناة، الإذاعة، للقناة نفسها, inside ``مراسلة القناة`` too) after an
    outlet named with that class noun (قناة «X»: the ORG mention is the name alone, 1.2) is a
    nominal mention of the latest such outlet (1.4); not before a definite complement (القناة
    الرسمية names another)."""
    norms, n = view.norms, view.n
    named: list[tuple[int, str, str, str]] = []
    for m in out.mentions:
        if m.type != "ORG" or m.kind != "name":
            continue
        k = m.first - 1
        if k >= 0 and norms[k] == '"':
            k -= 1
        head = _media_head(norms[k]) if k >= 0 else None
        if head is not None:
            named.append((m.first, head, m.key, m.name))
    if not named:
        return
    named.sort()
    for i in view.positions(_definite_media_head):
        if any(x.key != "PER:role:reporter" for x in out.taken.get(i, ())):
            continue
        if i + 1 < n and view.paragraphs[i + 1] == view.paragraphs[i] and _is_org_complement(view, i + 1, res):
            continue
        cut, head = _definite_media_head(norms[i])  # type: ignore[misc]
        before = [(key, name) for pos, h, key, name in named if h == head and pos < i]
        if not before:
            continue
        key, name = before[-1]
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[i], i, i, "ORG", "nominal", key, name))


@lru_cache(maxsize=1 << 12)
def _definite_directorate_head(norm: str) -> tuple[int, str] | None:
    """(cut, head) when a reading of ``norm`` is ال + a directorate head (المديرية، بالإدارة)."""
    for cut, stem in stems(norm):
        if stem.startswith("ال") and stem[2:] in _DIRECTORATE_HEADS:
            return cut, stem[2:]
    return None


def _directorate_head_of(view: View, m: Mention) -> str | None:
    """The directorate head a named ORG mention starts with, when its next word is a sector noun
    (definite, or indefinite in construct with the place served: مديرية صحة X … المديرية; round 11)."""
    reading = _directorate_reading(view.norms[m.first])
    if reading is None and m.last > m.first + 1 and view.norms[m.first + 1] in _RANK_ADJECTIVES:
        # round 15: a ranked directorate (المديرية العامة للX … المديرية), named by _ranked_body_pass
        ranked = _definite_directorate_head(view.norms[m.first])
        return ranked[1] if ranked is not None else None
    if reading is None or m.last == m.first or (view.norms[m.first + 1] not in _SECTOR_NOUNS
                                                and view.norms[m.first + 1] not in _INDEFINITE_SECTOR_NOUNS):
        return None
    return reading[1]


@lru_cache(maxsize=1 << 16)
def _definite_fac_head(norm: str) -> tuple[int, str] | None:
    """(cut, head) when a reading of ``norm`` is ال + a facility head (المستشفى، بالميناء، للكوبري)."""
    heads = resources().fac_heads
    for cut, stem in stems(norm):
        if stem.startswith("ال") and stem[2:] in heads:
            return cut, stem[2:]
    if norm.startswith("لل") and norm[2:] in heads:
        return 2, norm[2:]
    return None


def _fac_head_of(view: View, m: Mention) -> str | None:
    """The facility head a named facility mention starts with (مستشفى، ميناء، كوبري), or None."""
    reading = _head_reading(view.norms[m.first])
    return reading[1] if reading is not None and reading[1] in resources().fac_heads else None


def _fac_nominal_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A bare definite facility head (المستشفى، الميناء، الكوبري) after a facility named with the
    same head is a nominal mention of the latest such facility, as for organisations (1.4)."""
    _head_nominals(view, res, out, "FAC", _definite_fac_head, lambda m: _fac_head_of(view, m))


def _head_nominals(view: View, res: _Resources, out: _Collector, type_: str,
                   definite_head: Callable[[str], tuple[int, str] | None],
                   head_of: Callable[[Mention], str | None]) -> None:
    """Bare definite heads (ال + head, no complement after it) referring back to the latest named
    ``type_`` mention that starts with the same head."""
    named: list[tuple[int, str, str, str]] = []  # (position, head, key, name)
    for m in out.mentions:
        if m.type == type_ and m.kind == "name":
            head = head_of(m)
            if head is not None:
                named.append((m.first, head, m.key, m.name))
    if not named:
        return
    named.sort()
    heads = {h for _, h, _, _ in named}
    norms, n = view.norms, view.n
    for i in [k for k in view.positions(definite_head) if definite_head(norms[k])[1] in heads]:  # type: ignore[index]
        if out.overlaps(i, i):
            continue
        if i + 1 < n and view.paragraphs[i + 1] == view.paragraphs[i] and _is_org_complement(view, i + 1, res):
            continue
        cut, head = definite_head(norms[i])  # type: ignore[misc]
        before = [(key, name) for pos, h, key, name in named if h == head and pos < i]
        if not before:
            continue
        key, name = before[-1]
        start = view.stripped_start_at(i, cut)
        out.add(Mention(start, view.ends[i], i, i, type_, "nominal", key, name))


_SOURCE_PREPOSITIONS: Final = frozenset(normalize(w) for w in ("في", "من", "داخل", "لدى", "بـ"))


def _source_body_pass(view: View, res: _Resources, out: _Collector) -> None:
    """The body an anonymous source belongs to (``مصدر في X``، ``مصدر مطلع من X``): a phrase of two
    or more words there, a definite word with its adjectives or genitives (الحماية المدنية) or an
    indefinite noun in construct with a definite one (إدارة الميناء), names an organisation (1.2)
    that no head list knows. Not a bare class noun (مصدر في الوزارة: its nominal), a title, a known
    place or a word already read."""
    norms, n, paragraphs = view.norms, view.n, view.paragraphs
    for i in view.positions(_has_source_reading):
        if not any(stem in ("مصدر", "مصدرا") for _, stem in stems(norms[i])):
            continue
        p = i + 1
        while p < n and p - i <= 2 and view.words[p] and norms[p] not in _SOURCE_PREPOSITIONS and not view.definite(p) and norms[p] not in res.stop:
            p += 1  # the source's adjectives: مصدر أمني مطلع
        if p + 2 >= n or norms[p] not in _SOURCE_PREPOSITIONS:
            continue
        k = p + 1
        if paragraphs[k + 1] != paragraphs[i] or not (view.words[k] and view.words[k + 1]) or out.overlaps(k, k + 1):
            continue
        if any(norms[t] in res.stop or (norms[t],) in res.titles or (norms[t],) in res.places for t in (k, k + 1)):
            continue
        if _definite_org_head(norms[k]) or _definite_place_head(norms[k]) or _definite_fac_head(norms[k]) or _head_reading(norms[k]):
            continue  # a class noun: the nominal of a body named elsewhere, or a head the other passes read
        if not view.definite(k + 1) or norms[k][:1] in ("و", "ف") or norms[k].isdecimal():
            continue
        last = _org_name_end(view, k, res)
        if last == k:
            continue
        start, end = view.starts[k], view.ends[last]
        out.add(Mention(start, end, k, last, "ORG", "name", f"ORG:{' '.join(norms[k : last + 1])}", view.text[start:end]))


#: the one-letter proclitics read before an acronym (وكونا، لكونا)
_ACRONYM_CLITICS: Final = ("و", "ب", "ل", "ف")


def _acronym_pass(view: View, res: _Resources, out: _Collector) -> None:
    """An acronym in brackets right after an organisation's name (وكالة الأنباء الكويتية (كونا),
    الهيئة العامة للاستثمار (جافي)) is a name of that organisation, as are its other occurrences
    in the document: news introduces an acronym exactly this way and then uses it alone. Only one
    indefinite word that is no place, title or function word is read as an acronym."""
    norms, n = view.norms, view.n
    acronyms: dict[str, Mention] = {}
    for m in list(out.mentions):
        if m.type != "ORG" or m.kind != "name":
            continue
        k = m.last + 1
        if not (k + 2 < n and norms[k] == "(" and norms[k + 2] == ")" and view.words[k + 1]):
            continue
        j = k + 1
        if view.definite(j) or len(norms[j]) < 3 or _is_stop(view, j, res) or _place_or_title(norms[j]) or out.overlaps(j, j):
            continue
        acronyms.setdefault(norms[j], m)
    if not acronyms:
        return  # most documents have none: no walk over every token (round 9 speed-up)
    # the tokens that are an acronym, or one of و ب ل ف and an acronym (no walk over every token:
    # a tenth of the pass's time in the documents that introduce one)
    forms = set(acronyms).union(*({clitic + acronym for acronym in acronyms} for clitic in _ACRONYM_CLITICS))
    for i in view.positions_of(forms):
        norm = norms[i]
        for cut, acronym in ((0, norm), (1, norm[1:] if norm[:1] in _ACRONYM_CLITICS else "")):
            org = acronyms.get(acronym)
            if org is not None and view.words[i] and not out.overlaps(i, i):
                start = view.stripped_start_at(i, cut)
                out.add(Mention(start, view.ends[i], i, i, "ORG", "name", org.key, org.name))
                break


def find_mentions(view: View) -> EntityLayer:
    """All entity mentions of a document, each with its grouping key."""
    res = resources()
    out = _Collector(view)
    _gazetteer_pass(view, res, out)
    _news_outlet_pass(view, res, out)
    _org_fac_pass(view, res, out)
    _numbered_facility_pass(view, res, out)
    _quoted_body_pass(view, res, out)
    _directorate_pass(view, res, out)
    _ranked_body_pass(view, res, out)
    _club_pass(view, res, out)
    _source_body_pass(view, res, out)
    _acronym_pass(view, res, out)
    _natural_place_pass(view, res, out)
    _zone_pass(view, res, out)
    _local_place_pass(view, res, out)
    _two_word_places(view, res, out)
    _dateline_agency_pass(view, res, out)
    _port_body_pass(view, out)
    _local_body_place_pass(view, out)
    _body_of_place_pass(view, res, out)
    nominals = _person_pass(view, res, out)
    _propagate(view, res, out)
    _nominal_pass(view, res, out, nominals)
    _org_nominal_pass(view, res, out)
    _fac_nominal_pass(view, res, out)
    _feature_nominal_pass(view, out)
    _home_state_pass(view, res, out)
    _possessed_state_pass(view, out)
    _capital_nominal_pass(view, res, out)
    _unit_beside_city(view, out)
    # one mention per (span, key), the first found; order by position. Equal keys are
    # adjacent after the (stable) sort: a dict built from the reversed order keeps the
    # first mention of each key, and reversing its values restores the order.
    ordered = sorted(out.mentions, key=_SPAN_KEY)
    ordered.reverse()
    mentions = list(dict(zip(map(_SPAN_KEY, ordered), ordered)).values())
    mentions.reverse()
    return EntityLayer(mentions)


#: Round 15: an industrial, free or economic zone (منطقة X الصناعية، منطقة X الحرة) is a site, a
#: facility (GUIDELINES 1.1: a building, site or facility), named with its class noun and adjective
#: (1.2: the class noun of a facility's name is part of it); a place named inside it is found as any.
_ZONE_HEAD: Final = normalize("منطقة")
_ZONE_FORMS: Final = frozenset(normalize(p + "منطقة") for p in ("", "ب", "و", "ل", "وب", "ول", "ف"))
_ZONE_ADJECTIVES: Final = frozenset(normalize(w) for w in ("الصناعية", "الحرة", "الاقتصادية", "اللوجستية", "التجارية"))
#: Round 15: the body that runs a port or an airport, named with its class noun and the facility
#: in construct (1.2: مؤسسة ميناء عنابة, the facility and its town nested).
_PORT_BODY_HEAD: Final = normalize("مؤسسة")
_PORT_BODY_FACILITIES: Final = frozenset(normalize(w) for w in ("ميناء", "مطار", "مرفأ"))


def _zone_pass(view: View, res: _Resources, out: _Collector) -> None:
    """``منطقة X الصناعية``، ``منطقة X Y الحرة`` (one or two name words, or a known place, then a zone
    adjective) as FAC names; not inside an organisation's name (سلطة منطقة X الاقتصادية الخاصة)."""
    norms, n = view.norms, view.n
    for i in view.positions_ending_with(_ZONE_FORMS, (_ZONE_HEAD,)):
        k = i + 1
        if k >= n or view.paragraphs[k] != view.paragraphs[i]:
            continue
        last = next((j for j in (k + 1, k + 2) if j < n and norms[j] in _ZONE_ADJECTIVES and view.paragraphs[j] == view.paragraphs[i]), None)
        if last is None or any(not view.words[j] or norms[j] in res.stop or norms[j].isdecimal() for j in range(k, last)):
            continue
        if any(m.type == "ORG" or m.type == "FAC" and m.kind == "name" for j in range(i, last + 1) for m in out.taken.get(j, ())):
            continue
        cut = len(norms[i]) - len(_ZONE_HEAD)
        start, end = view.stripped_start_at(i, cut), view.ends[last]
        out.add(Mention(start, end, i, last, "FAC", "name", "FAC:" + " ".join(norms[i + 1 : last + 1]), view.text[start:end]))


def _port_body_pass(view: View, out: _Collector) -> None:
    """``مؤسسة ميناء X``: the ORG that runs the port, over the port's FAC name mention."""
    norms = view.norms
    for m in [m for m in out.mentions if m.type == "FAC" and m.kind == "name" and m.first > 0 and norms[m.first] in _PORT_BODY_FACILITIES]:
        i = m.first - 1
        reading = next(((c, st) for c, st in stems(norms[i]) if st == _PORT_BODY_HEAD), None)
        if reading is None or view.paragraphs[i] != view.paragraphs[m.first] or any(x.type == "ORG" for x in out.taken.get(i, ())):
            continue
        start = view.stripped_start_at(i, reading[0])
        out.add(Mention(start, m.end, i, m.last, "ORG", "name", "ORG:port:" + " ".join(norms[m.first : m.last + 1]),
                        view.text[start:m.end]))


#: Round 15: the number word of a numbered facility (الطريق الوطني رقم 2، طريق رقم 5).
_NUMBER_WORDS: Final = frozenset(normalize(w) for w in ("رقم",))


def _numbered_facility_pass(view: View, res: _Resources, out: _Collector) -> None:
    """A facility named by its number (round 15): a facility head, definite or not, with at most
    one definite adjective, then رقم and a number (الطريق الوطني رقم 2، طريق رقم 5): the number is
    its name, so the whole phrase is a name mention (1.2: the class noun of a facility's name is part
    of it); a number alone is no name without رقم (ملعب بديل، 3 محطات)."""
    norms, n = view.norms, view.n
    for i in view.positions_of(_NUMBER_WORDS):
        if i + 1 >= n or not norms[i + 1].isdecimal() or i < 1 or view.paragraphs[i + 1] != view.paragraphs[i]:
            continue
        h = i - 1
        if h >= 1 and view.definite(h) and norms[h].endswith(_NISBA_ENDINGS) and view.paragraphs[h - 1] == view.paragraphs[i]:
            h -= 1  # الوطني، الدولي، السريع
        reading = _definite_fac_head(norms[h])
        if reading is None:
            indefinite = _head_reading(norms[h])
            reading = indefinite if indefinite is not None and indefinite[1] in res.fac_heads else None
            cut = reading[0] if reading is not None else 0
        else:
            cut = reading[0]
        if reading is None or view.paragraphs[h] != view.paragraphs[i] or any(
                m.type != "FAC" or m.kind == "name" for j in range(h, i + 2) for m in out.taken.get(j, ())):
            continue
        for m in [m for j in range(h, i + 2) for m in out.taken.get(j, ())]:
            out.remove(m)  # a nominal of the head alone (الطريق) gives way to the named road
        start, end = view.stripped_start_at(h, cut), view.ends[i + 1]
        name = view.text[start:end]
        out.add(Mention(start, end, h, i + 1, "FAC", "name", "FAC:" + " ".join(norms[h + 1 : i + 2]), name))


#: (start, end, key) of a Mention, by position: why not ``attrgetter``? A NamedTuple field read by
#: name is a descriptor lookup (not specialised by CPython 3.11), several times an index read;
#: this key is taken twice per mention of every document (the sort and the dedup below).
_SPAN_KEY: Final = operator.itemgetter(*(Mention._fields.index(field) for field in ("start", "end", "key")))

#: Units whose noun stays in the name when the article also names their namesake city.
_CITY_UNIT_NOUNS: Final = frozenset(normalize(w) for w in ("ولاية",))


def _unit_beside_city(view: View, out: _Collector) -> None:
    """``ولاية X`` (the wilaya noun only: a محافظة keeps its noun outside, as the gold does) where X is also the city the story is filed from (its dateline ``X -`` or the
    reporter's ``مراسلنا في X``) is the unit, an entity apart from the city, and keeps its class
    noun (GUIDELINES 1.4: ``ولاية وهران`` beside the city ``وهران``; round 11). Elsewhere the unit's
    noun stays outside the place name (``محافظة الجهراء`` → ``الجهراء``)."""
    if not any(map(view.contains, _CITY_UNIT_NOUNS)):
        # no token ends with a unit noun (every stem but لل's is a suffix of its word, and لل's
        # begins with ال): nothing to do, and most documents name no wilaya (round 11's pass read
        # every place mention of every document first)
        return
    norms, paragraphs = view.norms, view.paragraphs
    cities: set[str] = set()
    for m in out.mentions:
        if m.type != "GPE" or m.kind != "name":
            continue
        dateline = (m.last + 1 < view.n and norms[m.last + 1] in _DATELINE_DASHES
                    and (m.first == 0 or paragraphs[m.first - 1] != paragraphs[m.first]))
        reporter = m.first >= 2 and norms[m.first - 1] == _FI and _reporter_reading(norms[m.first - 2])
        if dateline or reporter:
            cities.add(m.key)
    if not cities:
        return
    for index, m in enumerate(out.mentions):
        if m.type != "GPE" or m.kind != "name" or m.key not in cities or m.first == 0 or m.start != view.starts[m.first]:
            continue
        unit = next(((cut, stem) for cut, stem in stems(norms[m.first - 1]) if stem in _CITY_UNIT_NOUNS), None)
        if unit is None or not view.words[m.first - 1]:
            continue
        start = view.stripped_start_at(m.first - 1, unit[0])
        text = view.text[start : m.end]
        out.mentions[index] = Mention(start, m.end, m.first - 1, m.last, "GPE", "name", f"GPE:unit:{m.key}", text)


def entity_records(view: View, layer: EntityLayer) -> tuple[list[dict[str, object]], dict[str, str]]:
    """Submission entities; returns (entities, entity id by key).

    No mention id by (start, end, key) any more: nothing read it, and its dict of one tuple key
    per mention was built for every document and thrown away."""
    groups: dict[str, list[Mention]] = {}
    for m in layer.mentions:
        groups.setdefault(m.key, []).append(m)
    ordered = sorted(groups.items(), key=lambda kv: (kv[1][0].start, kv[0]))
    entities: list[dict[str, object]] = []
    ids: dict[str, str] = {}
    counter = 0
    text = view.text
    for number, (key, mentions) in enumerate(ordered, start=1):
        entity_id = f"e{number}"
        ids[key] = entity_id
        type_ = key.split(":", 1)[0]
        if key.startswith("GPE:") and not key.startswith("GPE:city:"):
            name = mentions[0].name
        else:  # the longest name mention, the first of equals (its list only where it is read)
            names = [m for m in mentions if m.kind == "name" and not m.nisba]
            name = max(names, key=lambda m: (m.end - m.start, -m.start)).name if names else mentions[0].name
        out_mentions = []
        # unpacked, not read by field name (a descriptor lookup per field, see _SPAN_KEY)
        for start, end, _first, _last, _type, kind, _key, _name, _nisba in mentions:
            counter += 1
            out_mentions.append({"id": f"m{counter}", "start": start, "end": end, "text": text[start:end], "kind": kind})
        entities.append({"id": entity_id, "type": type_, "name": name, "mentions": out_mentions})
    return entities, ids
