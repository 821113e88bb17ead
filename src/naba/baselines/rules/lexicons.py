"""General-purpose lexical resources of the rule-based baseline.

Everything here is *general*: it must serve any Arabic news text, never the one
article of the benchmark. Place names come from the Unicode CLDR data shipped
with ``babel`` (Arabic territory names, Arabic exemplar cities of the time-zone
database, the month names of every Arabic locale); the remaining lists (world
capitals and major cities, regions, well-known institutions, titles, speech
verbs, event triggers) are written by hand from general knowledge of the news
register and are deliberately broad. No person name appears anywhere: person
names are found by pattern (a title followed by name tokens) and then
propagated inside the document.

All entries are stored *normalised* (``naba.common.arabic.normalize``) and split into
tokens, so that lookups are plain dict/set operations on the normalised view.
The lexicons are built once per process (``lru_cache``) and are immutable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Iterable

from naba.common.arabic import normalize


def norm_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase as a tuple of normalised tokens (the key of every phrase lexicon)."""
    return tuple(normalize(phrase).split())


# --------------------------------------------------------------------------- places

#: Common short or alternative Arabic names of states next to CLDR's formal ones
#: (ISO 3166 code -> names); CLDR itself supplies one name per territory.
COUNTRY_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "US": ("أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"),
    "GB": ("بريطانيا", "إنجلترا", "انكلترا", "بريطانيا العظمى"),
    "AE": ("الإمارات", "دولة الإمارات"),
    "SA": ("السعودية",),
    "PS": ("فلسطين", "دولة فلسطين"),
    "SY": ("سورية",),
    "RU": ("روسيا الاتحادية",),
    "BY": ("روسيا البيضاء",),
    "CN": ("الصين الشعبية",),
    "OM": ("سلطنة عمان",),
    "CD": ("جمهورية الكونغو الديمقراطية", "الكونغو الديمقراطية"),
    "NL": ("هولندا",),
    "IL": ("دولة الاحتلال",),
}

#: Capitals that news uses metonymically for the state's government ("موقف موسكو").
#: A capital links to its state unless it is used as a place (after في/إلى/من/ب, or
#: in apposition to العاصمة): GUIDELINES.md 1.5.
CAPITALS: Final[dict[str, str]] = {
    "موسكو": "RU", "طهران": "IR", "واشنطن": "US", "تل أبيب": "IL", "بكين": "CN", "لندن": "GB",
    "باريس": "FR", "برلين": "DE", "روما": "IT", "مدريد": "ES", "طوكيو": "JP", "أنقرة": "TR",
    "كييف": "UA", "دمشق": "SY", "بغداد": "IQ", "بيروت": "LB", "القاهرة": "EG",
    "الرياض": "SA", "الدوحة": "QA", "أبوظبي": "AE", "أبو ظبي": "AE", "المنامة": "BH", "مسقط": "OM",
    "صنعاء": "YE", "الخرطوم": "SD", "طرابلس": "LY", "الرباط": "MA", "نواكشوط": "MR", "كابول": "AF",
    "إسلام آباد": "PK", "نيودلهي": "IN", "سيول": "KR", "بيونغ يانغ": "KP", "أوتاوا": "CA",
    "بروكسل": "BE", "فيينا": "AT", "وارسو": "PL", "مينسك": "BY", "باكو": "AZ", "يريفان": "AM",
    "تبليسي": "GE", "أثينا": "GR", "نيقوسيا": "CY", "بلغراد": "RS", "كاراكاس": "VE", "هافانا": "CU",
}

#: Prepositions after which a capital is a place, not its government.
LOCATIVE_PREPOSITIONS: Final[tuple[str, ...]] = ("في", "إلى", "الى", "من", "داخل", "قرب", "نحو")

#: Nouns that, with a nisba, denote the state, its government or people as a whole:
#: a *nominal* mention of the GPE ("السلطات الإيرانية"; GUIDELINES.md 1.3).
GPE_NOMINAL_HEADS: Final[tuple[str, ...]] = (
    "السلطات", "النظام", "الشعب", "الحكومة", "الاحتلال", "الكيان", "الدولة", "الجانب",
)

#: Regions, continents, seas: LOC rather than GPE (no government of their own).
REGIONS: Final[tuple[str, ...]] = (
    "الشرق الأوسط", "الشرق الأدنى", "الخليج", "الخليج العربي", "الخليج الفارسي", "المغرب العربي",
    "شمال أفريقيا", "شمال إفريقيا", "الساحل", "القرن الأفريقي", "البلقان", "القوقاز", "آسيا الوسطى",
    "أوروبا", "آسيا", "أفريقيا", "إفريقيا", "أمريكا اللاتينية", "أمريكا الشمالية", "أمريكا الجنوبية",
    "أوقيانوسيا", "البحر الأحمر", "البحر المتوسط", "البحر الأبيض المتوسط", "البحر الأسود",
    "بحر قزوين", "المحيط الأطلسي", "المحيط الهادئ", "المحيط الهندي", "مضيق هرمز", "باب المندب",
    "قناة السويس", "شبه الجزيرة العربية", "سيناء", "الجولان", "الضفة الغربية", "قطاع غزة",
    "البحر الكاريبي", "القطب الشمالي", "أنتاركتيكا", "الدونباس", "القرم", "كشمير", "دارفور",
)

