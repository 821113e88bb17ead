"""Events: trigger lexicon, argument heuristics, factuality cues (GUIDELINES.md 3).

Triggers are looked up on every reading of a token: proclitics stripped
(``stems``), enclitic pronouns stripped (the trigger span keeps them:
``محادثاته``), the accusative alef dropped (``دعماً``), a taa marbuta restored
before a suffix (``زيارته`` -> زيارة), a hamza restored (``لقائي`` -> لقاء), and
the future prefix س read off an imperfect verb (``سيزور``, which also makes the
event future).

Arguments are entity mentions of the trigger's sentence within a small window,
with a role chosen from the preposition in front of the mention (مع/بين ->
Participant, على/ضد -> Target, إلى -> Destination, من -> Origin/Addressee/Giver,
ل -> Recipient/Addressee, في -> Place) or from its position (an unmarked mention
after a verb is its subject; a nisba right after a nominal trigger is its
agent: ``العدوان الأمريكي``). The nearest time expression of the sentence is the
Time argument and ``time_id``.

Factuality, checked in this order: governed by a request, warning, readiness
or modal word before it in the clause -> possible; negation particle -> negated;
future verb or purpose ل -> future; otherwise asserted.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Final, NamedTuple, Sequence

from naba.baselines.rules import lexicons as lx
from naba.baselines.rules.entities import EntityLayer, Mention, _head_reading, _place_head_reading
from naba.baselines.rules.normalization import PhraseIndex, View, stems
from naba.baselines.rules.timex import TimexMatch, is_future_verb
from naba.common.arabic import normalize

if TYPE_CHECKING:
    from naba.baselines.rules.quotes import QuoteMatch

_SUFFIXES: Final = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ي", "ك")
_CLAUSE_BREAKS: Final = frozenset("،,.:;؛!?؟\"")
_WINDOW_AFTER: Final = 8
_WINDOW_BEFORE: Final = 5
_PREPOSITIONS: Final = frozenset(normalize(w) for w in ("في", "من", "على", "عن", "إلى", "مع", "حول"))


@dataclass(frozen=True, slots=True)
class _Lexicon:
    single: dict[str, tuple[str, bool]]
    phrases: PhraseIndex
    phrase_types: dict[tuple[str, ...], str]
    negations: frozenset[str]
    modals: frozenset[str]
    blocked: frozenset[str]  # organisation/facility heads and titles are never triggers
    senders: frozenset[str]  # verbs whose subject sends someone (Agent) rather than travels


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    single: dict[str, tuple[str, bool]] = {}
    phrase_types: dict[tuple[str, ...], str] = {}
    for trig in lx.EVENT_TRIGGERS:
        key = lx.norm_tokens(trig.form)
        if len(key) == 1:
            single.setdefault(key[0], (trig.type, trig.verb))
        else:
            phrase_types.setdefault(key, trig.type)
    return _Lexicon(
        single,
        PhraseIndex(phrase_types.keys()),
        phrase_types,
        frozenset(normalize(w) for w in lx.NEGATIONS),
        frozenset(normalize(w) for w in lx.MODAL_WORDS),
        frozenset(normalize(w) for w in lx.ORG_HEADS + lx.FAC_HEADS) | frozenset(t[0] for t in map(lx.norm_tokens, lx.TITLES) if len(t) == 1),
        frozenset(normalize(w) for w in ("بعث", "بعثت", "أرسل", "أرسلت", "يرسل", "ترسل", "يبعث", "تبعث")),
    )


class EventMatch(NamedTuple):
    index: int  # trigger's first token
    last: int
    start: int
    end: int
    type: str
    verb: bool
    future_prefix: bool


def _readings(stem: str, cut: int) -> list[tuple[str, bool]]:
    """Lexicon keys a stem may stand for, with whether the future prefix was removed.

    After a stripped proclitic, a suffix may only be stripped too if four letters
    remain: otherwise وزارة would read و + زار + ة ("visited").
    """
    out: list[tuple[str, bool]] = [(stem, False)]
    minimum = 4 if cut else 3
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= minimum:
            base = stem[: -len(suffix)]
            out.append((base, False))
            if base.endswith("ت"):
                out.append((base[:-1] + "ه", False))
            if base[-1] in "يو":
                out.append((base[:-1] + "ء", False))
    if stem.endswith("ا") and len(stem) >= 4:
        out.append((stem[:-1], False))
    if is_future_verb(stem) and stem != "سوف":
        out.append((stem[1:], True))
    return out


@lru_cache(maxsize=1 << 16)
def _lookup(norm: str) -> tuple[int, str, bool, bool] | None:
    """(clitics cut, type, is verb, future prefix) of a single-word trigger, or None."""
    lex = lexicon()
    for cut, stem in stems(norm):
        if stem in lex.blocked:
            return None
        for key, future in _readings(stem, cut):
            if key in lex.single:
                type_, verb = lex.single[key]
                if future and not verb:
                    continue
                if not verb and key != stem and stem.startswith("ال"):
                    continue  # round 16: a definite noun takes no pronoun (الاجتماعي "social", not "my meeting")
                return cut, type_, verb, future
    for cut, stem in stems(norm):
        for key, future in _inflected_readings(stem):
            if key in lex.single and lex.single[key][1]:
                return cut, lex.single[key][0], True, future
    return None


#: Round 16: the person prefixes of an imperfect verb read as the third person's ي (نطالب، أحذر).
_PERSON_PREFIXES: Final = ("ن", "ا")


def _inflected_readings(stem: str) -> list[tuple[str, bool]]:
    """Verb keys an inflected form may stand for (round 16): the plural of the third person
    (``يطالبون``، ``طلبوا``، ``سيلتقون`` → يلتقي، ``التقوا`` → التقى) and the first person (``نطالب``،
    ``سنصل``، ``أحذر``), with whether the future prefix س was removed. Only verbs of the lexicon are
    read so (the caller checks), so a noun in -ون (المسؤولون) reads as nothing."""
    out: list[tuple[str, bool]] = []
    for word, future in ((stem, False), (stem[1:], True) if stem[:2] in ("سي", "ست", "سن", "سا") else (None, False)):
        if word is None or len(word) < 4:
            continue
        if word.endswith(("ون", "وا")) and len(word) >= 5:
            base = word[:-2]
            out += [(base, future), (base + "ي", future), (base + "ى", future)]
        if word[0] in _PERSON_PREFIXES and len(word) >= 4:
            out.append(("ي" + word[1:], future))
    return out


@lru_cache(maxsize=1 << 16)
def trigger_candidate(norm: str) -> bool:
    """Can a trigger (one word or the first of two) start with this word?"""
    return bool(lexicon().phrases.readings(norm) or _lookup(norm) or _contract_cut(norm) is not None)


#: Round 16: forms of the noun عقد "contract" (written as the verb عقد "held" and the noun "decade").
_CONTRACT_FORMS: Final = frozenset(normalize(w) for w in ("عقد", "عقدا", "العقد", "عقود", "العقود"))
#: Signing nouns before a contract noun (GUIDELINES 3.2: the signing is a light verb of the agreement).
_SIGN_NOUNS: Final = frozenset(normalize(w) for w in ("توقيع", "التوقيع", "بتوقيع", "وتوقيع", "لتوقيع"))
#: How far before a contract noun its signing verb or noun is looked for (tokens, commas allowed).
_CONTRACT_SIGN_REACH: Final = 12


@lru_cache(maxsize=1 << 12)
def _contract_cut(norm: str) -> int | None:
    """The proclitics cut off a form of عقد (بعقد، والعقد), or None (memoised)."""
    return next((cut for cut, stem in stems(norm) if stem in _CONTRACT_FORMS), None)


def _is_contract(view: View, i: int, cut: int) -> bool:
    """Is the form of عقد at ``i`` the contract (an AGREE trigger, GUIDELINES 3.2)? When a
    preposition is on it (``بعقد يمتد``، ``للعقد``: no verb takes one) and no time adjective follows
    (``العقد الماضي`` is a decade), or when a signing verb or noun stands before it in its clause
    (``وقعت X، اليوم، عقدا``، ``توقيع العقد``). Never before a meeting noun (``عقد اجتماعا``)."""
    norms, sentences, n = view.norms, view.sentences, view.n
    if i + 1 < n and _lookup(norms[i + 1]) is not None and _lookup(norms[i + 1])[1] == "MEET":
        return False
    if cut and any(ch in "بل" for ch in norms[i][:cut]):
        return not (i + 1 < n and norms[i + 1] in _DECADE_WORDS)
    for j in range(i - 1, max(i - _CONTRACT_SIGN_REACH - 1, -1), -1):
        if sentences[j] != sentences[i] or norms[j] in _CLAUSE_BREAKS and norms[j] not in ("،", ","):
            return False
        if norms[j] in _SIGN_NOUNS or _sign_form(norms[j]) == 1:
            return True
    return False


#: Words after العقد that make it a decade (العقد الماضي، العقد الأخير).
_DECADE_WORDS: Final = frozenset(normalize(w) for w in ("الماضي", "المقبل", "الأخير", "الحالي", "القادم", "الأول", "الثاني"))


def find_triggers(view: View) -> list[EventMatch]:
    lex = lexicon()
    norms = view.norms
    phrase_readings = lex.phrases.readings
    out: list[EventMatch] = []
    i = 0
    for candidate in view.positions(trigger_candidate):
        if candidate < i:
            continue  # inside a two-word trigger
        i = candidate
        norm = norms[i]
        phrase = lex.phrases.match_at(view, i) if phrase_readings(norm) else None
        if phrase is not None:
            out.append(EventMatch(i, phrase.last, phrase.start, phrase.end, lex.phrase_types[phrase.key], False, False))
            i = phrase.last + 1
            continue
        found = _lookup(norm)
        if found is None:
            contract = _contract_cut(norm)
            if contract is not None and _is_contract(view, i, contract):
                out.append(EventMatch(i, i, view.stripped_start_at(i, contract), view.ends[i], "AGREE", False, False))
                i += 1
                continue
        if (found and not (found[1] == "TRANSPORT" and (_goods_arrive(view, i) or _carry_without_destination(view, i, found[0])
                                                         or _no_longer(view, i) or norm[found[0]:] in _MISSION_NOUNS))
                and not (found[1] == "MEET" and found[2] and _searches_for(view, i))
                and not (found[1] == "ATTACK" and found[2] and _aims_at(view, i))
                and norm not in _GIVEN_NAME_FORMS):
            cut, type_, verb, future = found
            if type_ == "TRANSPORT" and norm[cut:] in _ROUND_NOUNS:
                type_ = _round_type(view, i)
            if type_ is not None:
                out.append(EventMatch(i, i, view.stripped_start_at(i, cut), view.ends[i], type_, verb, future))
        i += 1
    return out


#: Round 18: بعثة is the delegation or mission (بعثة الفريق، بعثة الأمم المتحدة), a group: the
#: movement is its verb (ستغادر), and the dev gold has no بعثة trigger.
_MISSION_NOUNS: Final = frozenset(normalize(w) for w in ("بعثة", "البعثة"))
#: Round 18: جولة is a trip (جولته في سوهاج: TRANSPORT), a round of talks (جولة مشاورات، جولة ثالثة من
#: محادثات: MEET, as the dev gold) or a round of a campaign or a league (جولة ثانية من الحملة): none.
_ROUND_NOUNS: Final = frozenset(normalize(w) for w in ("جولة", "الجولة"))
_TALKS_WORDS: Final = frozenset(normalize(w) for w in (
    "مشاورات", "محادثات", "المحادثات", "المشاورات", "مفاوضات", "المفاوضات", "حوار", "الحوار",
))
_ROUND_ORDINALS: Final = frozenset(normalize(w) for w in (
    "أولى", "ثانية", "ثالثة", "رابعة", "خامسة", "جديدة", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "الجديدة", "المقبلة",
))
_ROUND_REACH: Final = 3


def _round_type(view: View, i: int) -> str | None:
    """The type of جولة at ``i``: none before a word of talks (three words on, in its sentence: جولة
    ثالثة من محادثات, whose talks are the trigger); before an ordinal, MEET where talks were named
    earlier in the paragraph (تلتها جولة ثانية) and none elsewhere (جولة ثانية من الحملة، الجولة
    الرابعة عشرة of a league); else a trip (TRANSPORT)."""
    norms = view.norms
    after = [k for k in range(i + 1, min(view.n, i + 1 + _ROUND_REACH)) if view.sentences[k] == view.sentences[i]]
    if any(norms[k] in _TALKS_WORDS or norms[k][1:] in _TALKS_WORDS for k in after):
        return None
    if after and (norms[after[0]] in _ROUND_ORDINALS or norms[after[0]].isdecimal()):
        talks = any(norms[k] in _TALKS_WORDS or norms[k][1:] in _TALKS_WORDS
                    for k in range(i - 1, -1, -1) if view.paragraphs[k] == view.paragraphs[i])
        return "MEET" if talks else None
    return "TRANSPORT"


#: Round 18: استهدف also means "aim at" (حملة تستهدف 120 ألف سيدة، الاتفاق لا يستهدف أي دولة): no
#: attack when an amount or أي/كل follows it or a campaign, a round or an agreement is its subject.
_AIM_OBJECTS: Final = frozenset(normalize(w) for w in ("نحو", "حوالي", "قرابة", "أكثر", "أي", "كل", "جميع", "الفئات", "الأطفال", "الرحل"))
_AIM_SUBJECTS: Final = frozenset(normalize(w) for w in (
    "حملة", "الحملة", "جولة", "الجولة", "الاتفاق", "البرنامج", "برنامج", "المبادرة", "مبادرة", "الخطة", "خطة", "الإجراءات",
))
_AIM_STEMS: Final = frozenset(normalize(w) for w in ("استهدف", "استهدفت", "يستهدف", "تستهدف"))
_AIM_REACH: Final = 4


def _aims_at(view: View, i: int) -> bool:
    norms = view.norms
    norm = norms[i]
    stem = next((norm[c:] for c in (0, 1, 2) if norm[c:] in _AIM_STEMS), None)
    if stem is None:
        return False
    j = i + 1
    if j < view.n and (norms[j] in _AIM_OBJECTS or norms[j].isdecimal()):
        return True
    return any(norms[k] in _AIM_SUBJECTS for k in range(max(0, i - _AIM_REACH), i) if view.sentences[k] == view.sentences[i])


#: Round 16: negations before عاد "no longer" (لم يعد يثق، لم يعودوا يثقون).
_NO_LONGER_NEGATIONS: Final = frozenset(normalize(w) for w in ("لم", "ولم", "لا", "ولا", "ما"))
#: Round 16: بحث عن is searching (نبحث عن جيراننا), not meeting to discuss (بحث مع، بحث الملف).
_SEARCH_PREPOSITION: Final = normalize("عن")


def _no_longer(view: View, i: int) -> bool:
    """A form of عاد after a negation and right before an imperfect verb is the auxiliary "no
    longer" (``ولم يعودوا يثقون``، ``لم يعد يملك``): no one travels (GUIDELINES 3.1)."""
    norms, n = view.norms, view.n
    if i == 0 or i + 1 >= n or norms[i - 1] not in _NO_LONGER_NEGATIONS or not norms[i][:1] in "يت":
        return False
    nxt = norms[i + 1]
    return view.words[i + 1] and len(nxt) >= 4 and nxt[0] in "يتن" and _lookup(nxt) is None