#: World capitals and major cities (hand list; CLDR's exemplar cities are added on top).
CITIES: Final[tuple[str, ...]] = (
    # Middle East and North Africa
    "القاهرة", "الإسكندرية", "الرياض", "جدة", "مكة", "مكة المكرمة", "المدينة المنورة", "الدوحة",
    "أبوظبي", "أبو ظبي", "دبي", "الشارقة", "الكويت", "المنامة", "مسقط", "صنعاء", "عدن", "بغداد",
    "البصرة", "الموصل", "أربيل", "دمشق", "حلب", "حمص", "إدلب", "بيروت", "طرابلس", "القدس",
    "تل أبيب", "حيفا", "يافا", "غزة", "رام الله", "نابلس", "الخليل", "جنين", "رفح", "خان يونس",
    "طهران", "أصفهان", "مشهد", "تبريز", "شيراز", "قم", "أنقرة", "إسطنبول", "اسطنبول", "أزمير",
    "الجزائر العاصمة", "وهران", "قسنطينة", "تونس العاصمة", "صفاقس", "الرباط", "الدار البيضاء",
    "مراكش", "فاس", "طنجة", "نواكشوط", "بنغازي", "مصراتة", "الخرطوم", "أم درمان", "بورتسودان",
    "مقديشو", "جيبوتي", "أسمرة", "أديس أبابا", "نيروبي",
    # Europe
    "موسكو", "سان بطرسبورغ", "سانت بطرسبرغ", "بطرسبورغ", "كييف", "خاركيف", "أوديسا", "مينسك",
    "وارسو", "برلين", "ميونخ", "هامبورغ", "فرانكفورت", "باريس", "مرسيليا", "ليون", "لندن",
    "مانشستر", "روما", "ميلانو", "مدريد", "برشلونة", "لشبونة", "أثينا", "فيينا", "بروكسل",
    "أمستردام", "لاهاي", "جنيف", "زيورخ", "برن", "ستوكهولم", "أوسلو", "هلسنكي", "كوبنهاغن",
    "براغ", "بودابست", "بوخارست", "صوفيا", "بلغراد", "زغرب", "سراييفو", "تيرانا", "دبلن",
    "ريغا", "فيلنيوس", "تالين", "يريفان", "باكو", "تبليسي", "نيقوسيا", "فاليتا", "لوكسمبورغ",
    "الفاتيكان", "ستراسبورغ",
    # Asia and Oceania
    "بكين", "شنغهاي", "هونغ كونغ", "طوكيو", "أوساكا", "سيول", "بيونغ يانغ", "نيودلهي",
    "نيودلهي", "مومباي", "إسلام آباد", "كراتشي", "لاهور", "كابول", "قندهار", "دكا", "كاتماندو",
    "كولومبو", "بانكوك", "هانوي", "مانيلا", "جاكرتا", "كوالالمبور", "سنغافورة", "تايبيه",
    "أستانا", "طشقند", "بيشكيك", "دوشانبي", "عشق آباد", "سيدني", "ملبورن", "كانبيرا", "ولينغتون",
    # Americas
    "واشنطن", "نيويورك", "لوس أنجلوس", "شيكاغو", "ميامي", "هيوستن", "سان فرانسيسكو", "بوسطن",
    "أوتاوا", "تورونتو", "مونتريال", "مكسيكو سيتي", "هافانا", "كاراكاس", "بوغوتا", "ليما",
    "سانتياغو", "بوينس آيرس", "برازيليا", "ريو دي جانيرو", "ساو باولو",
    # Africa
    "لاغوس", "أبوجا", "أكرا", "داكار", "باماكو", "نيامي", "واغادوغو", "نجامينا", "كينشاسا",
    "لواندا", "جوهانسبرغ", "بريتوريا", "كيب تاون", "هراري", "لوساكا", "كمبالا", "كيغالي",
    "دار السلام", "أنتاناناريفو",
)

#: CLDR exemplar cities that collide with ordinary Arabic words (ترك "left", نوم "sleep",
#: العيون "the eyes", ...): excluded, or every such word would become a city.
CITY_BLOCKLIST: Final[frozenset[str]] = frozenset(
    normalize(w)
    for w in ("ترك", "نوم", "سول", "ماهي", "سنتر", "العيون", "جوني", "ديلي", "ترول", "بويس", "كناري",
              "سيتا", "واك", "بلم", "ثيل", "برثا", "جوجو", "ماشيو", "مدينة غير معروفة", "كيابا",
              "الجزائر", "الكويت", "جيبوتي", "تونس", "بنما", "قطر", "سنغافورة", "الفاتيكان")
)

# --------------------------------------------------------------------------- organisations