def _searches_for(view: View, i: int) -> bool:
    """A meeting verb right before عن is searching for someone or something (``نبحث عن``):
    no meeting (GUIDELINES 3.1)."""
    return i + 1 < view.n and view.norms[i + 1] == _SEARCH_PREPOSITION


#: Forms of نقل (carry): a trip only with a destination after it, since نقلت وكالة X عن … relays words.
_CARRY_STEMS: Final = frozenset(normalize(w) for w in ("نقل", "نقلت", "ينقل", "تنقل", "نقلا", "نقلوا", "ينقلون", "ينقلان"))
_CARRY_REACH: Final = 10
#: إلى as normalised (once, not at every call) and as commonly misspelt
_TO_FORMS: Final = (normalize("إلى"), "الي")
#: the same, longest first, sorted once (it was sorted at every call); two stems of one length are
#: never both a prefix of one word, so the order among equals does not matter
_CARRY_STEMS_LONGEST_FIRST: Final = tuple(sorted(_CARRY_STEMS, key=len, reverse=True))


def _carry_without_destination(view: View, i: int, cut: int) -> bool:
    """A form of نقل at ``i`` that carries no people to a place (round 13): a trip needs إلى in the
    next few tokens of its sentence (``نقلت وكالة X عن`` relays a saying) and people carried: a noun
    of people right before or within four words after it (``نقلت ثلاث حالات``، ``العائلات نقلت``)
    or an object pronoun on the verb (نقله، نقلتنا). A match, a market or goods moved is no trip
    (GUIDELINES 3.1: an activity, facility or market moving is not TRANSPORT)."""
    norms = view.norms
    norm = norms[i][cut:]
    base = norm[1:] if norm[:1] == "س" and norm[1:] in _CARRY_STEMS else norm
    stem = next((st for st in _CARRY_STEMS_LONGEST_FIRST if base == st or base.startswith(st)), None)
    if stem is None:
        return False
    to = _TO_FORMS
    sentence = view.sentences[i]
    if not any(norms[j] in to for j in range(i + 1, min(i + _CARRY_REACH, view.n)) if view.sentences[j] == sentence):
        return True
    if base != stem and base[len(stem):] in ("ه", "ها", "هم", "نا", "ني"):
        return False  # نقله، نقلتنا: a person carried
    near = [j for j in range(max(0, i - 2), min(i + 5, view.n)) if j != i and view.sentences[j] == sentence]
    return not any(any(st in _CARRIED_PEOPLE for _, st in stems(norms[j])) for j in near)


#: Nouns of people carried or evacuated (patients, the injured, families, doctors).
_CARRIED_PEOPLE: Final = frozenset(normalize(w) for w in (
    "حالات", "حالة", "مصابين", "مصابا", "المصابين", "جرحى", "الجرحى", "مرضى", "المرضى", "مريضة", "مريضا", "السيدات",
    "العائلات", "عائلات", "أسرة", "أسر", "الأسر", "شخصين", "أشخاص", "شخصا", "أطباء", "الأطباء", "المسعفين", "مسعفين",
    "ركاب", "الركاب", "مشجعين", "المشجعين", "الطلاب", "التلاميذ", "السكان", "الأهالي", "اللاعبين", "الجثث", "جثث",
))


#: Round 13: a common given name is never read as a proclitic + a trigger (فيصل is no ف + يصل).
_GIVEN_NAME_FORMS: Final = frozenset(normalize(w) for w in lx.GIVEN_NAMES)
#: Arrival verbs whose subject is goods, water or an amount are no trip (GUIDELINES 3.1: an activity
#: or thing moving is not TRANSPORT): شحنة ستصل، وصلت الدفعة، قد تصل قيمته إلى، المياه ستصل.
_ARRIVAL_STEMS: Final = frozenset(normalize(w) for w in ("وصل", "وصلت", "يصل", "تصل", "يصلنا", "تصلنا", "وصول", "الوصول", "وصولها", "عادت", "عاد", "يعود", "تعود", "عودة"))
_GOODS_NOUNS: Final = frozenset(normalize(w) for w in (
    "شحنة", "الشحنة", "شحنات", "الدفعة", "دفعة", "المياه", "الماء", "الضخ", "التوزيع", "قيمته", "قيمتها", "قيمة",
    "اللقاحات", "قطع", "المساعدات", "الكهرباء", "التيار", "طوابير", "الحركة", "أي", "شيء", "الأدوية", "الأوراق",
    "سفينة", "الباخرة", "باخرة",
    # round 18: water and a service without the article (مياه الشرب عادت، عودة ضخ المياه)
    "مياه", "ضخ", "خدمة", "الخدمة", "الخدمات",
))
_AMOUNT_WORDS: Final = frozenset(normalize(w) for w in ("نحو", "حوالي", "قرابة", "أكثر", "أقل", "عشر", "عشرة", "مئة", "ألف", "مليون", "مليار"))


def _goods_arrive(view: View, i: int) -> bool:
    """An arrival or return verb at ``i`` whose subject (the word right before it, past قد/لم, or
    right after it) is goods, water, an amount or a service, or which reaches an amount (تصل إلى عشر
    ساعات): no one travels (round 13)."""
    norms, n = view.norms, view.n
    norm = norms[i]
    stem = norm[1:] if norm[:1] in "وف" and norm[1:] in _ARRIVAL_STEMS else norm
    stem = stem[1:] if stem[:1] == "س" and stem[1:] in _ARRIVAL_STEMS else stem
    if stem not in _ARRIVAL_STEMS:
        return False
    k = i - 1
    while k >= 0 and norms[k] in _HOLD_SKIP_OR_NOT:
        k -= 1
    if any(view.sentences[x] == view.sentences[i] and norms[x] in _GOODS_NOUNS for x in range(max(0, k - 1), k + 1)):
        return True  # شحنة ستصل، شحنة ثانية ستصل
    j = i + 1
    if j < n and norms[j] == '"':
        j += 1
    if j < n and view.sentences[j] == view.sentences[i] and norms[j] in _GOODS_NOUNS:
        return True
    if j + 1 < n and norms[j] in _TO_FORMS and (norms[j + 1].isdecimal() or norms[j + 1] in _AMOUNT_WORDS):
        return True
    return False


# --------------------------------------------------------------------------- factuality


@lru_cache(maxsize=1 << 16)
def _cues_of(norm: str) -> tuple[bool, bool, bool, bool, bool]:
    """(preposition, modal, negation, future verb, purpose ل) flags of a word (memoised)."""
    lex = lexicon()
    readings = stems(norm)
    modal = norm in lex.modals or any(s in lex.modals for _, s in readings[1:])
    purpose = norm.startswith("ل") and not norm.startswith("ال") and len(norm) > 3
    return norm in _PREPOSITIONS, modal, norm in lex.negations, any(is_future_verb(s) for _, s in readings[:2]), purpose


def factuality(view: View, trig: EventMatch, previous: list[EventMatch], *, governor_indices: frozenset[int] | None = None) -> str:
    """``previous``: the document's triggers; a request or warning among the six words
    before ``trig`` governs it. ``governor_indices`` (the token indices of the request and
    warning triggers of ``previous``) saves recomputing them for every trigger."""
    norms = view.norms
    sentences = view.sentences
    index = trig.index
    sentence = sentences[index]
    # the scan below visits k in [index - 6, index - 1] only, all inside (index - 7, index)
    if governor_indices is None:
        governor_indices = frozenset(p.index for p in previous if p.type in ("REQUEST", "WARN"))
    negated = modal = future = False
    crossed_preposition = False
    k = index - 1
    steps = 0
    while k >= 0 and steps < 6 and sentences[k] == sentence and norms[k] not in _CLAUSE_BREAKS:
        norm = norms[k]
        is_prep, is_modal, is_negation, is_future, is_purpose = _cues_of(norm)
        if is_prep:
            crossed_preposition = True  # "لا يوجد في اتفاقية": the negation does not reach the noun
        if k in governor_indices:
            return "possible"
        if is_modal:
            modal = True
        if norm == "قد" and norms[k + 1][:1] in ("ي", "ت", "ن"):
            modal = True  # قد + imperfect: possibility (قد + perfect asserts)
        if is_negation and not crossed_preposition:
            negated = True
        if is_future:
            future = True
        if is_purpose and k == index - 1:
            future = True  # purpose: لعقد لقاء، لتقديم الدعم
        k -= 1
        steps += 1
    if modal:
        return "possible"
    low = max(0, index - 12)
    if "هل" in norms[low:index] and any(norms[j] == "هل" and sentences[j] == sentence for j in range(low, index)):
        return "possible"
    if negated:
        return "negated"
    if trig.future_prefix or future:
        return "future"
    norm = norms[index]
    if norm.startswith("ل") and not norm.startswith("ال") and trig.start > view.starts[index] and not trig.verb:
        return "future"  # purpose ل on the trigger itself: للتباحث، لطلب
    return "asserted"


# --------------------------------------------------------------------------- arguments


_MARKING_PREPOSITIONS: Final = frozenset(("في", "الي", "من", "علي", "مع", "عن", "ضد", "بين", "حول", "نحو", "تجاه", "داخل"))


def _preposition(view: View, m: Mention) -> str | None:
    token_start = view.starts[m.first]
    if m.start > token_start:
        clitic = _clitic_preposition(view.text[token_start : m.start])
        if clitic is not None:
            return clitic
    if m.first > 0:
        prev = view.norms[m.first - 1]
        if prev in _MARKING_PREPOSITIONS:
            return prev
        return _fused_preposition(prev)
    return None


#: Round 16: nouns of unnamed representatives through whom a body meets or agrees (GUIDELINES
#: 3.3, "bodies that meet through unnamed representatives": the body is the Participant):
#: ``مع ممثلي X``، ``مع مسؤولين من X``، ``اجتماع بعثة X``. Class words, with their plural and
#: construct forms; a delegation noun with a proclitic (ووفد) is read through ``stems``.
_REPRESENTATIVE_NOUNS: Final = frozenset(normalize(w) for w in (
    "ممثل", "ممثلي", "ممثلين", "ممثلو", "مسؤولي", "مسؤولين", "مسؤولو", "مندوب", "مندوبي", "مندوبين", "مندوبو",
    "أعضاء", "وفد", "وفدي", "وفود", "بعثة", "قيادات", "قيادة", "قيادتي",
))


@lru_cache(maxsize=1 << 12)
def _is_representative_noun(norm: str) -> bool:
    """A reading of the word (proclitics off) is a noun of representatives (memoised)."""
    return any(stem in _REPRESENTATIVE_NOUNS for _, stem in stems(norm))


def _representative_before(view: View, m: Mention) -> int | None:
    """The token of a representative noun right before ``m`` (``ممثلي X``) or before عن/من
    before it (``ممثلين عن X``، ``وفد من X``), when ``m`` carries no proclitic preposition."""
    k = m.first - 1
    if k < 0 or m.start > view.starts[m.first] and _clitic_preposition(view.text[view.starts[m.first] : m.start]) is not None:
        return None
    if view.norms[k] in ("عن", "من"):
        k -= 1
    return k if k >= 0 and _is_representative_noun(view.norms[k]) else None


def _class_noun_preposition(view: View, m: Mention, last: int) -> str | None:
    """Round 16: the preposition in front of the class noun a name leaves outside (GUIDELINES
    1.2: ``لشركة X``، ``لنادي X``، ``من مدينة X``، ``لمحافظتي X``): it marks the name's role as it
    would the name itself (``قرضا لشركة X``: X receives). Only for a class noun after the
    trigger's last token ``last``; a quotation mark between noun and name is skipped."""
    k = m.first - 1
    if k > last and view.norms[k] in _QUOTE_MARKS:
        k -= 1
    if k <= last or not view.words[k]:
        return None
    norm = view.norms[k]
    head = _head_reading(norm)
    cut = head[0] if head is not None else None
    if cut is None:
        place = _place_head_reading(norm)
        if place is None:
            return None
        cut = next((c for c, stem in stems(norm) if stem == place), 0)
    return _preposition_at(view, k, cut)


def _preposition_at(view: View, k: int, cut: int) -> str | None:
    """The preposition of token ``k`` whose first ``cut`` characters are proclitics: a clitic ب/ل
    among them, else a separate one before the token (``مع ممثلي``), else one fused with a
    conjunction (``ومع``)."""
    if cut:
        found = _clitic_preposition(view.norms[k][:cut])
        if found is not None:
            return found
    if k > 0:
        prev = view.norms[k - 1]
        if prev in _MARKING_PREPOSITIONS:
            return prev
        return _fused_preposition(prev)
    return None


#: Quotation marks that may stand between a class noun and the name it introduces (شركة «X»).
_QUOTE_MARKS: Final = frozenset(("«", '"', "“"))


def _token_preposition(view: View, k: int) -> str | None:
    """The preposition in front of token ``k``: a separate one before it (``مع ممثلي``), one
    fused with a conjunction (``ومع``), or a clitic ب/ل on the token itself."""
    clitic = next((cut for cut, stem in stems(view.norms[k]) if stem in _REPRESENTATIVE_NOUNS), 0)
    return _preposition_at(view, k, clitic)


@lru_cache(maxsize=1 << 12)
def _clitic_preposition(clitics: str) -> str | None:
    """The last preposition ب ل ك among the proclitics cut off a mention (memoised)."""
    for ch in reversed(normalize(clitics)):
        if ch in "بلك":
            return ch
    return None


@lru_cache(maxsize=1 << 16)
def _fused_preposition(norm: str) -> str | None:
    """بين or مع read behind a proclitic of the word before a mention (memoised)."""
    for cut, stem in stems(norm):
        if stem in ("بين", "مع") and cut:
            return stem
    return None


#: the role of a nisba right after a nominal trigger ("العدوان الأمريكي": the attacker)
_NISBA_ROLE: Final[dict[str, str]] = {
    "ATTACK": "Attacker", "AID": "Giver", "MEET": "Participant", "REQUEST": "Requester", "WARN": "Warner", "AGREE": "Party", "TRANSPORT": "Person",
}


@lru_cache(maxsize=1 << 12)
def _is_sender(norm: str) -> bool:
    """A reading of the word is a verb whose subject sends someone (memoised)."""
    senders = lexicon().senders
    return any(s in senders for _, s in stems(norm))


_ROLE_BY_PREP: Final[dict[str, dict[str | None, str]]] = {
    # ب before a place locates a meeting or an attack as في does (مؤتمر صحفي ببغداد، ندوة صحفية
    # بفاس, round 9); the role's type filter keeps ب + a person (التقى بالوزير) out
    "MEET": {"مع": "Participant", "بين": "Participant", "في": "Place", "ب": "Place", None: "Participant"},
    "ATTACK": {"علي": "Target", "ضد": "Target", "في": "Place", "ب": "Place", "بين": "Attacker", None: "Attacker"},
    "TRANSPORT": {"الي": "Destination", "ل": "Destination", "من": "Origin", None: "Person"},
    "REQUEST": {"من": "Addressee", None: "Requester"},
    "AID": {"ل": "Recipient", "الي": "Recipient", "من": "Giver", None: "Giver"},
    "WARN": {"ل": "Addressee", None: "Warner"},
    "AGREE": {"مع": "Party", "بين": "Party", None: "Party"},
}


_CLAUSE_WORDS: Final = _CLAUSE_BREAKS | frozenset(("ان", "بان", "انه", "الذي", "التي", "بعدما"))


#: Active participles of asking and warning said in passing by the speaker (round 13); the one
#: named right after them is asked or warned (GUIDELINES 3: the Addressee), the speaker asks.
_ADDRESS_PARTICIPLES: Final = frozenset(normalize(w) for w in (
    "مطالبا", "مطالبة", "مطالبين", "داعيا", "داعية", "داعين", "مناشدا", "مناشدة", "محذرا", "محذرة", "محذرين",
))


def _addresses_after_comma(view: View, index: int) -> bool:
    """The trigger at ``index`` is such a participle after a comma (``، مطالبا``، ``، ومطالبا``)."""
    norm = view.norms[index]
    stem = norm[1:] if norm[:1] == "و" and norm[1:] in _ADDRESS_PARTICIPLES else norm
    return stem in _ADDRESS_PARTICIPLES and index > 0 and view.norms[index - 1] in ("،", ",")


def _clause_between(view: View, a: int, b: int) -> bool:
    """Is there a clause boundary (punctuation, complementizer) strictly between tokens a < b?"""
    if b <= a + 1:
        return False
    boundaries = view.cached_positions(_CLAUSE_WORDS)
    k = bisect.bisect_right(boundaries, a)  # the first boundary after a
    return k < len(boundaries) and boundaries[k] < b