#: Well-known institutions of world news (metonymic seats of power included).
INSTITUTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("الأمم المتحدة", "ORG"), ("مجلس الأمن الدولي", "ORG"), ("الجمعية العامة للأمم المتحدة", "ORG"),
    ("حلف شمال الأطلسي", "ORG"), ("حلف الناتو", "ORG"), ("الناتو", "ORG"), ("الاتحاد الأوروبي", "ORG"),
    ("الاتحاد الأفريقي", "ORG"), ("جامعة الدول العربية", "ORG"), ("الجامعة العربية", "ORG"),
    ("مجلس التعاون الخليجي", "ORG"), ("منظمة التعاون الإسلامي", "ORG"), ("الوكالة الدولية للطاقة الذرية", "ORG"),
    ("منظمة الصحة العالمية", "ORG"), ("صندوق النقد الدولي", "ORG"), ("البنك الدولي", "ORG"),
    ("منظمة التجارة العالمية", "ORG"), ("أوبك", "ORG"), ("منظمة أوبك", "ORG"), ("الصليب الأحمر", "ORG"),
    ("الهلال الأحمر", "ORG"), ("الدفاع المدني", "ORG"), ("الحماية المدنية", "ORG"), ("اليونسكو", "ORG"), ("اليونيسف", "ORG"), ("الأونروا", "ORG"),
    ("محكمة العدل الدولية", "ORG"), ("المحكمة الجنائية الدولية", "ORG"), ("مجموعة السبع", "ORG"),
    ("مجموعة العشرين", "ORG"), ("بريكس", "ORG"), ("منظمة شنغهاي للتعاون", "ORG"),
    ("البيت الأبيض", "ORG"), ("الكرملين", "ORG"), ("البنتاغون", "ORG"), ("الإليزيه", "ORG"),
    ("قصر الإليزيه", "ORG"), ("داونينغ ستريت", "ORG"), ("البيت الأزرق", "ORG"), ("الكونغرس", "ORG"), ("الكنيست", "ORG"),
    ("مجلس الشيوخ", "ORG"), ("مجلس النواب", "ORG"), ("البرلمان الأوروبي", "ORG"), ("المفوضية الأوروبية", "ORG"),
    ("وكالة المخابرات المركزية", "ORG"), ("الموساد", "ORG"), ("الحرس الثوري", "ORG"), ("حزب الله", "ORG"),
    ("حماس", "ORG"), ("حركة حماس", "ORG"), ("الجهاد الإسلامي", "ORG"), ("طالبان", "ORG"), ("داعش", "ORG"),
    ("تنظيم الدولة", "ORG"), ("القاعدة", "ORG"), ("الحوثيين", "ORG"), ("جماعة الحوثي", "ORG"),
    ("رويترز", "ORG"), ("فرانس برس", "ORG"), ("أسوشيتد برس", "ORG"), ("بلومبرغ", "ORG"), ("بلومبيرغ", "ORG"),
    ("تاس", "ORG"), ("إنترفاكس", "ORG"), ("نوفوستي", "ORG"), ("ريا نوفوستي", "ORG"), ("سبوتنيك", "ORG"),
    ("إرنا", "ORG"), ("تسنيم", "ORG"), ("فارس", "ORG"), ("الأناضول", "ORG"), ("شينخوا", "ORG"),
    # round 19: the national news agencies of Arab states by their short names, where the short name
    # is no common word or place (قنا is also Qena, نينا ends بنينا, وام/ومع/بنا are words: read from datelines only)
    ("سانا", "ORG"), ("بترا", "ORG"), ("كونا", "ORG"), ("واس", "ORG"), ("واج", "ORG"), ("سونا", "ORG"),
    ("بي بي سي", "ORG"), ("سي إن إن", "ORG"), ("الجزيرة", "ORG"), ("العربية", "ORG"), ("سكاي نيوز", "ORG"),
    ("نيويورك تايمز", "ORG"), ("واشنطن بوست", "ORG"), ("وول ستريت جورنال", "ORG"), ("الغارديان", "ORG"),
    ("أكسيوس", "ORG"), ("فايننشال تايمز", "ORG"), ("دير شبيغل", "ORG"), ("لوموند", "ORG"),
    ("غوغل", "ORG"), ("جوجل", "ORG"), ("أمازون", "ORG"), ("مايكروسوفت", "ORG"),
    ("آبل", "ORG"), ("ميتا", "ORG"), ("تسلا", "ORG"),
)

#: Seats of power that are a building (FAC) when used as a place ("المحادثات بالكرملين")
#: and the institution (ORG) when they act or speak (GUIDELINES.md 1.5).
SEATS_OF_POWER: Final[frozenset[str]] = frozenset(
    " ".join(norm_tokens(w)) for w in ("الكرملين", "البيت الأبيض", "البنتاغون", "الإليزيه", "قصر الإليزيه", "داونينغ ستريت", "البيت الأزرق")
)

#: Nouns that head an organisation name: "وكالة X", "وزارة X", "مجلس X" ...
ORG_HEADS: Final[tuple[str, ...]] = (
    "وكالة", "وزارة", "مجلس", "منظمة", "هيئة", "حركة", "حزب", "جماعة", "شركة", "جامعة", "جمعية",
    "مؤسسة", "اتحاد", "رابطة", "لجنة", "صندوق", "بنك", "مصرف", "محكمة", "قناة", "صحيفة", "جريدة",
    "مجلة", "إذاعة", "شبكة", "تلفزيون", "جيش", "قوات", "الرئاسة", "رئاسة", "الحكومة", "حكومة",
    "البرلمان", "برلمان", "مكتب", "سلطة", "مفوضية", "أكاديمية", "معهد", "مركز", "ائتلاف", "تحالف",
    "كتلة", "نقابة",
    # bodies of local news: chambers of commerce (غرفة تجارة X، غرفة التجارة والصناعة), a city's
    # municipality in the Gulf (أمانة X) and cooperatives (تعاونية X)
    "غرفة", "أمانة", "تعاونية",
)

#: Tokens that may continue an organisation name after its head (besides definite nouns).
ORG_CONTINUATIONS: Final[tuple[str, ...]] = ("للأنباء", "للانباء", "للطاقة", "للتعاون", "للإعلام", "للدراسات")