def mentions_by_sentence(view: View, layer: EntityLayer) -> dict[int, list[Mention]]:
    """Mentions grouped by the sentence of their first token (argument candidates)."""
    out: dict[int, list[Mention]] = {}
    sentences = view.sentences
    for m in layer.mentions:
        out.setdefault(sentences[m.first], []).append(m)
    return out


def timexes_by_sentence(view: View, timexes: list[TimexMatch]) -> dict[int, list[TimexMatch]]:
    """Time expressions grouped by the sentence of their first token, in text order."""
    out: dict[int, list[TimexMatch]] = {}
    sentences = view.sentences
    for t in timexes:
        out.setdefault(sentences[t.first], []).append(t)
    return out


def arguments(
    view: View, trig: EventMatch, layer: EntityLayer, timexes: list[TimexMatch], by_sentence: dict[int, list[Mention]] | None = None,
    timexes_by_sentence_: dict[int, list[TimexMatch]] | None = None, quote_regions: Sequence[tuple[int, int]] = (),
    region_of_token: Sequence[int] | None = None, trigger_indices: Sequence[int] = (),
) -> tuple[list[tuple[str, Mention]], TimexMatch | None]:
    """Arguments and time of ``trig``; ``by_sentence`` and ``timexes_by_sentence_`` (the
    mentions and the time expressions grouped by sentence) are computed when not given;
    ``quote_regions`` (first, last token of each quoted content) keep a time on its side of a quote.
    ``region_of_token`` (``region_numbers(view.n, quote_regions)``) answers the same question
    by one index per token: a caller asking for every trigger of a document gives it, since
    walking every quote for the trigger and each of its sentence's time expressions was a
    third of this function's time. ``trigger_indices`` (the first token of every trigger of the
    document, ascending) keep a time before a noun trigger with the trigger nearer to it."""
    lex = lexicon()
    if by_sentence is None:
        by_sentence = mentions_by_sentence(view, layer)
    if timexes_by_sentence_ is None:
        timexes_by_sentence_ = timexes_by_sentence(view, timexes)
    sentences = view.sentences
    index, last, verb = trig.index, trig.last, trig.verb
    sentence = sentences[index]
    roles = _ROLE_BY_PREP[trig.type]
    if trig.type in ("REQUEST", "WARN") and _addresses_after_comma(view, index):
        roles = {**roles, None: "Addressee"}  # round 13: "…، مطالبا X بـ": X is asked, the speaker asks
    sender = trig.type == "TRANSPORT" and _is_sender(view.norms[index])
    boundaries = view.cached_positions(_CLAUSE_WORDS)
    out: list[tuple[str, Mention]] = []
    used_roles: set[str] = set()
    unmarked: set[int] = set()
    for m in by_sentence.get(sentence, ()):  # in text order, so by first token
        after = m.first - last
        if after > _WINDOW_AFTER:
            break  # this mention and every later one start too far after (and are not before)
        before = index - m.last
        if not (0 < after or 0 < before <= _WINDOW_BEFORE):
            continue
        # a clause boundary (see _clause_between) between the trigger and the mention
        if after > 0:
            k = bisect.bisect_right(boundaries, last)
            if k < len(boundaries) and boundaries[k] < m.first:
                continue
        elif before > 0:
            k = bisect.bisect_right(boundaries, m.last)
            if k < len(boundaries) and boundaries[k] < index and not (
                    boundaries[k] == m.last + 1 and _quoted_after_subject(view, m) and (k + 1 == len(boundaries) or boundaries[k + 1] >= index)):
                continue
        if m.nisba and not (after == 1 and not verb):
            continue  # a nisba is an argument only as the adjective of a nominal trigger
        prep = _preposition(view, m)
        genitive = False
        if after > 0 and trig.type in ("MEET", "AGREE") and prep in (None, "عن", "من") and not m.nisba:
            rep = _representative_before(view, m)
            if rep is not None and rep > last:
                # round 16: مع ممثلي X، اجتماع بعثة X: the body meets through its representatives
                prep = _token_preposition(view, rep)
                genitive = rep == last + 1
        if prep is None and after > 1:
            prep = _class_noun_preposition(view, m, last)
        if before > 0:
            if prep is not None or not (verb or (before == 1 and _subject_of_complement(view, m, index))):
                continue  # before a noun trigger, or a prepositional phrase before it: not an argument
            role = "Agent" if sender else roles.get(None)
        elif m.nisba:
            role = _NISBA_ROLE[trig.type]
        else:
            role = roles.get(prep)
            if trig.type == "TRANSPORT" and prep is None and m.type in ("GPE", "LOC", "FAC"):
                role = "Destination"  # "سيزور روسيا": the unmarked object of a visit
            if role is None:
                continue
            if prep is None and not trig.verb and after > 1 and not genitive:
                continue  # an unmarked mention far after a noun is rarely its argument
        if role in ("Place", "Destination", "Origin") and m.type not in ("GPE", "LOC", "FAC"):
            continue
        if role in ("Person", "Agent") and m.type != "PER" and not (role == "Agent" and m.type in ("GPE", "ORG")):
            continue
        if role in ("Requester", "Warner") and role in used_roles and verb and after > 0 and prep is None:
            holder = next((x for r, x in out if r == role), None)
            if (m.type == "PER" and m.kind == "name" and holder is not None and holder.type != "PER"
                    and holder.first > index):
                # round 13: طالب عضو لجنة X النائب NAME: the body is in the asker's title, the person asks
                out = [(r, x) for r, x in out if x is not holder]
                out.append((role, m))
                unmarked.add(id(m))
                continue
            if ("Addressee" not in used_roles and (m.type in ("ORG", "PER") or m.type == "GPE" and m.kind == "nominal")
                    and not (holder is not None and holder.type != "PER" and m.type == "PER")):
                # round 13: طالبت الجمعية الحكومة بـ: the second one named is asked (a place named
                # there is in a title or a complement: رئيس مجلس مدينة X، ناحية X)
                role = "Addressee"
        if role in ("Requester", "Warner", "Person", "Giver", "Agent") and role in used_roles:
            continue
        used_roles.add(role)
        out.append((role, m))
        if prep is None and after > 0:
            unmarked.add(id(m))
    if trig.type == "AID" and not trig.verb and "Recipient" not in used_roles:
        # "مساعدة الشعب الإيراني": an unmarked genitive without a ل-recipient receives
        out = [("Recipient", m) if role == "Giver" and id(m) in unmarked and not m.nisba else (role, m) for role, m in out]
    time = None
    best = None
    if region_of_token is None:
        region_of_token = region_numbers(view.n, quote_regions)
    trigger_quote = region_of_token[trig.index]
    for t in timexes_by_sentence_.get(sentence, ()):
        if not _can_date_event(view, t) or region_of_token[t.first] != trigger_quote:
            continue
        distance = min(abs(t.first - trig.last), abs(trig.index - t.last))
        if t.parts.recurrence is not None and not (0 < t.first - trig.last <= _SET_REACH):
            continue  # a set dates only the habitual event it follows closely: يجتمع الخبراء كل يوم اثنين
        if t.last < trig.index and not _may_take_time_before(view, trig, t, trigger_indices):
            continue
        if distance <= 12 and (best is None or distance < best):
            time, best = t, distance
    return out, time


#: Words before a noun trigger that make it the reference point of another event's time
#: (``عقب الاجتماع``, ``بعد لقاء``, ``قبل وصوله``): the time before them is the other event's.
_TIME_REFERENCE_PREPS: Final = frozenset(normalize(w) for w in ("عقب", "بعد", "قبل"))


def _may_take_time_before(view: View, trig: EventMatch, t: TimexMatch, trigger_indices: Sequence[int]) -> bool:
    """May a time expression before a trigger be its Time (round 14)? Not when the trigger is a
    purpose behind ل (``سيصل يوم الأحد المقبل لبحث``, ``ليبحث``: the time is the arrival's); and,
    for a noun trigger, not when it is the reference point of another event (``مساء اليوم، في
    مؤتمر صحفي عقب الاجتماع``) or when another trigger stands between them (``ستوقع الأسبوع
    المقبل اتفاقية قرض``: the signing's time, not the loan's). On dev (55 articles) the three
    noun checks removed 32 wrong Times and 1 right one (scored), with the ل check."""
    prefix = view.text[view.starts[trig.index] : trig.start]
    if prefix.endswith("ل"):
        return False
    if trig.verb:
        return True
    if trig.index > 0 and view.norms[trig.index - 1] in _TIME_REFERENCE_PREPS:
        return False
    k = bisect.bisect_right(trigger_indices, t.last)
    return not (k < len(trigger_indices) and trigger_indices[k] < trig.index)


#: Words before a time expression that make it a bound of a span (حتى الآن، منذ العام الماضي،
#: إلى غاية 30 يونيو), not the time at which the event happens.
_SET_REACH: Final = 4
_TIME_BOUNDS: Final = frozenset(normalize(w) for w in ("حتى", "منذ", "غاية", "لغاية"))


def _can_date_event(view: View, t: TimexMatch) -> bool:
    """Can this time expression be the Time of an event (GUIDELINES.md 3: the point or day the
    event happens)? A duration (ستة أشهر) says how long, not when (a set, كل شهر, is checked by
    its distance in ``arguments``), and an expression behind حتى/منذ/قبل/بعد/خلال… is a bound of a period, not the event's time."""
    if t.parts.duration is not None:
        return False
    return not (t.first > 0 and view.norms[t.first - 1] in _TIME_BOUNDS)


def region_numbers(n: int, regions: Sequence[tuple[int, int]]) -> list[int]:
    """Which quoted content (by position in ``regions``) holds each token k < ``n``, -1 for the
    narrator's text: a time said inside a quote dates the quoted events, not the narrator's, and
    back. Built once per document: regions are written last to first, so where they overlap the
    first one (by position) wins; each write is one slice assignment (C speed)."""
    out = [-1] * n
    for number in range(len(regions) - 1, -1, -1):
        first, last = regions[number]
        first = max(first, 0)
        last = min(last, n - 1)
        if first <= last:
            out[first : last + 1] = [number] * (last + 1 - first)
    return out



#: Complementizers after which a clause opens with its subject (إن العراق طلب، أن النادي رفض).
_COMPLEMENTIZERS: Final = frozenset(normalize(w) for w in ("أن", "إن", "بأن", "لأن", "وأن", "وإن"))


def _quoted_after_subject(view: View, m: Mention) -> bool:
    """Round 16: ``m`` (a person, body or state: a place or facility acts in no event) stands
    right after a complementizer and right before a quotation mark
    (``إن الوزارة «ستمول …»``، ``أن النادي “سيوفر …”``): the narrator names the subject, the quote
    gives its own words, so the mention is the subject of the quoted verb (GUIDELINES 3.3: an
    argument is assigned by meaning within the sentence; the quote is inside it)."""
    return (m.type in ("PER", "ORG", "GPE") and m.first > 0 and view.norms[m.first - 1] in _COMPLEMENTIZERS
            and m.start == view.starts[m.first] and m.last + 1 < view.n and view.norms[m.last + 1] == '"')