#: Nouns that head a facility name: "منشأة X", "مطار X", "موقع X" ...
FAC_HEADS: Final[tuple[str, ...]] = (
    "منشأة", "منشاة", "محطة", "مطار", "ميناء", "قاعدة", "مفاعل", "موقع", "سجن", "مستشفى", "جسر",
    "سد", "مصفاة", "مسجد", "كنيسة", "قصر", "ملعب", "برج", "معبر", "كوبري", "حقل", "مصنع", "استاد",
    "صالة", "حلبة", "مدرسة", "شارع", "مصحة", "مسرح", "مرفأ", "سوق", "ساحة", "فرن", "كورنيش", "أوتوستراد",
    # round 13: a complex of services (مجمع X الصحي، مجمع خدمات X الحكومي) and a road (طريق X - Y)
    "مجمع", "طريق",
    # round 15: a checkpoint, a water reservoir, a town square and a depot (حاجز X، خزان X، ميدان X، مستودع X)
    "حاجز", "خزان", "ميدان", "مستودع",
)

# --------------------------------------------------------------------------- titles and roles

#: Titles and role nouns that introduce a person (optionally followed by a nisba, an
#: organisation complement and then a name): "الرئيس الروسي فلاديمير ..." .
TITLES: Final[tuple[str, ...]] = (
    "الرئيس", "رئيس", "نائب الرئيس", "رئيس الوزراء", "رئيس الحكومة", "رئيس وزراء", "رئيس مجلس",
    "وزير", "الوزير", "وزيرة", "الوزيرة", "نائب", "النائب", "وزير الخارجية", "وزير الدفاع",
    "وزير الداخلية", "وزير المالية", "نائب وزير", "المتحدث", "المتحدث باسم", "المتحدثة باسم",
    "الناطق باسم", "الناطق", "المتحدثة", "الناطقة باسم", "المرشد", "المرشد الأعلى", "الملك", "الملكة",
    "الأمير", "ولي العهد", "الشيخ", "السلطان", "الأمين العام", "الأمين العام لـ", "السفير", "السفيرة",
    "المبعوث", "المبعوث الخاص", "المندوب", "قائد", "القائد", "الجنرال", "اللواء", "العميد", "العقيد",
    "الفريق", "المشير", "رئيس أركان", "رئيس الأركان", "المستشار", "المستشارة", "المدير", "مدير",
    "المدير العام", "رئيس بلدية", "عمدة", "زعيم", "الزعيم", "الحاكم", "حاكم", "المفوض", "المفوضة",
    "السيناتور", "النائبة", "البابا", "الإمام", "آية الله", "الدكتور", "د.", "المحلل", "الخبير",
    "الكاتب", "الصحفي", "المراسل", "مراسل", "رئيسة", "الرئيسة", "سكرتير", "السكرتير", "الوزير الأول",
    # feminine forms, counterparts and roles that introduce a name in news prose
    "المحللة", "الخبيرة", "الكاتبة", "الصحفية", "المراسلة", "مراسلة", "المديرة", "مديرة", "النائبة",
    "الناشط", "الناشطة", "نظيره", "نظيرته", "المسؤول", "المسؤولة", "منسق", "منسقة", "ممثل", "ممثلة",
    "عضو", "عضوة", "المدرب", "مدرب", "اللاعب", "اللاعبة", "الباحث", "الباحثة", "الأستاذ", "الأستاذة",
    "الطبيب", "الطبيبة", "المحامي", "المحامية", "القاضي", "القاضية", "وزير الدولة", "كاتب الدولة",
    # the feminine of the doctor's title, and the rapporteur of a council or committee
    "الدكتورة", "مقرر", "مقررة", "المقرر", "المقررة",
)

#: Tokens that are never part of a person name (function words, speech verbs, common
#: nouns that follow names in news syntax). Used to stop name patterns.
NAME_STOPWORDS: Final[frozenset[str]] = frozenset(
    normalize(w)
    for w in (
        "في", "من", "إلى", "على", "عن", "مع", "خلال", "بعد", "قبل", "عند", "حول", "ضد", "بين", "منذ",
        "الذي", "التي", "الذين", "إن", "أن", "بأن", "لأن", "كان", "كانت", "قد", "لقد", "لم", "لن", "لا",
        "ما", "هل", "قال", "قالت", "قوله", "قولها", "أن", "إنه", "أنه", "إنها", "أنها", "و", "ثم", "أو",
        "هو", "هي", "هذا", "هذه", "ذلك", "تلك", "كل", "بعض", "أي", "غير", "عبر", "لدى", "لدي", "حتى",
        "أمس", "اليوم", "غدا", "الآن", "يوم", "صباح", "مساء", "فجر", "ليلة", "وقت", "أيضا", "فقط",
        "إنّ", "أنّ", "بشأن", "نحو", "تجاه", "دون", "إذا", "لكن", "بل", "كما", "فيما", "بينما",
        "حيث", "وذلك", "عليه", "عليها", "له", "لها", "به", "بها", "فيه", "فيها", "منه", "منها",
    )
)

#: Very common Arabic given names (general knowledge of Arabic naming, not taken from any
#: article): a token of this list that starts an unknown name marks it as a person even with no
#: title before it ("قال مصطفى X إن ..."). Short and ambiguous words (أمل "hope", نور "light",
#: سلام "peace", كريم "generous") are left out on purpose, and so are the replacement names of the
#: challenge's name variants (محمد، يوسف، خالد، سعيد، نادية: naba.challenge.names), which must stay
#: unknown to every list a reference system uses (tests/test_challenge.py).
GIVEN_NAMES: Final[tuple[str, ...]] = (
    "أحمد", "محمود", "مصطفى", "علي", "حسن", "حسين", "إبراهيم", "إسماعيل",
    "عمر", "عثمان", "سعد", "سامي", "سمير", "طارق", "ياسر", "ياسين", "هشام", "وليد", "عادل",
    "جمال", "كمال", "فؤاد", "رشيد", "نبيل", "مراد", "منير", "فيصل", "ناصر", "صالح", "زياد",
    "رامي", "مازن", "عماد", "أيمن", "أسامة", "حمزة", "بلال", "أنس", "معاذ", "مهند", "حيدر",
    "جعفر", "قاسم", "مالك", "ماجد", "فهد", "سلمان", "سلطان", "نايف", "بدر", "تركي", "منصور",
    "جابر", "جاسم", "حمد", "راشد", "زايد", "هادي", "مهدي", "توفيق", "لطفي",
    "فاطمة", "عائشة", "خديجة", "مريم", "زينب", "سارة", "ليلى", "هدى", "سعاد", "سميرة",
    "ريم", "رنا", "لينا", "دينا", "منى", "سلمى", "هالة", "نوال", "سناء", "رشا", "غادة",
    "سهام", "نجلاء", "أسماء", "رانيا", "ياسمين", "كريمة", "نعيمة", "حليمة", "جميلة", "لمياء",
    "سوسن", "هيفاء", "شيماء", "آمنة", "نسرين", "سهى", "ميساء", "رحاب", "عبير",
    # round 18: more given names of every region, chosen as the list above (no word that is also a
    # common noun or adjective: no رجاء، وفاء، شريف، ماهر; none of the challenge's replacement names)
    "آدم", "يعقوب", "موسى", "عيسى", "داود", "سليمان", "زكريا", "إدريس", "يونس", "أيوب",
    "علاء", "بشار", "باسل", "نادر", "عصام", "شادي", "أنور", "مجدي", "حمدي", "فتحي", "صبري",
    "عاطف", "هاني", "وائل", "مروان", "عدنان", "غسان", "نزار", "لؤي", "قصي", "عمار", "ثامر",
    "مشعل", "بندر", "حامد", "محسن", "منصف", "إياد", "أمجد", "بسام", "حسام", "خليل", "سامر",
    "طلال", "غازي", "فادي", "فراس", "قيس", "معتز", "ناجي", "هيثم", "يزن", "زهير", "شوقي", "نجيب",
    "نورة", "لمى", "ميسون", "رهف", "هند", "سلوى", "نجوى", "عبلة", "نادين", "لبنى", "رغد",
    "زهراء", "خلود", "روان", "تسنيم", "آلاء", "مها", "كوثر", "فتيحة", 
)

#: Feminine and long titles that the title list above lacks (a role noun with its adjective).
MORE_TITLES: Final[tuple[str, ...]] = (
    "الأمينة العامة", "الأمين العام", "الأمينة", "الناطقة", "الممثلة", "المنسقة", "الرئيسة التنفيذية",
    "الرئيس التنفيذي", "المديرة العامة", "عضوة", "المرشح", "المرشحة", "الوالي", "الوالية", "المحافظ",
    "رئيسة الوزراء", "وزيرة الخارجية", "وزيرة الصحة", "نائبة", "نائبة الرئيس",
    # professional honorifics that news writes before a name in an apposition (round 11)
    "المهندس", "المهندسة",
    # an envoy in construct with the state or body sending him, written before a name in commas
    # (round 12: سفيرة X لدى Y، NAME،)
    "سفير", "سفيرة",
    # round 19: a governor's title in construct with his province (محافظ درعا، والي القيروان), written
    # in headlines and as a subject without a name
    "محافظ", "والي",
)

#: Name-internal particles that let a person name run to a third token (عبد الله، ابن سلمان); also
#: the Berber أيت/آيت ("sons of", Maghrebi family names) and the fused Maghrebi spelling بنعبد (بن عبد).
NAME_JOINERS: Final[frozenset[str]] = frozenset(normalize(w) for w in ("عبد", "بن", "ابن", "أبو", "أبي", "آل", "ولد", "بنت", "منت", "دي", "فون", "فان", "دا", "أيت", "آيت", "بنعبد"))

# --------------------------------------------------------------------------- nisba

#: Irregular nisba (relational adjective) stems of country names.
NISBA_IRREGULAR: Final[dict[str, tuple[str, ...]]] = {
    "الولايات المتحدة": ("أمريكي", "أميركي"),
    "الولايات المتحدة الأمريكية": ("أمريكي", "أميركي"),
    "المملكة المتحدة": ("بريطاني",),
    "المملكة العربية السعودية": ("سعودي",),
    "الإمارات العربية المتحدة": ("إماراتي",),
    "الأراضي الفلسطينية": ("فلسطيني",),
    "كوريا الشمالية": ("كوري شمالي",),
    "كوريا الجنوبية": ("كوري جنوبي",),
    "إسرائيل": ("إسرائيلي",),
    "الصين": ("صيني",),
    "اليمن": ("يمني",),
    "الهند": ("هندي",),
    "عمان": ("عماني",),
    "قطر": ("قطري",),
    "البحرين": ("بحريني",),
    "الكويت": ("كويتي",),
    "مصر": ("مصري",),
    "فلسطين": ("فلسطيني",),
    "سوريا": ("سوري",),
    "سورية": ("سوري",),
    "ألمانيا": ("ألماني",),
    "روسيا": ("روسي",),
    "بيلاروسيا": ("بيلاروسي",),
    "الأردن": ("أردني",),
    "العراق": ("عراقي",),
    "اليابان": ("ياباني",),
}