def _subject_of_complement(view: View, m: Mention, index: int) -> bool:
    """A mention right after a complementizer and right before an indefinite trigger word is the
    subject of that word read as a verb: ``إن العراق طلب إعفاءه`` (طلب written alike as a noun and
    a verb; after أن + subject only the verb reading is grammatical), so it takes the subject's role."""
    return m.first > 0 and view.norms[m.first - 1] in _COMPLEMENTIZERS and m.start == view.starts[m.first] and not view.definite(index)


#: The role of the speaking party in a speech-act event (the one who warns, asks or talks).
_SPEAKER_ROLE: Final[dict[str, str]] = {"WARN": "Warner", "REQUEST": "Requester", "MEET": "Participant"}


def speaker_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], quotes: Sequence[QuoteMatch],
    by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """The speaker of the sentence is the Warner/Requester of a warning or request said in it
    (``…، محذرا من أن``، ``مطالبا X بـ``) and a Participant of the press conference it speaks at,
    when the trigger has none: the speaker of the nearest quote whose cue is in the trigger's
    sentence, at or before the trigger (or the trigger itself). The argument is that speaker's
    latest mention in the sentence before the trigger; none when the sentence does not name it."""
    role = _SPEAKER_ROLE.get(trig.type)
    if role is None or any(r == role for r, _ in found):
        return []
    if trig.type == "MEET" and not _is_press_event(view.norms[trig.index]):
        return []
    sentences = view.sentences
    sentence = sentences[trig.index]
    quote = None
    for q in quotes:
        if sentences[q.cue_index] == sentence and q.cue_index <= trig.last and q.speaker_key is not None:
            quote = q
    if quote is None:
        return []
    first, last = quote.content_tokens
    if first <= trig.index <= last:
        return []  # a request inside the reported words is its own subject's (إن الحكومة لن تطلب), not the speaker's
    taken = {id(m) for _, m in found}
    mention = None
    for m in by_sentence.get(sentence, ()):
        if m.last < trig.index and m.key == quote.speaker_key and id(m) not in taken:
            mention = m
    return [(role, mention)] if mention is not None else []


@lru_cache(maxsize=1 << 12)
def _is_press_event(norm: str) -> bool:
    """A press conference or statement (مؤتمر صحفي، المؤتمر، ندوة صحفية as Maghrebi news say):
    its speaker takes part in it."""
    return any(stem.removeprefix("ال") in ("موتمر", "ندوه") for _, stem in stems(norm))


#: Possessive pronouns a noun trigger may end with (اجتماعها، جلسته، زيارتهم).
_POSSESSIVES: Final = ("هما", "هم", "ها", "ه")


def possessor_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """A noun trigger with a possessive pronoun (``في اجتماعها``، ``جلسته``، ``زيارته``) has the
    pronoun's referent as its agent-like argument (the role a nisba would have): the nearest
    person or organisation mention earlier in the sentence that is not behind a preposition
    (the subject or the genitive the pronoun takes up). Nothing when the trigger already has that
    role, is a verb, or does not end with a pronoun."""
    if trig.verb:
        return []
    role = _NISBA_ROLE[trig.type]
    if role == "Person" or any(r == role for r, _ in found):
        return []
    if trig.end == view.ends[trig.last] and not view.norms[trig.last].endswith(_POSSESSIVES):
        # the trigger ends with its last token, whose normalised form ends the folded text (a
        # suffix of letters cannot reach over the space or mark before that token): no need to
        # normalise the trigger's text, as almost every trigger here ends with no possessive
        return []
    text = view.text[trig.start : trig.end]
    folded = normalize(text)
    if not folded.endswith(_POSSESSIVES) or len(folded) < 6:
        return []
    if not any(folded.endswith(p) and lexicon_has_stem(folded[: -len(p)]) for p in _POSSESSIVES):
        return []
    taken = {id(m) for _, m in found}
    norms, starts = view.norms, view.starts
    best = None
    for m in by_sentence.get(view.sentences[trig.index], ()):
        if m.last >= trig.index:
            break
        if m.type not in ("PER", "ORG") or m.nisba or id(m) in taken:
            continue
        if m.start > starts[m.first] and norms[m.first][:1] in "بلك":
            continue
        if m.first > 0 and norms[m.first - 1] in _NOT_ARGUMENT_BEFORE:
            continue
        best = m
    return [(role, best)] if best is not None else []


_NOT_ARGUMENT_BEFORE: Final = frozenset(normalize(w) for w in ("في", "من", "إلى", "على", "عن", "مع", "بين", "باسم", "لدى", "عند", "ضد", "حول"))


@lru_cache(maxsize=1 << 12)
def lexicon_has_stem(stem: str) -> bool:
    """The word without its pronoun is a trigger noun (اجتماع، جلسة with its taa restored)."""
    return _lookup(stem) is not None or _lookup(stem[:-1] + "ه" if stem.endswith("ت") else stem) is not None


#: Forms of the light verb عقد "hold (a meeting)" (with the future, imperfect and conjunction
#: prefixes, قد/كان before it is skipped): its subject is a Participant of the meeting it holds.
_HOLD_STEMS: Final = frozenset(("عقد", "يعقد", "تعقد", "نعقد", "عقدت", "عقدوا", "يعقدون", "عقدا", "تعقدان", "يعقدان"))
_HOLD_RELATIVE: Final = frozenset(("عقدته", "عقدها", "عقدتها", "يعقدها", "تعقدها", "عقدتهما", "عقدوه"))
_HOLD_SKIP: Final = frozenset(normalize(w) for w in ("قد", "كان", "كانت", "سوف", "لم", "لن"))
#: the same with ولم and the quotation mark (_goods_arrive skips them too), built once, not per word
_HOLD_SKIP_OR_NOT: Final = _HOLD_SKIP | {normalize("ولم"), '"'}
_CHAIR: Final = frozenset(normalize(w) for w in ("برئاسة", "وبرئاسة"))


@lru_cache(maxsize=1 << 12)
def _hold_form(norm: str) -> int:
    """1 when the word is عقد "held" in one of its forms (سيعقد، وتعقد), 2 when it is the
    relative form with the meeting's pronoun (عقدته، عقدها), else 0 (memoised)."""
    word = norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm
    if word in _HOLD_RELATIVE:
        return 2
    if word.startswith("س") and word[1:] in _HOLD_STEMS:
        return 1
    return 1 if word in _HOLD_STEMS else 0


def holder_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Who holds a meeting takes part in it (GUIDELINES 3.3: every participant named in the
    sentence): the subject of the light verb عقد before a meeting noun (``عقد المجلس اجتماعا``,
    ``أن اللجنة ستعقد غدا اجتماعا``, ``الجودر قد عقد مؤتمرا صحفيا``), its coordinated subjects and
    its مع-complement, as for the signing of an agreement (round 10: ``عقد المجلس الشعبي البلدي
    للمدينة، مساء أمس، اجتماعا``, the subject and a dated phrase between the verb and the noun), the
    subject after its relative form (``اجتماع طارئ عقدته اللجنة``), and the chair (``اجتماعا طارئا
    برئاسة X``)."""
    if trig.type != "MEET" or trig.verb:
        return []
    norms, sentences = view.norms, view.sentences
    sentence = sentences[trig.index]
    mentions = by_sentence.get(sentence, ())
    out = _light_verb_arguments(view, trig, found, by_sentence, _hold_form, "Participant", "مع", single=False)
    taken = {m.key for r, m in found if r == "Participant"} | {m.key for _, m in out}
    # after the trigger: its adjectives, then the chair
    for j in range(trig.last + 1, min(trig.last + 4, len(norms))):
        if sentences[j] != sentence or norms[j] in _CLAUSE_WORDS:
            break
        if norms[j] in _CHAIR:
            m = next((m for m in mentions if j < m.first <= j + 4 and m.type == "PER" and not _clause_between(view, j, m.first)), None)
            if m is not None and m.key not in taken and not m.nisba:
                out.append(("Participant", m))
            break
    return out


#: Round 10: a group sent on a trip (وفد، بعثة، لجنة) "من X": X travels through it (GUIDELINES 3.3,
#: the Person of a TRANSPORT may be an organisation or a state: ``وصل وفد من الغرفة``).
_DELEGATION_NOUNS: Final = frozenset(normalize(w) for w in ("وفد", "وفدا", "بعثة", "لجنة", "فريق", "فريقا"))
_FROM: Final = normalize("من")


def delegation_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """The body a delegation comes from is the Person of its trip: the subject ``وفد من X`` of a
    trip verb, before it (``وفدا من الصندوق سيصل``, قد/كان skipped) or after it with at most eight
    words between (``وصل صباح اليوم إلى المطار وفد من المجلس``), and its chair (``برئاسة Y``)."""
    if trig.type != "TRANSPORT" or not trig.verb or any(r == "Person" for r, _ in found):
        return []
    norms, sentences = view.norms, view.sentences
    sentence = sentences[trig.index]
    mentions = by_sentence.get(sentence, ())
    noun = None
    k = trig.index - 1
    while k >= 0 and norms[k] in _HOLD_SKIP:
        k -= 1
    # before the verb: وفد من X [قد] سيصل (the body's name ends right before the verb)
    body = next((m for m in mentions if m.last == k and m.first >= 2 and norms[m.first - 1] == _FROM
                 and _delegation_noun(norms[m.first - 2])), None)
    if body is not None:
        noun = body.first - 2
    else:
        for j in range(trig.last + 1, min(trig.last + 10, len(norms) - 2)):
            if sentences[j] != sentence or norms[j] in _CLAUSE_WORDS:
                break
            if _delegation_noun(norms[j]) and norms[j + 1] == _FROM:
                body = next((m for m in mentions if m.first == j + 2), None)
                noun = j
                break
    if body is None or noun is None or body.type not in ("ORG", "GPE") or body.nisba:
        return []
    out: list[tuple[str, Mention]] = [("Person", body)]
    for j in range(body.last + 1, min(body.last + 3, len(norms))):
        if norms[j] in _CHAIR:
            chair = next((m for m in mentions if j < m.first <= j + 4 and m.type == "PER" and not _clause_between(view, j, m.first)), None)
            if chair is not None:
                out.append(("Person", chair))
            break
    return out


#: Words that bring in who attends a meeting (round 13): بحضور X، بمشاركة X (with و too).
_ATTENDANCE_WORDS: Final = frozenset(normalize(w) for w in ("بحضور", "وبحضور", "بمشاركة", "وبمشاركة"))
#: How far after the attendance word its participants are looked for (tokens).
_ATTENDANCE_REACH: Final = 14


#: Round 16: forms of ضمّ "bring together" (and جمع) whose subject or object is a meeting noun:
#: ``وضم الاجتماع X وY``، ``اجتماع يضم X``، ``لقاء جمع X وY``: the members listed are its Participants.
_GATHER_FORMS: Final = frozenset(normalize(w) for w in (
    "ضم", "يضم", "تضم", "ضمت", "وضم", "وضمت", "ويضم", "وتضم", "جمع", "يجمع", "تجمع", "جمعت", "وجمع", "وجمعت",
))
#: How far after the gathering verb its list of members is read (tokens).
_GATHER_REACH: Final = 14
#: Prepositions that end the list of members (a place, a time or a topic follows).
_GATHER_STOPS: Final = frozenset(normalize(w) for w in ("في", "إلى", "على", "حول", "خلال", "لبحث", "لمناقشة"))


def membership_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Who a meeting brings together takes part in it (GUIDELINES 3.3, every participant named in
    the sentence): the persons, bodies and states named after a gathering verb right before the
    meeting noun (``وضم الاجتماع وزراء X وY``) or right after it (``اجتماع يضم ممثلي X``), up to
    the first comma or clause word; a state or body behind a representative noun (``وزراء X``) is
    the body that meets through them (3.3)."""
    if trig.type != "MEET" or trig.verb:
        return []
    norms, sentences, n = view.norms, view.sentences, view.n
    if trig.index > 0 and norms[trig.index - 1] in _GATHER_FORMS:
        start = trig.last
    elif trig.last + 1 < n and norms[trig.last + 1] in _GATHER_FORMS:
        start = trig.last + 1
    else:
        return []
    sentence = sentences[trig.index]
    end = start
    for j in range(start + 1, min(start + _GATHER_REACH + 1, n)):
        if sentences[j] != sentence or norms[j] in _CLAUSE_WORDS or norms[j] in _GATHER_STOPS:
            break
        if norms[j] != "بين" and any(cut and "ب" in norms[j][:cut] for cut, _ in stems(norms[j])):
            break  # بأحد فنادق X، بمقر X: where the meeting is, not who it gathers
        end = j
    taken = {m.key for _, m in found}
    return [("Participant", m) for m in by_sentence.get(sentence, ())
            if start < m.first and m.last <= end and m.key not in taken and not m.nisba
            and m.type in ("PER", "ORG", "GPE") and _preposition(view, m) in (None, "عن", "من")]