#: Broken (irregular) plurals of common nisbas, by ISO code.
NISBA_BROKEN_PLURALS: Final[dict[str, tuple[str, ...]]] = {
    "RU": ("الروس", "روس"), "TR": ("الأتراك", "أتراك"), "US": ("الأمريكان", "الأميركان"),
    "GB": ("الإنجليز", "الانكليز"), "FR": ("الفرنسيين",), "DE": ("الألمان", "ألمان"),
    "IL": ("الصهاينة", "الصهيوني", "الصهيونية", "صهيوني", "صهيونية"),
    "JP": ("اليابانيين",), "KR": ("الكوريين",), "IR": ("الإيرانيين",),
}


def nisba_stems(country: str) -> tuple[str, ...]:
    """Masculine singular nisba stems (without ال) derived from a country name.

    Regular derivation, good for most names: drop the article, then a final
    ``يا``/``ا`` and add ``ي`` (روسيا -> روسي, كندا -> كندي, العراق -> عراقي,
    إيران -> إيراني). Irregular names come from ``NISBA_IRREGULAR``.
    """
    if country in NISBA_IRREGULAR:
        return NISBA_IRREGULAR[country]
    words = country.split()
    if len(words) != 1:
        return ()
    word = words[0]
    if word.startswith("ال"):
        word = word[2:]
    if word.endswith("يا"):
        stem = word[:-1]
    elif word.endswith("ا"):
        stem = word[:-1] + "ي"
    else:
        stem = word + "ي"
    return (stem,) if len(stem) >= 3 else ()


def nisba_forms(stem: str) -> tuple[str, ...]:
    """Surface forms of a nisba: with/without article, masculine/feminine, plurals."""
    words = stem.split()
    head = words[0]
    rest = words[1:]
    out = []
    for article in ("", "ال"):
        for suffix in ("", "ة", "ون", "ين", "ان", "تين", "تان"):
            first = article + head + suffix
            tail = [article + w + ("ة" if suffix.startswith("ة") or suffix.startswith("ت") else "") for w in rest]
            out.append(" ".join([first, *tail]))
    return tuple(out)


# --------------------------------------------------------------------------- quotes

#: Speech-act verbs (3rd person perfect, masc. and fem.) that introduce reported speech.
SPEECH_VERBS: Final[tuple[str, ...]] = (
    "قال", "أضاف", "أكد", "أوضح", "شدد", "تابع", "أشار", "كشف", "أفاد", "أعلن", "صرح", "ذكر",
    "اعتبر", "رأى", "لفت", "نفى", "حذر", "أردف", "استطرد", "زعم", "ادعى", "وصف", "أبلغ", "أفادت",
    "نقل", "نقلت", "أعرب", "بين", "طالب", "دعا", "اتهم", "قالت", "أضافت", "أكدت", "أوضحت", "شددت",
    "تابعت", "أشارت", "كشفت", "أعلنت", "صرحت", "ذكرت", "اعتبرت", "رأت", "لفتت", "نفت", "حذرت",
    "أردفت", "زعمت", "وصفت", "أبلغت", "أعربت", "بينت", "طالبت", "دعت", "اتهمت", "يقول", "تقول",
    "يضيف", "تضيف", "يؤكد", "تؤكد", "يرى", "ترى", "يشير", "تشير",
    # verbs of judging likely or unlikely and of admitting, with a clause (استبعد أن، اعترف بأن; round 11)
    "استبعد", "استبعدت", "رجح", "رجحت", "توقع", "توقعت", "اعترف", "اعترفت",
)

#: Speech participles used as adverbial cues with an implicit subject ("مضيفا أن ...").
SPEECH_PARTICIPLES: Final[tuple[str, ...]] = (
    "مضيفا", "مشيرا", "مؤكدا", "نافيا", "مشددا", "موضحا", "لافتا", "معتبرا", "محذرا", "متابعا",
    "قائلا", "مبينا", "منوها", "معربا", "كاشفا", "داعيا", "مطالبا", "متهما", "زاعما", "مردفا",
    "مضيفة", "مشيرة", "مؤكدة", "نافية", "مشددة", "موضحة", "لافتة", "معتبرة", "محذرة", "متابعة",
    "قائلة", "مبينة", "منوهة", "معربة", "كاشفة", "داعية", "مطالبة", "متهمة",
    "مرجحا", "مرجحة", "متوقعا", "متوقعة", "مستبعدا", "مستبعدة", "معترفا", "معترفة",
)

#: Nouns of saying that act as cues in relayed speech: "نقلت الوكالة عن فلان قوله إن".
SPEECH_NOUNS: Final[tuple[str, ...]] = ("قوله", "قولها", "قولهم", "تصريحه", "تصريحها")

#: Relaying verbs: "نقلت وكالة X عن Y ...".
RELAY_VERBS: Final[tuple[str, ...]] = ("نقلت", "نقل", "أوردت", "أورد", "بثت", "نشرت", "نشر")

#: Words of readiness, offer and modality: an event they govern is "possible".
MODAL_WORDS: Final[tuple[str, ...]] = (
    "ربما", "احتمال", "إمكانية", "بإمكانية", "يمكن", "محتمل", "محتملة", "استعداد", "مستعد", "مستعدة",
    "مستعدون", "عرض", "إذا", "لو", "هل", "قد يكون", "ممكن",
)

#: Negation particles (GUIDELINES.md 3.4: negated).
NEGATIONS: Final[tuple[str, ...]] = ("لم", "لن", "لا", "ليس", "ليست", "غير", "عدم")

#: Complementizers that open indirect speech; never part of the quote content.
COMPLEMENTIZERS: Final[tuple[str, ...]] = (
    "إن", "أن", "بأن", "إنه", "أنه", "بأنه", "إنها", "أنها", "بأنها", "إنهم", "أنهم", "بأنهم",
    "أنّ", "إنّ",
)

#: Prepositions that may sit between a cue and its complementizer ("أشار إلى أن", "شدد على أن").
CUE_PREPOSITIONS: Final[tuple[str, ...]] = ("إلى", "على", "الى", "من")


@dataclass(frozen=True, slots=True)
class EventTrigger:
    """One surface form of an event trigger and its type; ``verb`` marks finite verbs."""

    form: str
    type: str
    verb: bool


def _triggers(type_: str, nouns: Iterable[str], verbs: Iterable[str]) -> list[EventTrigger]:
    return [EventTrigger(f, type_, False) for f in nouns] + [EventTrigger(f, type_, True) for f in verbs]


#: Trigger lexicon for naba.gold.inventory.EVENT_TYPES (nouns, verbal nouns, finite verb forms).
EVENT_TRIGGERS: Final[tuple[EventTrigger, ...]] = tuple(
    _triggers("MEET", ("لقاء", "اللقاء", "محادثات", "المحادثات", "اجتماع", "الاجتماع", "اجتماعات",
                       "قمة", "القمة", "مباحثات", "المباحثات", "مشاورات", "المشاورات", "مؤتمر", "المؤتمر",
                       "التباحث", "مفاوضات", "المفاوضات", "لقاءات", "التشاور", "تشاور", "منتدى", "المنتدى",
                       "مؤتمر صحفي", "جلسة", "الجلسة", "جلسات", "الجلسات",
                       # round 13: the press briefing of Maghrebi and Levantine news
                       "ندوة صحفية", "ندوة", "الندوة"),
              ("التقى", "التقت", "يلتقي", "تلتقي", "اجتمع", "اجتمعت", "يجتمع", "تجتمع", "بحث", "بحثت",
               "يبحث", "تبحث", "استقبل", "استقبلت", "يستقبل", "تستقبل", "تباحث"))
    + _triggers("ATTACK", ("هجوم", "الهجوم", "هجمات", "الهجمات", "ضربة", "الضربة", "ضربات", "الضربات",
                           "عدوان", "العدوان", "قصف", "القصف", "غارة", "الغارة", "غارات", "الغارات",
                           "حرب", "الحرب", "حربا", "اعتداء", "الاعتداء", "اعتداءات", "اغتيال", "الاغتيال",
                           "قتل", "القتل", "تفجير", "التفجير", "ضرب", "الضرب", "صراع", "الصراع", "اشتباكات",
                           "معارك", "المعارك", "هجوما", "قصفا", "عملية برية"),
                ("هاجم", "هاجمت", "يهاجم", "تهاجم", "قصف", "قصفت", "يقصف", "تقصف", "ضربت", "يضرب",
                 "تضرب", "استهدف", "استهدفت", "يستهدف", "تستهدف", "اغتال", "اغتالت", "قتل", "قتلت"))
    + _triggers("TRANSPORT", ("زيارة", "الزيارة", "زيارته", "زيارتها", "وصول", "الوصول", "وصوله", "وصولها",
                              "سفر", "رحلة", "جولة", "عودة", "مغادرة", "انتقال",
                              # round 13: sending, evacuating and moving about
                              "إرسال", "إجلاء", "الإجلاء", "التنقل"),
                ("وصل", "وصلت", "يصل", "تصل", "زار", "زارت", "يزور", "تزور", "سافر", "سافرت", "يسافر",
                 "توجه", "توجهت", "يتوجه", "غادر", "غادرت", "يغادر", "عاد", "عادت", "يعود", "بعث", "بعثت",
                 "أرسل", "أرسلت", "يرسل", "ترسل",
                 # round 13: carrying people somewhere (نقلت X إلى: read only with إلى after it),
                 # fleeing home, leaving, moving about
                 "نقل", "نقلت", "ينقل", "تنقل", "نقلا", "نقلوا", "ينقلون", "ينقلان", "نزح", "نزحت", "ينزح", "تنزح",
                 "نزحوا", "تغادر", "تنقلت", "يتنقل", "تتنقل"))
    + _triggers("REQUEST", ("طلب", "الطلب", "طلبا", "مطالبة", "المطالبة", "مطالب", "دعوة", "الدعوة",
                              "مطالبا", "داعيا", "داعية", "مناشدا", "مناشدة",
                              # round 13: the plural participles of a crowd asking (…، مطالبين بـ)
                              "مطالبين", "داعين"),
                ("طلب", "طلبت", "يطلب", "تطلب", "طالب", "طالبت", "يطالب", "تطالب", "دعا", "دعت", "يدعو",
                 "تدعو", "ناشد", "ناشدت", "التمس"))
    + _triggers("AID", ("دعم", "الدعم", "دعما", "مساعدة", "المساعدة", "مساعدات", "المساعدات", "تزويد",
                        "التزويد", "إمداد", "إمدادات", "معونة", "معونات", "إغاثة", "تمويل",
                        # round 13: loans, grants, donations and relief payments
                        "التمويل", "قرض", "القرض", "قرضا", "منحة", "المنحة", "تبرع", "التبرع", "تبرعات",
                        "إعانة", "إعانات", "تعويضات"),
                ("دعم", "دعمت", "يدعم", "تدعم", "ساعد", "ساعدت", "يساعد", "تساعد", "زود", "زودت", "يزود",
                 "تزود",
                 # round 13: donating, funding and handing out relief
                 "تبرع", "تبرعت", "يتبرع", "تتبرع", "مول", "مولت", "يمول", "تمول", "وزع", "وزعت", "يوزع", "توزع"))
    + _triggers("WARN", ("تحذير", "التحذير", "تحذيرا", "تحذيرات", "التحذيرات", "إنذار", "وعيد", "ملوحا", "ملوحة",
                         # active participles of a warning said in passing: "…، محذرا من أن"
                         "محذرا", "محذرة", "مهددا", "مهددة", "متوعدا", "متوعدة", "محذرين"),
                ("حذر", "حذرت", "يحذر", "تحذر", "نحذر", "أنذر", "أنذرت", "هدد", "هددت",
                 "توعد", "توعدت", "لوح", "لوحت"))
    + _triggers("AGREE", ("اتفاق", "الاتفاق", "اتفاقا", "اتفاقية", "الاتفاقية", "اتفاقيات", "معاهدة",
                          "المعاهدة", "تفاهم", "مذكرة تفاهم", "هدنة", "الهدنة", "وقف إطلاق النار", "صفقة",
                          "الصفقة"),
                ("اتفق", "اتفقت", "يتفق", "تتفق"))
)