def attendance_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Who attends a meeting is a Participant (GUIDELINES 3.3: every participant named in the
    sentence): the bodies and persons named after ``بحضور``/``بمشاركة`` later in the meeting's sentence
    (``بحضور ممثلين عن X وY``، ``بمشاركة مراقبين من X``). Where a person is named in commas after a title
    (``بحضور محافظ X، الدكتور NAME،``), the person only: a body named in a participant's title is no
    Participant (3.3). The phrase ends at a clause word, a ل purpose word or a comma that opens no
    apposition (round 13)."""
    if trig.type != "MEET":
        return []
    norms, sentences, n = view.norms, view.sentences, view.n
    sentence = sentences[trig.index]
    # the first attendance word after the trigger, within 24 tokens and in its sentence: by one
    # bisection (sentences never decrease, so a first one in a later sentence means none)
    words_at = view.cached_positions(_ATTENDANCE_WORDS)
    k = bisect.bisect_right(words_at, trig.last)
    start = words_at[k] if k < len(words_at) and words_at[k] < min(trig.last + 25, n) and sentences[words_at[k]] == sentence else None
    if start is None:
        return []
    end = start
    for j in range(start + 1, min(start + _ATTENDANCE_REACH + 1, n)):
        if sentences[j] != sentence:
            break
        if norms[j] in ("،", ","):
            if j + 1 < n and (norms[j + 1],) in _title_words():
                continue  # ، السفير NAME: the name of the attending title-holder follows
            break
        if norms[j] in _CLAUSE_WORDS:
            break
        if view.words[j] and norms[j][:1] == "ل" and not view.definite(j) and norms[j] not in ("لدي",) and j > start + 1 \
                and norms[j - 1] in ("،", ","):
            break  # ، لمناقشة …: the meeting's purpose
        end = j
    taken = {id(m) for _, m in found}
    inside = [m for m in by_sentence.get(sentence, ()) if start < m.first and m.last <= end and id(m) not in taken
              and not m.nisba and m.type in ("PER", "ORG", "GPE") and m.kind in ("name", "nominal")
              and not (m.first > 0 and norms[m.first - 1] in ("في",))]
    people = [m for m in inside if m.type == "PER" and m.kind == "name"]
    chosen = people if people else inside
    return [("Participant", m) for m in chosen]


#: Round 16: office nouns that open a subject named in apposition after them (``زار محافظ X،
#: المهندس NAME،``): the titles of the lexicon and a few offices of local and state news.
_OFFICE_NOUNS: Final = frozenset(normalize(w) for w in ("محافظ", "والي", "وكيل", "الوكيل", "محافظة", "رئيسة", "وزيرة", "مديرة"))
#: How far after the office noun the apposition's name is looked for (tokens).
_TITLED_REACH: Final = 16


@lru_cache(maxsize=1 << 12)
def _is_office_noun(norm: str) -> bool:
    """A reading of the word (a conjunction off) is an office noun or a one-word title."""
    return any((stem,) in _title_words() or stem in _OFFICE_NOUNS for cut, stem in stems(norm) if cut <= 1)


def _titled_subject(view: View, first: int, mentions: Sequence[Mention], end: int) -> Mention | None:
    """The person named in apposition to an office noun at ``first`` (``محافظ X، المهندس NAME``،
    ``رئيس المجلس …، NAME،``): the first person name after a comma (an honorific between) before
    ``end`` and within ``_TITLED_REACH`` tokens, no clause word but commas between. GUIDELINES 3.3:
    the person is the participant, a body or place in the title is not."""
    norms, sentences = view.norms, view.sentences
    if first >= view.n or not _is_office_noun(norms[first]):
        return None
    sentence = sentences[first]
    stop = min(first + _TITLED_REACH, end, view.n)
    k = bisect.bisect_right([m.first for m in mentions], first)
    for m in mentions[k:]:
        if m.first >= stop:
            return None
        if m.type != "PER" or m.kind != "name":
            continue
        j = m.first - 1
        if j > first and (norms[j],) in _title_words():
            j -= 1
        if j > first and norms[j] in ("،", ","):
            return m if not any(norms[x] in _CLAUSE_WORDS and norms[x] not in ("،", ",") or sentences[x] != sentence
                                for x in range(first, m.first)) else None
        return None
    return None


def titled_subject_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Round 16: the subject of a verb trigger named in apposition after an office noun right
    after it (``وزار محافظ X، المهندس NAME، محطة …``، ``تفقد الوكيل … في وزارة X، الدكتور NAME،``)
    is its agent-like argument (Person, Participant, Requester …), and the places and bodies of
    the title are no arguments (GUIDELINES 3.3: a body named only in the title of a named
    participant is not one). Returns the whole argument list, ``found`` when the rule does not apply."""
    if not trig.verb:
        return found
    role = _ROLE_BY_PREP[trig.type].get(None)
    if role is None or trig.type == "TRANSPORT" and _is_sender(view.norms[trig.index]):
        return found
    mentions = by_sentence.get(view.sentences[trig.index], ())
    name = _titled_subject(view, trig.last + 1, mentions, view.n)
    if name is None:
        return found
    kept = [(r, m) for r, m in found if not (trig.last < m.first < name.first) and r != role]
    if any(m.key == name.key for _, m in kept):
        return found
    return [*kept, (role, name), *_after_apposition(view, trig, name, mentions, kept)]