# --------------------------------------------------------------------------- the gazetteer

#: CLDR territory codes that are not states (blocs, pseudo-locales, unknown region).
_NOT_STATES: Final[frozenset[str]] = frozenset({"EU", "EZ", "UN", "XA", "XB", "ZZ", "QO"})


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """What a lexicon phrase denotes: entity type, grouping key, canonical name."""

    type: str
    key: str
    name: str
    nisba: bool = False
    capital_of: str | None = None
    seat: bool = False


def _state_name(code: str) -> str:
    from babel import Locale

    return str(Locale("ar").territories[code])


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], GazetteerEntry]:
    """Every place, institution and nisba phrase, normalised, with its entry.

    Precedence when two sources give the same phrase: state > nisba > region >
    institution > city (a state name that is also a city name, such as الكويت,
    is read as the state).
    """
    from babel import Locale

    locale = Locale("ar")
    out: dict[tuple[str, ...], GazetteerEntry] = {}

    def put(phrase: str, entry: GazetteerEntry) -> None:
        key = norm_tokens(phrase)
        if key and key not in out:
            out[key] = entry

    states: dict[str, list[str]] = {}
    for code, name in sorted(locale.territories.items()):
        if len(code) == 2 and code.isalpha() and code not in _NOT_STATES:
            states.setdefault(code, []).append(str(name))
    for code, names in sorted(COUNTRY_ALIASES.items()):
        states.setdefault(code, []).extend(names)
    for code, names in sorted(states.items()):
        for name in names:
            put(name, GazetteerEntry("GPE", f"GPE:{code}", _state_name(code) if code in locale.territories else names[0]))
    for code, names in sorted(states.items()):
        canonical = _state_name(code) if code in locale.territories else names[0]
        for name in names:
            for stem in nisba_stems(name):
                for form in nisba_forms(stem):
                    put(form, GazetteerEntry("GPE", f"GPE:{code}", canonical, nisba=True))
        for form in NISBA_BROKEN_PLURALS.get(code, ()):
            put(form, GazetteerEntry("GPE", f"GPE:{code}", canonical, nisba=True))
    for code, name in sorted(locale.territories.items()):
        if code.isdigit() and code != "001":
            put(str(name), GazetteerEntry("LOC", f"LOC:{' '.join(norm_tokens(str(name)))}", str(name)))
    for name in REGIONS:
        put(name, GazetteerEntry("LOC", f"LOC:{' '.join(norm_tokens(name))}", name))
    for name, type_ in INSTITUTIONS:
        key = " ".join(norm_tokens(name))
        put(name, GazetteerEntry(type_, f"{type_}:{key}", name, seat=key in SEATS_OF_POWER))
    cities = list(CITIES)
    for zone in sorted(locale.time_zones):
        city = locale.time_zones[zone].get("city")
        if city:
            cities.append(str(city))
    for city in cities:
        key = norm_tokens(city)
        folded = " ".join(key)
        if folded in CITY_BLOCKLIST or len(folded) < 3:
            continue
        capital = next((code for cap, code in CAPITALS.items() if norm_tokens(cap) == key), None)
        put(city, GazetteerEntry("GPE", f"GPE:city:{folded}", city, capital_of=capital))
    return out