def _after_apposition(view: View, trig: EventMatch, name: Mention, mentions: Sequence[Mention],
                      kept: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """The complements of a verb whose subject was named in apposition (``زار محافظ X، المهندس
    NAME، محطة Y``، ``وصل …، NAME، إلى مدينة X قادما من Y``): read after the apposition's closing
    comma as they would be right after the verb, by their preposition (round 16). The clause ends at
    the next comma or clause word; a few tokens only (``_WINDOW_AFTER``)."""
    norms, n = view.norms, view.n
    j = name.last + 1
    if j >= n or norms[j] not in ("،", ","):
        return []
    roles = _ROLE_BY_PREP[trig.type]
    agent = roles.get(None)
    taken = {(r, m.key) for r, m in kept}
    out: list[tuple[str, Mention]] = []
    for m in mentions:
        if m.first <= j:
            continue
        if m.first - j > _WINDOW_AFTER or _clause_between(view, j, m.first):
            break
        prep = _preposition(view, m) or _class_noun_preposition(view, m, j)
        role = roles.get(prep)
        if trig.type == "TRANSPORT" and prep is None and m.type in ("GPE", "LOC", "FAC"):
            role = "Destination"
        if role is None or role == agent or m.nisba:
            continue
        if role in ("Place", "Destination", "Origin") and m.type not in ("GPE", "LOC", "FAC"):
            continue
        if (role, m.key) not in taken:
            taken.add((role, m.key))
            out.append((role, m))
    return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset[tuple[str, ...]]:
    """One-word titles and honorifics (normalised) that open an apposition after a comma."""
    return frozenset(tuple(normalize(t).split()) for t in lx.TITLES + lx.MORE_TITLES if " " not in t)


@lru_cache(maxsize=1 << 12)
def _delegation_noun(norm: str) -> bool:
    """A reading of the word is a delegation noun (وفد، ووفد، بعثة; memoised)."""
    return any(stem in _DELEGATION_NOUNS for _, stem in stems(norm))


#: Forms of the light verb وقّع "sign" (GUIDELINES 3.2: the agreement noun is the trigger, the
#: signing verb a light verb): its subjects and its مع-complement are the agreement's Parties.
_SIGN_STEMS: Final = frozenset(("وقع", "يوقع", "توقع", "نوقع", "وقعت", "وقعا", "وقعتا", "وقعوا", "يوقعان", "توقعان", "يوقعون"))
_SIGN_RELATIVE: Final = frozenset(("وقعها", "وقعته", "وقعتها", "وقعاها", "وقعوها"))


@lru_cache(maxsize=1 << 12)
def _sign_form(norm: str) -> int:
    """1 when the word is a form of وقّع (سيوقع، ووقعت), 2 for its relative form with the
    agreement's pronoun (التي وقعها), else 0 (memoised)."""
    for word in (norm, norm[1:] if len(norm) > 3 and norm[0] in "وف" else None):
        if word is None:
            continue
        if word in _SIGN_RELATIVE:
            return 2
        if word in _SIGN_STEMS or (word.startswith("س") and word[1:] in _SIGN_STEMS):
            return 1
    return 0


def _coordinated_chain(view: View, mentions: Sequence[Mention], first: Mention, *, forward: bool) -> list[Mention]:
    """``first`` and the mentions coordinated with it by و right after (forward) or before it."""
    chain = [first]
    starts, norms = view.starts, view.norms
    while True:
        cur = chain[-1]
        if forward:
            nxt = next((m for m in mentions if m.first == cur.last + 1 and norms[m.first][:1] == "و" and m.start > starts[m.first]), None)
        else:
            nxt = next((m for m in mentions if m.last == cur.first - 1 and norms[cur.first][:1] == "و" and cur.start > starts[cur.first]), None)
        if nxt is None or nxt in chain:
            return chain
        chain.append(nxt)


#: Light verbs of aid (قدّم، صرف، رصد، خصص، منح، وفّر … دعما/مساعدات/تمويلا): their subject gives.
_GIVE_STEMS: Final = frozenset(normalize(w) for w in (
    "قدم", "يقدم", "تقدم", "نقدم", "قدمت", "قدموا", "يقدمون", "قدمتا", "صرف", "يصرف", "تصرف", "صرفت",
    "رصد", "يرصد", "ترصد", "رصدت", "خصص", "يخصص", "تخصص", "خصصت", "منح", "يمنح", "تمنح", "منحت",
    "وفر", "يوفر", "توفر", "وفرت",
))
_GIVE_RELATIVE: Final = frozenset(normalize(w) for w in (
    "قدمها", "يقدمها", "تقدمها", "قدمته", "قدمتها", "يقدمه", "تقدمه", "صرفها", "منحها", "رصدها", "خصصها", "يوفرها", "توفرها",
))


@lru_cache(maxsize=1 << 12)
def _give_form(norm: str) -> int:
    """1 when the word is a light verb of aid (سيقدم، وصرفت), 2 for its relative form with the
    aid's pronoun (التي تقدمها), else 0 (memoised)."""
    for word in (norm, norm[1:] if len(norm) > 3 and norm[0] in "وف" else None):
        if word is None:
            continue
        if word in _GIVE_RELATIVE:
            return 2
        if word in _GIVE_STEMS or (word.startswith("س") and word[1:] in _GIVE_STEMS):
            return 1
    return 0


def giver_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Who gives aid through a light verb is its Giver (``وزارة X صرفت … دعما``، ``سيقدم الاتحاد
    بموجبها تمويلا``، ``المساعدات التي تقدمها المنظمة``), as signing for agreements (3.3)."""
    if trig.type != "AID" or trig.verb or any(r == "Giver" for r, _ in found):
        return []
    return _light_verb_arguments(view, trig, found, by_sentence, _give_form, "Giver", None, single=True)


#: Round 16: verbs whose subject receives the aid named after them: receiving (حصل على، تلقى، تسلم،
#: استلم) and asking for it (طلب: GUIDELINES 3.3, "the recipient of help requested from its ally
#: Russia … is Iran").
_RECEIVE_STEMS: Final = frozenset(normalize(w) for w in (
    "حصل", "حصلت", "يحصل", "تحصل", "تلقى", "تلقت", "يتلقى", "تتلقى", "تسلم", "تسلمت", "يتسلم", "تتسلم",
    "استلم", "استلمت", "يستلم", "تستلم", "طلب", "طلبت", "يطلب", "تطلب", "نطلب", "طلبوا",
))


@lru_cache(maxsize=1 << 12)
def _receive_form(norm: str) -> int:
    """1 when the word is a verb of receiving or asking for aid (حصلت، ستطلب، وتلقت), else 0."""
    for word in (norm, norm[1:] if len(norm) > 3 and norm[0] in "وف" else None):
        if word is not None and (word in _RECEIVE_STEMS or word.startswith("س") and word[1:] in _RECEIVE_STEMS):
            return 1
    return 0


def receiver_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Round 16: who receives or asks for aid named as a noun after the verb is its Recipient
    (``المؤسسة حصلت الشهر الماضي على قرض من X``، ``إن لبنان قد يطلب دعما إضافيا من Y``، ``تسلمت مصر
    الشريحة الأولى من منحة``): the verb's subject, as a light verb's (3.3). The من-phrase stays the Giver."""
    if trig.type != "AID" or trig.verb or any(r == "Recipient" for r, _ in found):
        return []
    givers = {m.key for r, m in found if r == "Giver"}
    return [(r, m) for r, m in _light_verb_arguments(view, trig, found, by_sentence, _receive_form, "Recipient", None, single=True)
            if m.key not in givers]


def signer_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Who signs an agreement is its Party (GUIDELINES 3.2, 3.3): the subjects of وقّع before the
    agreement noun, coordinated ones too (``وقعت حداد وبن عمار … اتفاقا``, ``الاتحاد الأوروبي
    والحكومة الموريتانية قد وقعا … اتفاقية``), its مع-complement (``وقعت مع الوزارة … اتفاقية``), and
    the subject of the relative form after the noun (``اتفاقية … التي وقعها الاتحاد مع X``)."""
    if trig.type != "AGREE" or trig.verb:
        return []
    return _light_verb_arguments(view, trig, found, by_sentence, _sign_form, "Party", "مع", single=False)


def _light_verb_arguments(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
    form_of: Callable[[str], int], role: str, with_preposition: str | None, *, single: bool,
) -> list[tuple[str, Mention]]:
    """The subject (and coordinated subjects unless ``single``) of a light verb before a noun
    trigger, or of its relative form after it, in ``role``; mentions behind ``with_preposition``
    between the verb and the trigger too."""
    norms, sentences = view.norms, view.sentences
    sentence = sentences[trig.index]
    # the verb before the noun: up to twelve tokens (a dated مع-complement between), commas
    # allowed, no other clause boundary
    verb = None
    for j in range(trig.index - 1, max(trig.index - 13, -1), -1):
        if sentences[j] != sentence or (norms[j] in _CLAUSE_WORDS and norms[j] not in ("،", ",")):
            break
        if form_of(norms[j]) == 1:
            verb = j
            break
    # the relative form after the noun: اتفاقية X التي وقعها Y مع Z
    relative = None
    for j in range(trig.last + 1, min(trig.last + 6, len(norms))):
        if sentences[j] != sentence or norms[j] in _CLAUSE_BREAKS:
            break
        if form_of(norms[j]) == 2:
            relative = j
            break
    if verb is None and relative is None:
        return []  # most triggers: no closures and no set built for them (found first, then read)
    mentions = by_sentence.get(sentence, ())
    taken = {m.key for r, m in found if r == role}
    out: list[tuple[str, Mention]] = []

    def add(m: Mention) -> None:
        if m.key not in taken and m.type in ("PER", "ORG", "GPE") and not m.nisba and not (single and out):
            taken.add(m.key)
            out.append((role, m))

    def bare(m: Mention) -> bool:
        return _preposition(view, m) is None

    def subjects_and_with(verb: int, end: int) -> None:
        after = [m for m in mentions if m.first == verb + 1 and m.last < end and bare(m)]
        titled = None if after else _titled_subject(view, verb + 1, mentions, end)
        if titled is not None:
            add(titled)  # round 16: وعقد رئيس المجلس …، NAME، لقاء: the person, not the body of the title
        elif after:
            for m in _coordinated_chain(view, mentions, after[0], forward=True):
                add(m)
        else:
            k = verb - 1
            while k >= 0 and norms[k] in _HOLD_SKIP:
                k -= 1
            if k > 0 and norms[k] == '"' and any(m.last == k - 1 and _quoted_after_subject(view, m) for m in mentions):
                k -= 1  # round 16: أن الوزارة «ستقدم دعما»: the subject stands before the quoted words
                while k >= 0 and norms[k] in _HOLD_SKIP:
                    k -= 1
            before = [m for m in mentions if m.last == k and not (m.first > 0 and norms[m.first - 1] in _NOT_ARGUMENT_BEFORE)]
            if before and (bare(before[-1]) or norms[before[-1].first][:1] == "و"):
                for m in _coordinated_chain(view, mentions, before[-1], forward=False):
                    if bare(m) or m is not before[-1]:
                        add(m)
        if with_preposition is not None:
            for m in mentions:
                if verb < m.first < end and _preposition(view, m) == with_preposition:
                    add(m)

    if verb is not None:
        subjects_and_with(verb, trig.index)
    if relative is not None:
        j = relative
        end = next((k for k in range(j + 1, min(j + 10, len(norms))) if norms[k] in _CLAUSE_BREAKS or sentences[k] != sentence), min(j + 10, len(norms)))
        subjects_and_with(j, end)
    return out


#: Words that open a fronted locative (وفي البصرة، ...).
_FRONTED_IN: Final = frozenset(normalize(w) for w in ("في", "وفي", "ففي"))
#: Words starting with ل that are no purpose (negation, لدى, pronouns).
_NOT_PURPOSE: Final = frozenset(normalize(w) for w in ("لا", "لم", "لن", "لدى", "لكن", "لكنه", "لكنها", "له", "لها", "لهم", "لنا", "لي", "لقد", "لأن", "لان"))


#: Verbal nouns of purpose after ل (لبحث، لعقد …); لل + any noun is purpose too (للمشاركة، للتفاوض).
_PURPOSE_NOUNS: Final = frozenset(normalize(w) for w in ("بحث", "عقد", "إجراء", "حضور", "مناقشة", "متابعة", "توقيع", "مشاركة", "تفقد", "لقاء"))


@lru_cache(maxsize=1 << 12)
def _is_purpose_word(norm: str) -> bool:
    """ل + a verbal noun of purpose: للمشاركة، للتفاوض، لبحث (not لدى، لكن، لقاء itself)."""
    if norm in _NOT_PURPOSE:
        return False
    return norm.startswith("لل") and len(norm) > 4 or norm[:1] == "ل" and norm[1:] in _PURPOSE_NOUNS


def place_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
    triggers: Sequence[EventMatch],
) -> list[tuple[str, Mention]]:
    """The Place of a meeting or an attack that the sentence gives away from the trigger (round 9,
    GUIDELINES.md 3.3): a place fronted at the sentence's start (``وفي البصرة، وصل … لبحث``), and,
    for a meeting, the destination of a trip in the sentence whose stated purpose it is
    (``سيتوجه إلى طهران … للتفاوض``، ``لدى وصوله إلى مسقط للمشاركة في الاجتماع``).

    ``triggers``: the document's triggers; only the TRANSPORT ones are read, so a caller that
    asks for every trigger's Place passes just those (analyse: walking all triggers for every
    meeting cost more than the rest of this function)."""
    if trig.type not in ("MEET", "ATTACK") or any(r == "Place" for r, _ in found):
        return []
    norms, sentences, words = view.norms, view.sentences, view.words
    sentence = sentences[trig.index]
    mentions = by_sentence.get(sentence, ())
    if not mentions:
        return []
    # the sentence's first token (sentence numbers never decrease: a bisection, not a walk back)
    start = bisect.bisect_left(sentences, sentence, 0, trig.index)
    while start < trig.index and not words[start]:
        start += 1
    purpose = trig.start > view.starts[trig.index] and norms[trig.index][:1] == "ل"
    if norms[start] in _FRONTED_IN and not any(
            is_future_verb(stem) for k in range(start, trig.index) for _, stem in stems(norms[k])[:2]):
        # not an event planned elsewhere (وفي تونس، أكد … أن الوزير سيزور X للقاء …)
        for m in mentions:
            if m.first == start + 1 and m.type in ("GPE", "LOC", "FAC") and not m.nisba:
                after = m.last + 1
                if after < view.n and norms[after] == "ايضا":
                    after += 1
                if after < trig.index and norms[after] in ("،", ","):
                    return [("Place", m)]
            if m.first > start + 1:
                break
    if trig.type != "MEET":
        return []
    for trip in triggers:
        if trip.type != "TRANSPORT" or sentences[trip.index] != sentence or trip.index >= trig.index:
            continue
        for m in mentions:
            if m.first <= trip.last or m.last >= trig.index or m.type not in ("GPE", "LOC", "FAC") or m.nisba:
                continue
            if _preposition(view, m) not in ("الي", None) or (_preposition(view, m) is None and m.first != trip.last + 1):
                continue
            between = range(m.last + 1, trig.index)
            if any(norms[k] in ("،", ",") for k in between):
                continue  # the trip's clause ends before the event
            if purpose or any(_is_purpose_word(norms[k]) for k in between):
                return [("Place", m)]
    return []


#: Round 16: relative pronouns before a form of عقد in a clause on the meeting noun (الذي عقد).
_RELATIVE_PRONOUNS: Final = frozenset(normalize(w) for w in ("الذي", "التي"))
#: How far the relative clause of a held meeting is read for its places (tokens).
_HELD_REACH: Final = 18


#: Round 16: prepositions before a meeting noun that frame the main clause's act (في جلسته، خلال اجتماعها).
_SESSION_FRAMES: Final = frozenset(normalize(w) for w in ("في", "خلال"))


def session_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Who acts in a session takes part in it (GUIDELINES 3.3, every participant named in the
    sentence): a meeting noun framing the main clause after a comma (``أرجأ مجلس النواب، في جلسة
    عقدها …``، ``صادق المجلس بالإجماع، في دورة``، ``وكانت البلدية قد أقرت، في جلسة``) has the clause's
    subject as a Participant: the person, body or state named, with no preposition, at most two
    words before that comma (the verb, قد, an adverb); the body rather than a place nested in its name."""
    if trig.type != "MEET" or trig.verb or trig.index < 3:
        return []
    norms = view.norms
    if norms[trig.index - 1] not in _SESSION_FRAMES or norms[trig.index - 2] not in ("،", ","):
        return []
    comma = trig.index - 2
    if any(m.first < comma and r == "Participant" for r, m in found):
        return []
    best = None
    for m in by_sentence.get(view.sentences[trig.index], ()):
        if m.last >= comma:
            break
        if best is not None and best.start <= m.start and m.end <= best.end:
            continue  # a place nested in the body's name (المجلس البلدي لمحافظة X)
        if comma - m.last <= 3 and m.type in ("PER", "ORG", "GPE") and not m.nisba and _preposition(view, m) is None \
                and not _clause_between(view, m.last, comma):
            best = m
    return [("Participant", best)] if best is not None else []


def held_place_argument(
    view: View, trig: EventMatch, found: list[tuple[str, Mention]], by_sentence: dict[int, list[Mention]],
) -> list[tuple[str, Mention]]:
    """Where a meeting was held is its Place (GUIDELINES 3.3: a locative attached to the trigger):
    the places behind في or ب in the relative clause of عقد on a meeting noun (``مؤتمر صحفي عقده
    … في مقر X بضاحية Y``، ``في اجتماعها الذي عقد … بمقر الشركة في منطقة X``), up to the first
    comma or clause word; nested places are all taken (dev ADJUDICATION A-D43: a place and the
    city it lies in both locate the event)."""
    if trig.type != "MEET" or trig.verb:
        return []
    norms, sentences, n = view.norms, view.sentences, view.n
    sentence = sentences[trig.index]
    verb = None
    for j in range(trig.last + 1, min(trig.last + 4, n)):
        if sentences[j] != sentence:
            break
        if _hold_form(norms[j]) == 2:
            verb = j
            break
        if norms[j] in _RELATIVE_PRONOUNS:
            if j + 1 < n and _hold_form(norms[j + 1]) == 1:
                verb = j + 1
            break
        if norms[j] in _CLAUSE_WORDS:
            break
    if verb is None:
        return []
    end = verb
    for j in range(verb + 1, min(verb + _HELD_REACH + 1, n)):
        if sentences[j] != sentence or norms[j] in _CLAUSE_WORDS:
            break
        end = j
    taken = {m.key for r, m in found if r == "Place"}
    out: list[tuple[str, Mention]] = []
    for m in by_sentence.get(sentence, ()):
        if verb < m.first and m.last <= end and m.type in ("GPE", "LOC", "FAC") and not m.nisba and m.key not in taken \
                and _preposition(view, m) in ("في", "ب"):
            taken.add(m.key)
            out.append(("Place", m))
    return out


#: Round 16: roles filled by a person, a body or a state only (ACE's argument types; GUIDELINES 3.1:
#: who meets, asks, warns, gives, agrees, travels or attacks), never by a facility or a natural place.
_ACTOR_ROLES: Final = frozenset(("Participant", "Requester", "Addressee", "Warner", "Giver", "Party", "Person", "Agent", "Attacker"))


def typed_arguments(found: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """The arguments whose mention's type may fill the role: a facility or a place (FAC, LOC) is
    no actor (``حذر حقل X``، ``إن المرفأ «سيستقبل»`` read a place as the subject). Place,
    Destination, Origin, Recipient and Target may be any of them (a hospital receives devices)."""
    return [(r, m) for r, m in found if not (r in _ACTOR_ROLES and m.type in ("FAC", "LOC"))]


#: Round 16: forms of استقبل "receive" (a facility receiving people is no meeting, GUIDELINES 3.1).
_RECEIVE_GUEST_STEMS: Final = frozenset(normalize(w) for w in (
    "استقبل", "استقبلت", "يستقبل", "تستقبل", "ستستقبل", "سيستقبل", "واستقبل", "واستقبلت", "ويستقبل", "وتستقبل",
))


def facility_receives(view: View, trig: EventMatch, by_sentence: dict[int, list[Mention]]) -> bool:
    """Is the trigger a facility or place receiving people (``المستشفى يستقبل نحو 400 مراجع``،
    ``إن ميناء X «سيستقبل» السفن``، ``يستقبل السد …``)? GUIDELINES 3.1: a hospital or unit receiving
    patients is no event. The subject is the mention right before the verb (قد/لا and a quotation
    mark skipped) or right after it."""
    if trig.type != "MEET" or not trig.verb or view.norms[trig.index] not in _RECEIVE_GUEST_STEMS:
        return False
    norms = view.norms
    k = trig.index - 1
    while k >= 0 and (norms[k] in _HOLD_SKIP or norms[k] in ('"', "لا")):
        k -= 1
    for m in by_sentence.get(view.sentences[trig.index], ()):
        if (m.last == k or m.first == trig.last + 1) and m.type in ("FAC", "LOC") and not m.nisba:
            return True
    # round 18: a unit of a hospital or a port as the subject (قسم الطوارئ استقبل، المحجر استقبل), or a
    # count of people or goods as the object (استقبل 12 مصابا، يستقبل نحو 400 مراجع، سيستقبل أول المرضى)
    if k >= 0 and norms[k] in _RECEIVING_UNITS:
        return True
    j = trig.last + 1
    while j < view.n and norms[j] in ('"', "،"):
        j += 1
    return j < view.n and (norms[j].isdecimal() or norms[j] in _RECEIVED_AMOUNTS)


_RECEIVING_UNITS: Final = frozenset(normalize(w) for w in (
    "الطوارئ", "القسم", "الجناح", "العزل", "المنفذ", "المحجر", "المستشفى", "الوحدة", "المركز", "المعبر", "الميناء",
))
_RECEIVED_AMOUNTS: Final = frozenset(normalize(w) for w in ("نحو", "حوالي", "قرابة", "أكثر", "أول", "عشرات", "مئات", "آلاف", "يوميا", "كل"))


def _cue_index(quote: QuoteMatch) -> int:
    return quote.cue_index


def speech_time(
    view: View, trig: EventMatch, quotes: Sequence[QuoteMatch], timexes_in_sentence: Sequence[TimexMatch],
    opener: TimexMatch | None,
) -> TimexMatch | None:
    """The Time of a speaker's own speech act when the nearest-time rule found none (round 9): a
    warning or request the speaker makes by speaking (the cue itself, ``…، محذرا من``، ``مطالبا``)
    and the press conference he speaks at happen when he speaks, so the expression that dates the
    speech dates them: a day expression between the cue and the content or before the cue in the
    sentence (``حذرت X، في تصريح ظهر اليوم، من أن``), else the one opening the paragraph
    (``والأحد، قال X في مؤتمر صحفي …، محذرا``; GUIDELINES.md 3.3: it dates the report, and these
    events are the report). Never a time inside the reported words, a duration, a set or a bound."""
    if trig.type not in ("WARN", "REQUEST", "MEET"):
        return None
    if trig.type == "MEET" and not _is_press_event(view.norms[trig.index]):
        return None
    sentences = view.sentences
    sentence = sentences[trig.index]
    # the last quote cued in the trigger's sentence at or before its last token; quotes come in
    # text order (find_quotes reads the cues left to right), so one bisection and a walk back over
    # that sentence's cues find it, not a walk over every quote of the document for each trigger
    k = bisect.bisect_right(quotes, trig.last, key=_cue_index)
    quote = None
    while k > 0:
        k -= 1
        cue_sentence = sentences[quotes[k].cue_index]
        if cue_sentence == sentence:
            quote = quotes[k]
            break
        if cue_sentence < sentence:
            break
    if quote is None:
        return None
    first, last = quote.content_tokens
    if first <= trig.index <= last:
        return None
    region_first, region_last = quote.region
    for t in timexes_in_sentence:
        if t.parts.duration is not None or t.parts.recurrence is not None or not _can_date_event(view, t):
            continue
        if any(c[0] <= t.first <= c[1] for c in (q.content_tokens for q in quotes)):
            continue
        if region_first <= t.first and t.last <= region_last or t.last < quote.cue_index:
            return t
    if opener is not None and view.paragraphs[opener.first] == view.paragraphs[trig.index] and opener.last < quote.cue_index \
            and opener.parts.duration is None and opener.parts.recurrence is None:
        return opener
    return None
