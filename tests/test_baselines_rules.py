"""Rule-based baseline: each rule on small sentences written for these tests.

None of these sentences comes from the benchmark article: the rules must
generalise to unseen Arabic news.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from naba.baselines.protocol import as_input_document
from naba.baselines.rules import extract
from naba.baselines.rules.lexicons import gazetteer, nisba_stems, norm_tokens
from naba.baselines.rules.normalization import View, stems
from naba.baselines.rules.timex import MONTH_SERIES, Parts, find_timexes, is_future_verb, month_names, resolve
from naba.gold.timex3 import is_valid_value
from naba.submission.validate import validate_submission_record

PUB = "2024-03-13"  # a Wednesday


def run(text: str, pub: str = PUB) -> dict:
    doc = {"id": "t", "text": text, "publication_date": pub}
    record = extract(doc)
    assert validate_submission_record(record, as_input_document(doc)) == []
    return record


def timex(text: str, pub: str = PUB) -> list[tuple[str, str, str]]:
    return [(t["text"], t["type"], t["value"]) for t in run(text, pub)["timexes"]]


def mentions(text: str) -> list[tuple[str, str, str]]:
    rec = run(text)
    return sorted((m["text"], e["type"], m["kind"]) for e in rec["entities"] for m in e["mentions"])


# --------------------------------------------------------------------------- normalisation and clitics


def test_stems_order_unstripped_first() -> None:
    assert stems("واشنطن")[0] == (0, "واشنطن")
    assert (1, "اشنطن") in stems("واشنطن")
    assert (2, "الولايات") in stems("للولايات")
    assert (2, "بيت") in stems("وببيت") or (2, "بيت") not in stems("وببيت")  # both readings are listed, none dropped


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وصل الوفد إلى وموسكو أمس.", "موسكو"),
        ("عقد الاجتماع بالقاهرة.", "القاهرة"),
        ("أرسلت المساعدات لليمن.", "يمن"),
        ("تحدث عن العلاقات مع فرنسا.", "فرنسا"),
        ("قال إن لبنان يعاني.", "لبنان"),
        ("زار واشنطن الشهر الماضي.", "واشنطن"),
        ("وكالة الأنباء تحدثت عن بريطانيا.", "بريطانيا"),
    ],
)
def test_proclitics_are_outside_place_mentions(sentence: str, expected: str) -> None:
    texts = [m[0] for m in mentions(sentence)]
    assert expected in texts


def test_ll_proclitic_drops_whole_fused_sequence() -> None:
    rec = run("قدمت ألمانيا دعما للولايات المتحدة الأمريكية.")
    spans = [m["text"] for e in rec["entities"] for m in e["mentions"]]
    assert "ولايات المتحدة الأمريكية" in spans


def test_offsets_map_back_through_diacritics_and_tatweel() -> None:
    text = "وَصَلَ الوزيرُ إلى مـوسكو، وقال إنّ المحادثاتِ ستبدأ غداً."
    rec = run(text)
    for ent in rec["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert any(m["text"] == "مـوسكو" for e in rec["entities"] for m in e["mentions"])
    assert ("غداً", "DATE", "2024-03-14") in [(t["text"], t["type"], t["value"]) for t in rec["timexes"]]


# --------------------------------------------------------------------------- entities


def test_country_from_cldr_and_nisba_derivation() -> None:
    gaz = gazetteer()
    assert gaz[norm_tokens("البرازيل")].type == "GPE"
    assert gaz[norm_tokens("البرازيلية")].nisba
    assert gaz[norm_tokens("الكنديون")].key == gaz[norm_tokens("كندا")].key
    assert nisba_stems("العراق") == ("عراق" + "ي",)
    assert nisba_stems("إيطاليا") == ("إيطالي",)


def test_title_then_name_is_a_person_name_without_the_title() -> None:
    found = mentions("قال الرئيس الفرنسي إيمانويل ماكرون إن المفاوضات مستمرة.")
    assert ("إيمانويل ماكرون", "PER", "name") in found
    assert ("الفرنسي", "GPE", "name") in found
    assert not any(t.startswith("الرئيس") for t, _, _ in found)


def test_person_name_propagates_to_later_and_earlier_mentions() -> None:
    rec = run("التقى كيشيدا بنظيره. وكان رئيس الوزراء الياباني فوميو كيشيدا قد وصل. وأضاف كيشيدا أن الزيارة مهمة.")
    people = [e for e in rec["entities"] if e["type"] == "PER"]
    assert len(people) == 1
    assert [m["text"] for m in people[0]["mentions"]] == ["كيشيدا", "فوميو كيشيدا", "كيشيدا"]
    assert people[0]["name"] == "فوميو كيشيدا"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("قال وزير الزراعة عبد الكريم يوسف الحمادي إن المحصول جيد.", "عبد الكريم يوسف الحمادي"),
        ("وأكدت الوزيرة هالة عبد الله نصار أن الخطة جاهزة.", "هالة عبد الله نصار"),
        ("وقال المدير فريد بن سالم إن الموسم انتهى.", "فريد بن سالم"),
        ("وقالت الناشطة ليلى بنت خالد إن الحملة مستمرة.", "ليلى بنت خالد"),
        ("وأوضح ممثل البنك الدولي في تونس كريم بن حسن أن القرض جاهز.", "كريم بن حسن"),
        ("وأعلنت النائبة عن كتلة “الأمل” منى كامل الربيعي أنها ستصوت.", "منى كامل الربيعي"),
        ("وزارت المديرة العامة للمؤسسة، سلمى بن يوسف، المستشفى.", "سلمى بن يوسف"),
        ("وقال رئيس كتلة الوفاق عبد الأمير جاسم الخفاجي إن الجلسة تأجلت.", "عبد الأمير جاسم الخفاجي"),
    ],
)
def test_compound_names_and_long_titles(sentence: str, name: str) -> None:
    people = [t for t, kind, _ in mentions(sentence) if kind == "PER"]
    assert name in people, people
    assert not any(t in ("كتلة", "الأمير", "عبد") for t in people)


def test_a_family_name_with_a_joiner_propagates_with_it() -> None:
    rec = run("وقال المدير فريد بن سالم إن الموسم انتهى. وأضاف بن سالم أن الفريق جاهز.")
    people = [e for e in rec["entities"] if e["type"] == "PER"]
    assert [m["text"] for m in people[0]["mentions"]] == ["فريد بن سالم", "بن سالم"]


def test_ali_is_a_name_but_ala_is_a_preposition() -> None:
    found = mentions("قال الأمين العام علي حسن إن الهجوم على المدينة مدان.")
    assert ("علي حسن", "PER", "name") in found


def test_organisation_patterns_keep_official_head_but_drop_generic_class_noun() -> None:
    found = mentions("ونقلت وكالة شينخوا عن وزارة الخارجية الصينية أن مجلس الأمن الدولي سيجتمع.")
    texts = [t for t, _, _ in found]
    assert "شينخوا" in texts and "وكالة شينخوا" not in texts
    assert "وزارة الخارجية الصينية" in texts
    assert ("مجلس الأمن الدولي", "ORG", "name") in found


def test_capital_is_the_state_as_actor_and_the_city_as_place() -> None:
    rec = run("رفضت باريس المقترح، ثم وصل الوفد إلى باريس.")
    by_text = {}
    for e in rec["entities"]:
        for m in e["mentions"]:
            by_text.setdefault(m["text"], []).append((m["start"], e["name"]))
    names = [name for _, name in sorted(by_text["باريس"])]
    assert names[0] == "فرنسا"  # political actor -> the state
    assert names[1] == "باريس"  # destination -> the city


def test_seat_of_power_is_facility_after_locative_and_org_as_actor() -> None:
    rec = run("أعلن البيت الأبيض موقفه، وعقد لقاء في البيت الأبيض.")
    kinds = sorted((m["start"], e["type"]) for e in rec["entities"] for m in e["mentions"] if m["text"] == "البيت الأبيض")
    assert [t for _, t in kinds] == ["ORG", "FAC"]


def test_state_noun_with_nisba_is_one_nominal_mention() -> None:
    found = mentions("وأكدت السلطات المصرية أن الحدود مغلقة.")
    assert ("السلطات المصرية", "GPE", "nominal") in found
    assert ("المصرية", "GPE", "name") not in found


def test_standalone_title_is_nominal_of_the_person_introduced_with_it() -> None:
    rec = run("قال الوزير التونسي نبيل عمار إن الاتفاق جاهز. وأضاف الوزير التونسي أن التوقيع قريب.")
    person = next(e for e in rec["entities"] if e["type"] == "PER")
    assert [(m["text"], m["kind"]) for m in person["mentions"]] == [("نبيل عمار", "name"), ("الوزير التونسي", "nominal")]


def test_anonymous_source_and_its_continuation() -> None:
    rec = run("قال مصدر دبلوماسي إن المحادثات توقفت. وأشار المصدر إلى أن الجولة المقبلة لم تحدد.")
    source = next(e for e in rec["entities"] if any(m["text"] == "مصدر دبلوماسي" for m in e["mentions"]))
    assert [m["text"] for m in source["mentions"]] == ["مصدر دبلوماسي", "المصدر"]


def test_no_person_from_common_noun_after_title() -> None:
    found = mentions("ناقش الرئيس الروسي آليات التعاون.")
    assert not any(t == "PER" and k == "name" for _, t, k in found)


# --------------------------------------------------------------------------- time expressions


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وصل الوفد اليوم.", ("اليوم", "DATE", "2024-03-13")),
        ("وصل الوفد أمس.", ("أمس", "DATE", "2024-03-12")),
        ("يصل الوفد غدا.", ("غدا", "DATE", "2024-03-14")),
        ("وقع ذلك أول أمس.", ("أول أمس", "DATE", "2024-03-11")),
        ("الوضع هادئ الآن.", ("الآن", "DATE", "PRESENT_REF")),
        ("ذكرت الوكالة في وقت سابق أن", ("وقت سابق", "DATE", "PAST_REF")),
        ("زار البلاد الأسبوع الماضي.", ("الأسبوع الماضي", "DATE", "2024-W10")),
        ("تعقد القمة الشهر المقبل.", ("الشهر المقبل", "DATE", "2024-04")),
        ("انتخب العام الماضي.", ("العام الماضي", "DATE", "2023")),
        ("وصل مساء الأحد إلى الرباط.", ("مساء الأحد", "TIME", "2024-03-10TEV")),
        ("بدأ القصف فجر اليوم.", ("فجر اليوم", "TIME", "2024-03-13TMO")),
        ("اجتمعوا صباح أمس.", ("صباح أمس", "TIME", "2024-03-12TMO")),
        ("يلتقيان ظهر غد.", ("ظهر غد", "TIME", "2024-03-14TMI")),
        ("وصلوا عصر الاثنين.", ("عصر الاثنين", "TIME", "2024-03-11TAF")),
        ("عاد ليلة الجمعة.", ("ليلة الجمعة", "TIME", "2024-03-08TNI")),
        ("والسبت، أعلنت الحكومة خطة.", ("السبت", "DATE", "2024-03-09")),
        ("قال يوم الثلاثاء إن", ("يوم الثلاثاء", "DATE", "2024-03-12")),
        ("استمرت المعارك ثلاثة أيام.", ("ثلاثة أيام", "DURATION", "P3D")),
        ("استمر الاجتماع ساعتين.", ("ساعتين", "DURATION", "PT2H")),
        ("بدأ الاجتماع الساعة 10:30 صباحا.", ("الساعة 10:30 صباحا", "TIME", "2024-03-13T10:30")),
        ("وانتهى الاجتماع الساعة الرابعة والنصف من مساء أمس.", ("الساعة الرابعة والنصف من مساء أمس", "TIME", "2024-03-12T16:30")),
        ("ويلتقي الوفد الخميس المقبل في الرباط.", ("الخميس المقبل", "DATE", "2024-03-14")),
        ("وكان الوفد قد وصل الأربعاء الماضي.", ("الأربعاء الماضي", "DATE", "2024-03-06")),
        ("وتعقد السوق كل يوم جمعة.", ("كل يوم جمعة", "SET", "P1W")),
        ("وتصدر النشرة كل شهر.", ("كل شهر", "SET", "P1M")),
        ("ووقع الاتفاق في 14/1/2025 بحضور الوزير.", ("14/1/2025", "DATE", "2025-01-14")),
        ("وتبدأ الامتحانات يوم 2 نيسان/أبريل.", ("يوم 2 نيسان/أبريل", "DATE", "2024-04-02")),
        ("وارتفعت الأسعار في شباط/فبراير بنسبة كبيرة.", ("شباط/فبراير", "DATE", "2024-02")),
        ("وتنتهي المهلة في 30 حزيران المقبل.", ("30 حزيران المقبل", "DATE", "2024-06-30")),
    ],
)
def test_time_expression_values(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in timex(sentence)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("في 5 جانفي 2024 وقع الحادث.", "2024-01-05"),  # Maghrebi
        ("في 5 فيفري 2024 وقع الحادث.", "2024-02-05"),
        ("في 12 أفريل 2023 وقع الحادث.", "2023-04-12"),
        ("في 1 جويلية 2022 وقع الحادث.", "2022-07-01"),
        ("في 3 أوت 2022 وقع الحادث.", "2022-08-03"),
        ("في 5 كانون الثاني 2024 وقع الحادث.", "2024-01-05"),  # Levantine, two tokens
        ("في 20 شباط 2024 وقع الحادث.", "2024-02-20"),
        ("في 20 آذار 2021 وقع الحادث.", "2021-03-20"),
        ("في 9 نيسان 2021 وقع الحادث.", "2021-04-09"),
        ("في 9 آب 2021 وقع الحادث.", "2021-08-09"),
        ("في 9 تشرين الأول 2021 وقع الحادث.", "2021-10-09"),
        ("في 9 كانون الأول 2021 وقع الحادث.", "2021-12-09"),
        ("في 7 يناير 2020 وقع الحادث.", "2020-01-07"),  # Egyptian/Gulf
        ("في 7 أغسطس 2020 وقع الحادث.", "2020-08-07"),
        ("في ٧ مايو ٢٠٢٠ وقع الحادث.", "2020-05-07"),  # Arabic-Indic digits
        ("في ۷ يونيو ۲۰۲۰ وقع الحادث.", "2020-06-07"),  # Eastern (Persian) digits
        ("Posted on March 3, 2024 by the agency.", "2024-03-03"),  # English
        ("نشر في 3 March 2024.", "2024-03-03"),
    ],
)
def test_absolute_dates_in_every_month_series_and_digit_set(sentence: str, value: str) -> None:
    found = run(sentence)["timexes"]
    assert [t["value"] for t in found] == [value]
    assert found[0]["anchor"] is None  # fully specified


def test_day_and_month_without_year_take_the_reference_year() -> None:
    found = timex("والخميس 7 مارس، أعلنت الوزارة.")
    assert found == [("الخميس 7 مارس", "DATE", "2024-03-07")]
    found = timex("في 28 ديسمبر انطلقت الحملة.", pub="2025-01-04")
    assert found == [("28 ديسمبر", "DATE", "2024-12-28")]  # closest year to the reference


def test_ambiguous_month_words_need_a_number() -> None:
    assert timex("مارس الضغط على الحكومة.") == []
    assert timex("قال آب العائلة كلمته.") == []


def test_bare_weekday_is_past_unless_the_verb_is_future() -> None:
    assert timex("اجتمع الوزراء الأحد.") == [("الأحد", "DATE", "2024-03-10")]
    assert timex("سيجتمع الوزراء الأحد.") == [("الأحد", "DATE", "2024-03-17")]
    assert timex("اجتمع الوزراء الأربعاء.") == [("الأربعاء", "DATE", "2024-03-13")]  # on the reference day


def test_month_series_agree_with_cldr() -> None:
    months = month_names()
    for series in MONTH_SERIES.values():
        for number, name in enumerate(series, start=1):
            assert months[norm_tokens(name)] == number


def test_is_future_verb() -> None:
    assert is_future_verb("سيزور") and is_future_verb("سنقوم") and is_future_verb("ستواصل") and is_future_verb("سوف")
    assert not is_future_verb("سياسه") and not is_future_verb("سابق") and not is_future_verb("سنوات")


def test_resolve_is_always_a_valid_timex3_value() -> None:
    reference = _dt.date(2024, 2, 29)
    for parts in (Parts(weekday=1), Parts(relative_days=-400), Parts(period=("W", 1)), Parts(period=("M", -13)), Parts(day=29, month=2)):
        result = resolve(parts, reference)
        assert result is not None and is_valid_value(result[1])


# --------------------------------------------------------------------------- anchors


def test_paragraph_opening_date_anchors_the_narrators_relative_words() -> None:
    text = "قالت الحكومة اليوم إن الوضع مستقر.\nوالجمعة، أعلن الجيش انسحابه، وأكد مسؤول أمس وصول الإمدادات."
    rec = run(text)
    by_text = {t["text"]: t for t in rec["timexes"]}
    assert by_text["اليوم"]["anchor"] == {"kind": "publication_date", "id": None}
    opener = by_text["الجمعة"]
    assert opener["value"] == "2024-03-08" and opener["anchor"] == {"kind": "publication_date", "id": None}
    assert by_text["أمس"]["anchor"] == {"kind": "timex", "id": opener["id"]}
    assert by_text["أمس"]["value"] == "2024-03-07"  # the day before that Friday


def test_relative_words_inside_speech_are_anchored_to_the_speech_event() -> None:
    text = "وقال الوزير، الاثنين، إن الوفد سيصل غدا."
    rec = run(text)
    tomorrow = next(t for t in rec["timexes"] if t["text"] == "غدا")
    quote = rec["quotes"][0]
    assert tomorrow["anchor"] == {"kind": "speech_event", "id": quote["id"]}
    assert tomorrow["value"] == "2024-03-12"  # the day after Monday 11 March, not after publication


# --------------------------------------------------------------------------- quotes


def quotes(text: str) -> list[dict]:
    return run(text)["quotes"]


def test_indirect_quote_with_complementizer_outside_content() -> None:
    (q,) = quotes("قال رئيس الوزراء الكندي جاستن ترودو إن الاقتصاد ينمو بسرعة.")
    assert q["kind"] == "indirect" and q["cue"]["text"] == "قال"
    assert [c["text"] for c in q["content"]] == ["الاقتصاد ينمو بسرعة"]
    assert q["speaker_mention"]["text"] == "جاستن ترودو"
    assert q["speaker_name"] == "جاستن ترودو"


def test_direct_quote_after_colon_excludes_quotation_marks() -> None:
    (q,) = quotes("وقال المتحدث باسم الجيش أفيخاي أدرعي: «العملية ستستمر حتى تحقيق أهدافها».")
    assert q["kind"] == "direct"
    assert [c["text"] for c in q["content"]] == ["العملية ستستمر حتى تحقيق أهدافها"]
    assert q["cue"]["text"] == "قال"


def test_mixed_quote_keeps_inner_quotation_marks() -> None:
    (q,) = quotes("وأكد الوزير المغربي ناصر بوريطة أن بلاده “لن تقبل بأي تسوية” مع الطرف الآخر.")
    assert q["kind"] == "mixed"
    assert q["content"][0]["text"] == "بلاده “لن تقبل بأي تسوية” مع الطرف الآخر"


def test_short_quoted_name_is_not_a_quote() -> None:
    assert quotes("نشرت صحيفة “لوموند” تقريرا عن الانتخابات.") == []
    assert quotes("انتقد موقفها “المتردد” في الأزمة.") == []


def test_speech_verb_without_propositional_content_is_not_a_quote() -> None:
    assert quotes("أعلن الرئيس التركي رجب طيب أردوغان عن زيارته المقبلة.") == []


def test_implicit_speaker_carries_over_from_the_running_speaker() -> None:
    qs = quotes("قال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي، مضيفا أن الحوار ضروري.\nوأضاف أن المنطقة تحتاج إلى الاستقرار.")
    assert [q["cue"]["text"] for q in qs] == ["قال", "مضيفا", "أضاف"]
    assert len({q["speaker_entity_id"] for q in qs}) == 1 and qs[0]["speaker_entity_id"] is not None
    assert qs[1]["speaker_mention"] is None and qs[2]["speaker_mention"] is None
    assert [c["text"] for c in qs[0]["content"]] == ["الحل سياسي"]  # ends before ", مضيفا"


def test_coordinated_complements_are_one_quote_with_several_spans() -> None:
    (q,) = quotes("وتابع أن “الأسعار سترتفع” وأن “الرواتب لن تتغير”.")
    assert [c["text"] for c in q["content"]] == ["الأسعار سترتفع", "الرواتب لن تتغير"]
    assert q["kind"] == "direct"


def test_relayed_speech_has_speaker_and_relay() -> None:
    (q,) = quotes("ونقلت وكالة الأناضول عن المتحدث باسم الرئاسة إبراهيم قالن قوله إن المباحثات إيجابية.")
    assert q["cue"]["text"] == "قوله"
    assert q["speaker_name"] == "إبراهيم قالن"
    entities = {e["id"]: e["name"] for e in run("ونقلت وكالة الأناضول عن المتحدث باسم الرئاسة إبراهيم قالن قوله إن المباحثات إيجابية.")["entities"]}
    assert entities[q["relayed_by_entity_id"]] == "الأناضول"


def test_agency_speaking_in_its_own_name_is_the_speaker() -> None:
    (q,) = quotes("قالت وكالة أسوشيتد برس إن الانتخابات تأجلت.")
    assert q["speaker_name"] == "أسوشيتد برس" and q["relayed_by_entity_id"] is None


@pytest.mark.parametrize("cue", ["أوضح", "شدد على", "أشار إلى", "كشف", "أفاد", "أكد"])
def test_cue_lexicon(cue: str) -> None:
    (q,) = quotes(f"و{cue} الناطق باسم الحكومة محمد الأحمد أن القرار نهائي.")
    assert q["cue"]["text"] == cue.split()[0]
    assert [c["text"] for c in q["content"]] == ["القرار نهائي"]


# --------------------------------------------------------------------------- events


def events(text: str) -> list[tuple[str, str, str]]:
    return [(e["type"], e["trigger"]["text"], e["factuality"]) for e in run(text)["events"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("عقد الوزيران اجتماعا في عمان.", ("MEET", "اجتماعا", "asserted")),
        ("وانتهت محادثاته مع نظيره.", ("MEET", "محادثاته", "asserted")),
        ("شنت الطائرات غارات على المدينة.", ("ATTACK", "غارات", "asserted")),
        ("أدان الهجوم على السفارة.", ("ATTACK", "الهجوم", "asserted")),
        ("وصل الرئيس إلى بغداد.", ("TRANSPORT", "وصل", "asserted")),
        ("سيزور الوزير الجزائر.", ("TRANSPORT", "سيزور", "future")),
        ("طلبت الحكومة قرضا.", ("REQUEST", "طلبت", "asserted")),
        ("لم تطلب الحكومة قرضا.", ("REQUEST", "تطلب", "negated")),
        ("قدمت الدولة مساعدات للاجئين.", ("AID", "مساعدات", "asserted")),
        ("حذر الجيش السكان.", ("WARN", "حذر", "asserted")),
        ("وجهت الوزارة تحذيرا للمواطنين.", ("WARN", "تحذيرا", "asserted")),
        ("وقع البلدان اتفاقية تجارية.", ("AGREE", "اتفاقية", "asserted")),
        ("قد يتطور الأمر إلى حرب شاملة.", ("ATTACK", "حرب", "possible")),
        ("ربما تشن القوات هجوما جديدا.", ("ATTACK", "هجوما", "possible")),
        ("لن يحدث أي هجوم.", ("ATTACK", "هجوم", "negated")),
        ("هل تقدم الصين دعما لحلفائها؟", ("AID", "دعما", "possible")),
        ("توجه الوفد إلى الدوحة لعقد لقاء مع الوسطاء.", ("MEET", "لقاء", "future")),
    ],
)
def test_event_triggers_and_factuality(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in events(sentence)


def test_aid_governed_by_negated_request_is_possible() -> None:
    found = events("لم تطلب الحكومة أي مساعدة من جيرانها.")
    assert ("REQUEST", "تطلب", "negated") in found
    assert ("AID", "مساعدة", "possible") in found


def test_org_head_is_never_a_trigger() -> None:
    assert not any(t == "TRANSPORT" for t, _, _ in events("أعلنت وزارة الصحة الأرقام."))


def test_event_arguments_by_preposition_and_nisba() -> None:
    rec = run("أدانت الحكومة الهجوم الإسرائيلي على لبنان.")
    ents = {e["id"]: e["name"] for e in rec["entities"]}
    attack = next(e for e in rec["events"] if e["type"] == "ATTACK")
    roles = {(a["role"], ents.get(a["ref_id"], a["ref_id"])) for a in attack["arguments"]}
    assert ("Attacker", "إسرائيل") in roles and ("Target", "لبنان") in roles


def test_transport_destination_and_time_argument() -> None:
    rec = run("وصل وزير الخارجية البريطاني ديفيد كاميرون إلى القاهرة مساء الأحد.")
    ev = next(e for e in rec["events"] if e["type"] == "TRANSPORT")
    roles = {a["role"]: a["text"] for a in ev["arguments"]}
    assert roles["Destination"] == "القاهرة"
    assert roles["Time"] == "مساء الأحد"
    assert ev["time_id"] == next(t["id"] for t in rec["timexes"] if t["text"] == "مساء الأحد")


# --------------------------------------------------------------------------- whole records


def test_every_layer_present_and_valid_on_an_unseen_text() -> None:
    text = (
        "قمة في الرياض لبحث الأزمة اليمنية\n\n"
        "قال وزير الخارجية السعودي فيصل بن فرحان، اليوم الثلاثاء، إن المملكة مستعدة لتقديم الدعم، "
        "مشيرا إلى أن المحادثات مع الحوثيين مستمرة.\n"
        "وأضاف: “سنعمل مع شركائنا في الأمم المتحدة لوقف الحرب”."
    )
    rec = run(text, pub="2024-03-12")
    assert set(rec) == {"document_id", "entities", "timexes", "quotes", "events"}
    assert rec["timexes"][0]["value"] == "2024-03-12"
    assert any(e["name"] == "فيصل بن فرحان" for e in rec["entities"])
    assert [q["kind"] for q in rec["quotes"]] == ["indirect", "indirect", "direct"]


def test_extract_is_deterministic() -> None:
    text = "قال الرئيس الكيني وليام روتو أمس إن بلاده ستدعم الاتفاق."
    assert run(text) == run(text)


def test_empty_and_punctuation_only_documents() -> None:
    assert run("") == {"document_id": "t", "entities": [], "timexes": [], "quotes": [], "events": []}
    assert run("... ، ؟")["entities"] == []


def test_view_tokens_cover_words_with_original_offsets() -> None:
    text = "قال: «نعم»، 2024!"
    view = View(text)
    assert [t.raw for t in view.tokens] == ["قال", ":", "«", "نعم", "»", "،", "2024", "!"]
    assert all(text[t.start : t.end] == t.raw for t in view.tokens)
    assert len(find_timexes(view)) == 0  # a bare year without a temporal preposition is not taken


# --------------------------------------------------------------------------- generality guards


def test_fast_normalisation_equals_naba_arabic() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from naba.baselines.rules.normalization import fast_normalize_with_map
    from naba.common.arabic import normalize_with_map

    alphabet = st.sampled_from([chr(c) for c in range(0x0600, 0x0700)] + list("“”«»„ \n.,abc0123") + ["\u0670", "\u0640"])

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=40))
    def check(text: str) -> None:
        assert fast_normalize_with_map(text) == normalize_with_map(text)

    check()


ARTICLE_NAMES = ("بوتين", "عراقجي", "مدفيديف", "بيسكوف", "ريابكوف", "خامنئي", "نتنياهو", "ترامب", "فلاديمير", "عباس", "دميتري", "سيرغي", "الأبدال", "بوشهر")


def test_no_lexicon_contains_the_articles_person_or_site_names() -> None:
    from naba.baselines.rules import lexicons
    from naba.common.arabic import normalize

    words: set[str] = set()
    for key in gazetteer():
        words.update(key)
    for name in dir(lexicons):
        value = getattr(lexicons, name)
        if isinstance(value, (tuple, frozenset, list)):
            for item in value:
                for part in item if isinstance(item, tuple) else (item,):
                    if isinstance(part, str):
                        words.update(normalize(part).split())
                    elif hasattr(part, "form"):
                        words.update(normalize(part.form).split())
    assert not {normalize(n) for n in ARTICLE_NAMES} & words


def test_title_in_construct_is_a_nominal_of_the_same_states_person_only() -> None:
    rec = run("قال وزير الخارجية المصري سامح شكري إن الحدود مفتوحة. وأكد وزير الخارجية المصري أن المعبر يعمل.")
    person = next(e for e in rec["entities"] if e["type"] == "PER")
    assert [(m["text"], m["kind"]) for m in person["mentions"]] == [("سامح شكري", "name"), ("وزير الخارجية المصري", "nominal")]
    rec = run("قال وزير الخارجية المصري سامح شكري إن الحدود مفتوحة. وأكد وزير الخارجية الأردني أن المعبر يعمل.")
    person = next(e for e in rec["entities"] if e["type"] == "PER")
    assert [m["kind"] for m in person["mentions"]] == ["name"]  # another state's minister is someone else


def test_any_text_gives_a_valid_record() -> None:
    """Property: whatever the text (Arabic words of the lexicons, digits, quotes, line
    breaks, emoji, Latin), the record validates (offsets, covered text, labels, values)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.sampled_from([
        "قال", "وأضاف", "مضيفا", "إن", "أن", "بأن", ":", "“", "”", "«", "»", '"', "،", ".", "\n", "\r\n",
        "الرئيس", "الروسي", "وزير", "الخارجية", "وكالة", "رويترز", "موسكو", "بموسكو", "للولايات", "المتحدة",
        "اليوم", "أمس", "غداً", "مساء", "الأحد", "والخميس", "19", "جوان", "٢٠٢٤", "June", "23,", "2025",
        "هجوم", "لم", "تطلب", "مساعدة", "سيزور", "قد", "يتطور", "حرب", "اتفاق", "لقاء", "مع", "على",
        "فلان", "علان", "🔴", "pic.twitter.com/x", "—", "|", "(@x)", "مـوسكو", "وَصَلَ", "ّ", "ـ",
    ])

    @settings(max_examples=60, deadline=None)
    @given(st.lists(words, max_size=40), st.dates())
    def check(tokens: list[str], day: _dt.date) -> None:
        text = " ".join(tokens)
        doc = {"id": "p", "text": text, "publication_date": day.isoformat()}
        assert validate_submission_record(extract(doc), as_input_document(doc)) == []

    check()


def test_resolution_at_the_edge_of_the_calendar_is_dropped_not_a_crash() -> None:
    assert resolve(Parts(relative_days=-1), _dt.date(1, 1, 1)) is None
    assert timex("وصل أمس.", pub="0001-01-01") == []
    assert timex("يصل غدا.", pub="9999-12-31") == []


def test_a_quote_whose_content_opens_after_a_long_title_and_occasion() -> None:
    rec = run("وقال وزير الدولة لشؤون التجارة الخارجية والتعاون مع مؤسسات التمويل الدولية، الدكتور سامر يوسف الحلبي، "
              "أمس الخميس، خلال مؤتمر صحفي بمقر الوزارة في العاصمة، إن الاتفاق سيوقع قريبا.")
    assert [q["cue"]["text"] for q in rec["quotes"]] == ["قال"]
    assert rec["quotes"][0]["content"][0]["text"] == "الاتفاق سيوقع قريبا"


def test_an_anonymous_source_in_an_organisation_is_the_head_alone_and_speaks() -> None:
    rec = run("ونقلت الوكالة عن مصدر في الجمارك قوله إن الشحنة وصلت.")
    people = [m["text"] for e in rec["entities"] if e["type"] == "PER" for m in e["mentions"]]
    assert "مصدر" in people
    quote = rec["quotes"][0]
    speaker = next(e for e in rec["entities"] if e["id"] == quote["speaker_entity_id"])
    assert speaker["mentions"][0]["text"] == "مصدر"


# --------------------------------------------------------------------------- generalisation rules (issue 13)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("وقال سمير الحلبي، وهو صاحب متجر، إن الأسعار ارتفعت.", "سمير الحلبي"),
        ("وحضرت سناء بن يوسف الاجتماع صباح اليوم.", "سناء بن يوسف"),
        ("وأوضح غيث الكردي أن الطريق مغلق.", None),  # غيث is not in the list: no cue, no name
    ],
)
def test_a_common_given_name_starts_a_person_name_without_a_title(sentence: str, name: str | None) -> None:
    people = [m[0] for m in mentions(sentence) if m[1] == "PER" and m[2] == "name"]
    assert people == ([name] if name else [])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # round 18: a speaker with no title, described after the comma: the name, and هو/هي its pronoun
        ("وقال غيث ناصيف الكردي، وهو صاحب محل، إن الأسعار ارتفعت.", [("غيث ناصيف الكردي", "PER", "name"), ("هو", "PER", "pronoun")]),
        ("قالت السالكة منت أعمر، وهي أم لخمسة أطفال، إن المياه غمرت البيت.",
         [("السالكة منت أعمر", "PER", "name"), ("هي", "PER", "pronoun")]),
        ("قال التاجر غيث ناصيف، وهو في الستين من عمره، إن السوق راكد.", [("غيث ناصيف", "PER", "name"), ("هو", "PER", "pronoun")]),
        # a thing described is no person, and a relative clause after وهو is no description
        ("رفضت الكتلة التوزيع حسب عدد سكان كل محافظة، وهو ما رفضته الحكومة.", []),
    ],
)
def test_a_described_speaker_is_a_person_and_the_pronoun_is_his(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert [m for m in mentions(sentence) if m[1] == "PER"] == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # round 18: بن + a state's nisba is a family name (بن تركي), no place
        ("وقال اللواء غيث بن تركي، اليوم، إن الخطة جاهزة.", [("غيث بن تركي", "PER", "name")]),
        # an area of a city (منطقة + a definite name) and a camp are LOC; a known town keeps GPE
        ("وغمرت المياه الشوارع في منطقة الصباحية.", [("الصباحية", "LOC", "name")]),
        ("وأقيم الحفل في مخيم البقعة.", [("البقعة", "LOC", "name")]),
        ("ووصلت القافلة إلى منطقة منكوبة.", []),  # an adjective after منطقة names nothing
        ("وتعاني أحياء عدة من الانقطاع.", []),  # nor after أحياء
        ("وتوقف الضخ عن أحياء المدينة القديمة.", [("المدينة القديمة", "LOC", "name")]),
        # a plain and a meadow with their noun; سهل "easy" before a definite complement is none
        ("وخصصت الوزارة آبارا في سهل عقربا ومرج بيتا.", [("سهل عقربا", "LOC", "name"), ("مرج بيتا", "LOC", "name")]),
        ("وقال إن الأمر سهل التنفيذ.", []),
        # the definite feature noun after one feature of its kind is its nominal
        ("جرفت السيول طرق وادي تبن. وبنى المقاول جسورا على مجرى الوادي.", [("الوادي", "LOC", "nominal"), ("وادي تبن", "LOC", "name")]),
    ],
)
def test_round_18_places_and_lineage_names(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert [m for m in mentions(sentence) if m[1] in ("PER", "LOC", "GPE")] == sorted(expected)


def test_a_given_name_alone_is_not_a_person() -> None:
    assert [m for m in mentions("وقال عادل إن القرار عادل.") if m[1] == "PER"] == []


def test_name_in_commas_after_a_title_with_a_lam_complement() -> None:
    rec = run("وزار رئيس المجلس البلدي لحمص، فراس بن حمود، السوق أمس. وقال بن حمود إن الأضرار كبيرة.")
    person = next(e for e in rec["entities"] if e["type"] == "PER")
    assert [m["text"] for m in person["mentions"]] == ["فراس بن حمود", "بن حمود"]
    assert "لحمص" not in [m["text"] for e in rec["entities"] for m in e["mentions"]]
    assert rec["quotes"][0]["speaker_entity_id"] == person["id"]


def test_feminine_long_title_before_a_name() -> None:
    rec = run("وتفقدت الأمينة العامة للمحافظة، رنا القاسمي، المدرسة.")
    assert [m["text"] for e in rec["entities"] if e["type"] == "PER" for m in e["mentions"]] == ["رنا القاسمي"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("أعلنت وزارة الزراعة والثروة السمكية خطة جديدة.", "وزارة الزراعة والثروة السمكية"),
        ("رفع البنك المركزي الأردني الفائدة أمس.", "البنك المركزي الأردني"),
        ("وقع الاتفاق مع البنك الإسلامي للتنمية.", "البنك الإسلامي للتنمية"),
        ("ونقلت وكالة أنباء الخليج عن مصدر مطلع قوله إن الوضع هادئ.", "وكالة أنباء الخليج"),
        ("وأصدر الجهاز المركزي للإحصاء تقريره.", "الجهاز المركزي للإحصاء"),
    ],
)
def test_organisation_names_beyond_the_gazetteer(sentence: str, name: str) -> None:
    assert (name, "ORG", "name") in mentions(sentence)


def test_an_organisation_name_stops_after_a_states_nisba() -> None:
    orgs = [m[0] for m in mentions("رفع البنك المركزي الأردني الفائدة أمس.") if m[1] == "ORG"]
    assert orgs == ["البنك المركزي الأردني"]


def test_facility_with_its_adjective_keeps_its_head() -> None:
    found = mentions("ووصل الوفد إلى مطار عمان الدولي ثم زار مستشفى جرش الحكومي.")
    assert ("مطار عمان الدولي", "FAC", "name") in found
    assert ("مستشفى جرش الحكومي", "FAC", "name") in found


def test_bare_definite_head_is_a_nominal_of_the_organisation_named_with_it() -> None:
    rec = run("أعلنت وزارة الصحة خطة جديدة. وقالت الوزارة إن اللقاحات وصلت إلى المجلس.")
    org = next(e for e in rec["entities"] if e["type"] == "ORG")
    assert [(m["text"], m["kind"]) for m in org["mentions"]] == [("وزارة الصحة", "name"), ("الوزارة", "nominal")]
    assert rec["quotes"][0]["speaker_entity_id"] == org["id"]
    # no organisation with that head named before: nothing to refer to
    assert [m for m in mentions("وقالت الوزارة إن اللقاحات وصلت.") if m[1] == "ORG"] == []


def test_a_place_named_after_an_administrative_noun_and_its_repetitions() -> None:
    rec = run("ارتفعت الإصابات في محافظة جرش إلى مئة. وزار الوزير جرش أمس.")
    places = [(m["text"], e["type"]) for e in rec["entities"] for m in e["mentions"]]
    assert places == [("جرش", "GPE"), ("جرش", "GPE")]  # not the minister's name
    assert len(rec["entities"]) == 1


def test_a_coordinated_list_after_a_plural_place_noun() -> None:
    found = mentions("وستفتح مراكز في بلدات سوف وساكب وريمون خلال يومين.")
    assert [m[0] for m in found if m[1] == "GPE"] == ["ريمون", "ساكب", "سوف"]


def test_neighbourhood_is_loc_and_two_word_place_names() -> None:
    assert ("الزهور", "LOC", "name") in mentions("انتقل الفريق إلى حي الزهور.")
    assert ("عين الباشا", "GPE", "name") in mentions("وصلت الأمطار إلى بلدة عين الباشا.")


def test_an_unnamed_spokesperson_is_a_person_and_the_speaker() -> None:
    rec = run("أعلنت وزارة النقل خطة جديدة. وقال المتحدث باسم الوزارة إن الحافلات جاهزة. وأكد المتحدث باسم الوزارة أن الخطة تبدأ غدا.")
    person = next(e for e in rec["entities"] if e["type"] == "PER")
    assert [(m["text"], m["kind"]) for m in person["mentions"]] == [("المتحدث", "nominal"), ("المتحدث", "nominal")]
    assert [q["speaker_entity_id"] for q in rec["quotes"]] == [person["id"], person["id"]]


@pytest.mark.parametrize(
    ("sentence", "reporter"),
    [
        ("وأفاد مراسلنا في المدينة بأن المياه ارتفعت.", "مراسل"),
        # round 7: the correspondent is the head with its genitive complement, the outlet (A-D54)
        ("وذكر مراسل الوكالة أن الطريق مغلق.", "مراسل الوكالة"),
        ("وعين مراسل جديد في المدينة.", None),  # an indefinite reporter is no one in particular
    ],
)
def test_the_outlets_reporter_is_a_person(sentence: str, reporter: str | None) -> None:
    found = [text for text, type_, kind in mentions(sentence) if type_ == "PER" and kind == "nominal" and text.startswith("مراسل")]
    assert found == ([reporter] if reporter else [])


def test_round7_reporter_with_its_outlet_and_not_before_a_name() -> None:
    assert ("مراسل قناة \"الرافد\" الفضائية", "PER", "nominal") in mentions('وأفاد مراسل قناة "الرافد" الفضائية في المدينة بأن المياه ارتفعت.')
    assert ("مراسلة الوكالة الوطنية للإعلام", "PER", "nominal") in mentions("وأفادت مراسلة الوكالة الوطنية للإعلام في المدينة بأن الطريق مغلق.")
    # a title of a named reporter: no nominal of its own
    assert not any(t.startswith("مراسل") and k == "nominal" for t, _, k in mentions("ونقل مراسل قناة الرافد الإخبارية في المدينة، سامر يوسف، عن السكان قولهم إن المياه ارتفعت."))


def _args(sentence: str, type_: str) -> list[tuple[str, str]]:
    rec = run(sentence)
    return sorted((a["role"], a["text"]) for e in rec["events"] if e["type"] == type_ for a in e["arguments"] if a["role"] != "Time")


def test_round7_who_holds_a_meeting_takes_part_in_it() -> None:
    assert ("Participant", "المجلس البلدي") in _args("وعقد المجلس البلدي اجتماعا طارئا لبحث الوضع.", "MEET")
    assert ("Participant", "اللجنة المالية") in _args("وأكد النائب أن اللجنة المالية ستعقد غدا اجتماعا لبحث الموازنة.", "MEET")


def test_round7_who_signs_an_agreement_is_its_party() -> None:
    found = _args("ووقعت وزارة الصحة مع منظمة الصحة العالمية اتفاقا لتمويل المراكز.", "AGREE")
    assert ("Party", "وزارة الصحة") in found and ("Party", "منظمة الصحة العالمية") in found


def test_round7_a_request_inside_the_reported_words_is_not_the_speakers() -> None:
    rec = run("وقال الوزير خالد العمري إن الحكومة لن تطلب أي تمويل من البنك الدولي.")
    requesters = [a["text"] for e in rec["events"] if e["type"] == "REQUEST" for a in e["arguments"] if a["role"] == "Requester"]
    assert "خالد العمري" not in requesters


def test_a_cue_with_no_subject_after_it_takes_the_subject_written_before_it() -> None:
    rec = run("قال الوزير خالد العمري إن الطريق مفتوح. وكانت الوزيرة سلمى حداد قد زارت، الأحد، مستشفى جرش الحكومي، حيث قالت للصحافيين إن الوضع مستقر.")
    names = {e["id"]: e["name"] for e in rec["entities"]}
    assert [names.get(q["speaker_entity_id"]) for q in rec["quotes"]] == ["خالد العمري", "سلمى حداد"]
    rec = run("وأصدرت وزارة الطاقة بيانا قالت فيه إن الكهرباء عادت.")
    assert rec["quotes"][0]["speaker_name"] == "وزارة الطاقة"


def test_a_continuation_cue_keeps_the_speaker_unless_a_new_subject_follows_it() -> None:
    rec = run("وقال الوزير خالد العمري إن الطريق مفتوح. وأضاف النائب سمير الحلبي أن الجسر مغلق. وتابع أن العمل مستمر.")
    assert [q["speaker_name"] for q in rec["quotes"]] == ["خالد العمري", "سمير الحلبي", "سمير الحلبي"]
    # a continuation with no subject does not look back past the sentence's previous cue
    rec = run("وقال الوزير خالد العمري إن الطريق مفتوح مع النائب سمير الحلبي، مضيفا أن الجسر مغلق.")
    assert [q["speaker_name"] for q in rec["quotes"]] == ["خالد العمري", "خالد العمري"]


def _event_args(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    rec = run(text)
    return [(e["type"], [(a["role"], a["text"]) for a in e["arguments"] if a["role"] != "Time"]) for e in rec["events"]]


def test_a_warning_participle_is_a_warn_event_whose_warner_is_the_speaker() -> None:
    events = _event_args("وقال النائب سمير الحلبي إن الطريق مغلق، محذرا من أن الجسر قد ينهار.")
    assert ("WARN", [("Warner", "سمير الحلبي")]) in events


def test_the_speaker_takes_part_in_the_press_conference_he_speaks_at() -> None:
    events = _event_args("وقال النائب سمير الحلبي في مؤتمر صحفي إن الطريق مغلق.")
    assert events == [("MEET", [("Participant", "سمير الحلبي")])]
    # a meeting that is not a press event does not take the speaker
    events = _event_args("وقال النائب سمير الحلبي إن الاجتماع تأجل.")
    assert ("MEET", [("Participant", "سمير الحلبي")]) not in events


def test_bare_government_is_the_state_the_story_is_about() -> None:
    rec = run("زار وفد من تركيا الأردن. وأعلن الأردن خطة جديدة، وقالت الحكومة إن الخطة تبدأ غدا.")
    jordan = next(e for e in rec["entities"] if any(m["text"] == "الأردن" for m in e["mentions"]))
    assert ("الحكومة", "nominal") in [(m["text"], m["kind"]) for m in jordan["mentions"]]
    # no state named before it: nothing to refer to
    assert mentions("وقالت الحكومة إن الخطة تبدأ غدا.") == []


def test_a_family_name_recurs_with_its_whole_lineage_joiner() -> None:
    rec = run("وقالت الأمينة العامة للولاية، نادية بن عبد الله، إن الحي آمن. وأضافت بن عبد الله أن المياه انحسرت.")
    person = next(e for e in rec["entities"] if e["type"] == "PER")
    assert [m["text"] for m in person["mentions"]] == ["نادية بن عبد الله", "بن عبد الله"]


def test_an_organisation_name_stops_before_another_organisation() -> None:
    orgs = [m[0] for m in mentions("قررت لجنة السياسة النقدية للبنك المركزي الأردني خفض الفائدة.") if m[1] == "ORG"]
    assert "لجنة السياسة النقدية" in orgs


def test_a_definite_head_is_not_followed_by_a_name_in_construct() -> None:
    found = mentions("أعلنت مصر خطة. وقالت الحكومة تعهدت بالدعم.")
    assert ("تعهدت", "ORG", "name") not in found
    assert ("الحكومة", "GPE", "nominal") in found


def test_a_long_title_with_a_coordinated_complement_before_a_name() -> None:
    people = [m[0] for m in mentions("وقال وزير الخارجية والتعاون الدولي خالد العمري إن الوفد وصل.") if m[1] == "PER"]
    assert people == ["خالد العمري"]


def test_a_quoted_name_of_several_words_after_an_organisation_head() -> None:
    found = mentions("رفضت كتلة “النهضة الوطنية” المقترح، وقالت شركة «الشرق للاستثمار» إن الأرباح ارتفعت.")
    assert ("النهضة الوطنية", "ORG", "name") in found and ("الشرق للاستثمار", "ORG", "name") in found


@pytest.mark.parametrize("sentence", ["وذكر موقع مدار نيوز أن الطريق مغلق.", "ونقلت وكالة “مدار نيوز” عن مصدر أمني قوله إن الطريق مغلق."])
def test_x_news_is_an_outlet(sentence: str) -> None:
    assert ("مدار نيوز", "ORG", "name") in mentions(sentence)


def test_a_noun_trigger_with_a_possessive_takes_the_earlier_subject() -> None:
    events = _event_args("قررت لجنة الطاقة النيابية في اجتماعها رفع الأسعار.")
    assert events == [("MEET", [("Participant", "لجنة الطاقة النيابية")])]
    # without the pronoun the noun has no such argument
    assert _event_args("قررت لجنة الطاقة النيابية في الاجتماع رفع الأسعار.") == [("MEET", [])]


def test_a_session_is_a_meeting() -> None:
    assert [e[0] for e in _event_args("وعقد المجلس البلدي جلسته الأولى.")] == ["MEET"]


def test_a_bare_administrative_noun_is_a_nominal_of_the_place_named_with_it() -> None:
    rec = run("غمرت المياه حي الزهور أمس، ثم زار الوزير ولاية وهران، وقال إن الولاية تحتاج دعما وإن الحي تضرر.")
    by_text = {m["text"]: (e["name"], m["kind"]) for e in rec["entities"] for m in e["mentions"]}
    assert by_text["الولاية"] == ("وهران", "nominal")
    assert by_text["الحي"] == ("الزهور", "nominal")
    assert "ولاية" not in by_text  # the administrative noun is no person name after a title


def test_a_bare_administrative_noun_with_no_place_named_before_is_nothing() -> None:
    assert mentions("وقال إن الولاية تحتاج دعما.") == []


def _event_times(text: str) -> dict[str, str | None]:
    rec = run(text)
    texts = {t["id"]: t["text"] for t in rec["timexes"]}
    return {e["trigger"]["text"]: texts.get(e["time_id"]) if e["time_id"] else None for e in rec["events"]}


def test_a_duration_or_a_bound_is_not_the_time_of_an_event() -> None:
    assert _event_times("وافقت الحكومة على اتفاق لمدة ستة أشهر.")["اتفاق"] is None
    assert _event_times("لم تتلق البلدية حتى الآن أي مساعدة.")["مساعدة"] is None
    assert _event_times("وصل الوزير إلى القاهرة مساء الأحد.")["وصل"] == "مساء الأحد"


def test_a_set_dates_only_the_habitual_event_it_follows() -> None:
    assert _event_times("وتعقد اللجنة اجتماعات كل يوم أحد.")["اجتماعات"] == "كل يوم أحد"
    assert _event_times("ووقع الطرفان الاتفاق الذي تراجعه لجنة فنية مستويات الالتزام كل شهر.")["الاتفاق"] is None


def test_a_time_inside_a_quote_does_not_date_the_narrators_event() -> None:
    times = _event_times("وقال الوزير في مؤتمر صحفي إن الوفد “سيصل غدا”.")
    assert times["مؤتمر صحفي"] is None


def test_a_compound_or_lineage_name_ends_with_its_family_name_whatever_its_ending() -> None:
    people = [m[0] for m in mentions("وقالت الخبيرة سلوى عبد الرحيم الشامخ إن السوق مستقر، وأضافت الخبيرة هند بنت خالد الراشدية أن الطلب ضعيف.") if m[1] == "PER"]
    assert "سلوى عبد الرحيم الشامخ" in people and "هند بنت خالد الراشدية" in people
    # a time word after a compound name is not its family name
    assert ("عبد الله", "PER", "name") in mentions("وقال الوزير عبد الله الأسبوع الماضي إن الطريق مغلق.")


def test_a_given_name_after_a_lineage_joiner_is_the_fathers_name() -> None:
    people = [m[0] for m in mentions("وانضم اللاعب الجديد حامد بن سمير العتيبي إلى الفريق.") if m[1] == "PER"]
    assert people == ["حامد بن سمير العتيبي"]
    # nothing before بن that can be a name: بن + name is a family name (Maghreb)
    assert ("بن عبد الكريم", "PER", "name") in mentions("وقالت بن عبد الكريم إن الحي آمن.")


def test_abd_with_a_definite_part_is_a_name_and_ala_is_not_ali() -> None:
    assert ("عبد الكريم الناصري", "PER", "name") in mentions("وسجل عبد الكريم الناصري الهدف الأول.")
    assert not any(m[1] == "PER" for m in mentions("وعلى صعيد آخر، ارتفعت الأسعار."))


def test_an_acronym_in_brackets_after_an_organisation_names_it() -> None:
    rec = run("ونقلت الهيئة الوطنية للإعلام (هونا) عن الوزير قوله إن الطريق مفتوح. وأضافت هونا أن العمل مستمر.")
    org = next(e for e in rec["entities"] if any(m["text"] == "هونا" for m in e["mentions"]))
    assert [m["text"] for m in org["mentions"]] == ["الهيئة الوطنية للإعلام", "هونا", "هونا"]


def test_a_triple_name_in_commas_after_a_title() -> None:
    people = [m[0] for m in mentions("وقال منسق العمليات في المنظمة، حازم فريد نصار، إن القافلة وصلت.") if m[1] == "PER"]
    assert people == ["حازم فريد نصار"]
    # without the closing comma only two plain parts are read
    assert ("حازم فريد", "PER", "name") in mentions("وقال الوزير حازم فريد نصار إن الطريق مغلق.")


def test_the_subject_after_a_complementizer_is_the_subject_of_an_ambiguous_trigger() -> None:
    events = _event_args("وقال مصدر حكومي إن الأردن طلب مهلة إضافية.")
    assert ("REQUEST", [("Requester", "الأردن")]) in events


def test_round4_name_structure_berber_joiner_fused_bin_abd_and_feminine_doctor() -> None:
    people = [m[0] for m in mentions("وقال اللاعب حميد أيت الطالب إن الفريق جاهز، وأكدت الدكتورة سهام المراكشي أن الإصابة خفيفة.") if m[1] == "PER"]
    assert "حميد أيت الطالب" in people and "سهام المراكشي" in people
    assert any(p.startswith("رجاء بنعبد الرحمن") for p in (m[0] for m in mentions("وقالت المديرة رجاء بنعبد الرحمن إن الورش انطلقت.")))


def test_round4_an_organisation_head_or_a_team_is_not_a_name_after_a_title() -> None:
    people = [m[0] for m in mentions("وقال رئيس وفد مجلس الشيوخ في اللجنة إن الحوار مستمر.") if m[1] == "PER"]
    assert people == []
    people = [m[0] for m in mentions("وأضاف المدرب أن الفريق سيجري حصة تدريبية غدا.") if m[1] == "PER"]
    assert people == []
    assert ("سعد العلي", "PER", "name") in mentions("وقال الفريق سعد العلي إن القوات انسحبت.")


def test_round4_a_quotation_before_its_cue_is_the_content() -> None:
    (q,) = quotes("\"سنقاتل حتى النهاية\"، قال الوزير أيمن الصفدي في مؤتمر صحفي أمس.")
    assert q["cue"]["text"] == "قال" and q["kind"] == "direct"
    assert [c["text"] for c in q["content"]] == ["سنقاتل حتى النهاية"]
    assert q["speaker_name"] == "أيمن الصفدي"
    (q,) = quotes("\"لسنا ضد القرار\"، قالت الوزيرة هند الصباح، \"لكننا نريد الحوار\".")
    assert [c["text"] for c in q["content"]] == ["لسنا ضد القرار", "لكننا نريد الحوار"]
    # a quotation inside a sentence is not read backwards
    assert all(q["cue"]["text"] != "قال" for q in quotes("ووصف الوزير الخطة بأنها \"جيدة جدا\"، قال المراقبون."))


def test_round4_an_accusative_source_and_a_source_in_a_construct_organisation_speak() -> None:
    (q,) = quotes("وقال مصدر في إدارة الجمارك إن الشحنة وصلت.")
    assert q["speaker_mention"]["text"] == "مصدر"
    qs = quotes("غير أن مصدرا أمنيا كشف أمس أن الطريق مغلق.")
    assert qs and "مصدر" in (qs[0]["speaker_name"] or "")  # the fronted subject of كشف


def test_round4_a_place_behind_a_preposition_never_speaks_and_a_denial_takes_a_noun_phrase() -> None:
    (q,) = quotes("وقال الوزير في مؤتمر صحفي عقده في القاهرة إن الخطة جاهزة.")
    assert q["speaker_name"] != "القاهرة"
    qs = quotes("في المقابل، نفى المتحدث باسم الوزارة تعرض الموظفين لأي ضغوط، مؤكدا أن \"الوضع تحت السيطرة\".")
    assert qs and qs[-1]["cue"]["text"] == "مؤكدا" and qs[-1]["speaker_entity_id"] is not None
    qs = quotes("وقال الوزير أيمن الصفدي إن الحوار مستمر، نافيا وجود أي خلاف مع الحكومة.")
    assert [c["text"] for c in qs[-1]["content"]] == ["وجود أي خلاف مع الحكومة"]


# --------------------------------------------------------------------------- round 6 (sentences written for the tests)


@pytest.mark.parametrize(("sentence", "name"), [
    ("وقال رئيس الاتحاد المصري لكرة السلة إن البطولة ستقام في موعدها.", "الاتحاد المصري لكرة السلة"),
    ("وعقد المجلس البلدي لبيروت اجتماعا أمس.", "المجلس البلدي لبيروت"),
    ("وقالت الهيئة العامة لموانئ مصر إن الحركة زادت.", "الهيئة العامة لموانئ مصر"),
    ("وأعلنت شركة كهرباء الإسكندرية انقطاع التيار.", "شركة كهرباء الإسكندرية"),
    ("وطالبت نقابة عمال النقل بزيادة الأجور.", "نقابة عمال النقل"),
])
def test_round6_organisation_names_with_complements(sentence: str, name: str) -> None:
    assert (name, "ORG", "name") in mentions(sentence)


def test_round6_a_nisba_after_the_head_name_stays_the_name() -> None:
    ms = mentions("ووقعت شركة سامكو الكورية العقد.")
    assert ("سامكو", "ORG", "name") in ms and not any("الكورية" in text for text, _, _ in ms)


def test_round6_the_team_of_a_club_story_is_the_club() -> None:
    ms = mentions("فاز نادي النجوم على ضيفه. وقال مدربه إن فريقه لعب جيدا، وإن الفريق المصري سيستعد للنهائي.")
    assert ("فريق", "ORG", "nominal") in ms and ("الفريق المصري", "ORG", "nominal") in ms
    assert not any(t == "PER" and text.startswith("الفريق") for text, t, _ in ms)


def test_round6_the_rank_is_still_a_title_before_a_name() -> None:
    ms = mentions("فاز نادي النجوم أمس. وقال الفريق أول سامر حداد إن الأمن مستتب.")
    assert not any(text.startswith("الفريق") and t == "ORG" for text, t, _ in ms)


def test_round6_club_nouns_are_no_person_names_after_a_title() -> None:
    ms = mentions("وقال رئيس مجلس إدارة نادي النجوم إن الموسم صعب.")
    assert not any(t == "PER" for _, t, _ in ms)


def test_round6_a_place_named_in_a_facility_name() -> None:
    ms = mentions("وصل الوفد إلى مطار زوارة الدولي، ثم زار مستشفى زوارة العام، وقال إن زوارة تحتاج الدعم.")
    assert ("مطار زوارة الدولي", "FAC", "name") in ms
    assert sum(1 for text, t, _ in ms if text == "زوارة" and t == "GPE") == 3
    ms = mentions("وزار الوزير مستشفى السلام الدولي أمس.")
    assert not any(t == "GPE" for _, t, _ in ms)


def test_round6_the_capital_as_a_nominal() -> None:
    ms = mentions("وقالت وزارة الداخلية المصرية إن الأمن مستتب في مصر، وإن التظاهرات في العاصمة انتهت.")
    assert ("العاصمة", "GPE", "nominal") in ms
    ms = mentions("ووصل الوفد إلى العاصمة المصرية القاهرة أمس.")
    assert not any(text.startswith("العاصمة") for text, _, _ in ms)


def test_round6_names_stop_at_time_nouns_and_roles() -> None:
    ms = mentions("وسيفتتح مستشفى زوارة العام الشهر المقبل.")
    assert ("مستشفى زوارة العام", "FAC", "name") in ms
    ms = mentions("وطالب حزب التجمع الوطني المعارض بتأجيل التصويت.")
    assert ("حزب التجمع الوطني", "ORG", "name") in ms


def test_round6_an_outlet_name_without_its_class_noun_and_adjective() -> None:
    ms = mentions("وقال في تصريح لقناة الريان الفضائية إن الفريق جاهز.")
    assert ("الريان", "ORG", "name") in ms
    ms = mentions("وقال في تصريح لقناة «الواحة» الرياضية إن الفريق جاهز.")
    assert ("الواحة", "ORG", "name") in ms


# --------------------------------------------------------------------------- round 8 (sentences written for the tests)


def test_round8_a_dateline_names_a_place_and_its_other_uses() -> None:
    ms = mentions("عنوان الخبر\n\nالزهيرات - أعلن المجلس البلدي اليوم فتح الطريق. وقال السكان إن الزهيرات تنتظر المطر.")
    assert ms.count(("الزهيرات", "GPE", "name")) == 2
    # a dash in the middle of a paragraph, or a title before it, is no dateline
    assert not any(t == "الزهيرات" for t, _, _ in mentions("عنوان الخبر\n\nأعلن المجلس البلدي اليوم - الزهيرات - فتح الطريق."))
    assert not any(t == "الرئيس" for t, _, _ in mentions("عنوان\n\nالرئيس - أعلن المجلس فتح الطريق."))


def test_round8_unknown_places_coordinated_with_a_known_one() -> None:
    ms = mentions("وستهطل الأمطار على بيروت وقرطاوة وعين زيتون، بحسب الأرصاد.")
    assert ("قرطاوة", "GPE", "name") in ms and ("عين زيتون", "GPE", "name") in ms
    # a possessive, a definite noun or a phrase that goes on is not a place of the list
    assert not any(t in ("ريفها", "المحافظات") for t, _, _ in mentions("وتتواصل الاشتباكات في دمشق وريفها وفي حلب والمحافظات."))
    assert not any(t == "سكان" for t, _, _ in mentions("وزار الوفد بيروت وسكان المخيمات الفلسطينية."))


def test_round8_quoted_names_after_a_class_noun() -> None:
    # a one-word definite name in marks after an organisation head: the name without the head
    ms = mentions("وطالبت كتلة “الوفاق” بتأجيل الجلسة.")
    assert ("الوفاق", "ORG", "name") in ms
    # an outlet's quoted name may hold a known place, which stays a mention of its own
    ms = mentions("وقال في تصريح لقناة «نبض تونس» إن الطريق مغلق.")
    assert ("نبض تونس", "ORG", "name") in ms and ("تونس", "GPE", "name") in ms
    # a scare-quoted word with no class noun before it is no name
    assert not any(t == "الوفاق" for t, _, _ in mentions("ودعا الوزير إلى “الوفاق” بين الأطراف."))


def test_round8_chambers_municipalities_and_cooperatives_head_names() -> None:
    assert ("غرفة تجارة الشارقة", "ORG", "name") in mentions("ووصل وفد من غرفة تجارة الشارقة إلى المدينة.")
    ms = mentions("وأعلنت غرفة التجارة والصناعة أن المعرض سيفتتح غدا. وقالت الغرفة إن الإقبال كبير.")
    assert ("غرفة التجارة والصناعة", "ORG", "name") in ms and ("الغرفة", "ORG", "nominal") in ms
    ms = mentions("وقالت التعاونية الفلاحية إن المحصول تضرر. وأضافت التعاونية أن الخسائر كبيرة.")
    assert ("التعاونية الفلاحية", "ORG", "name") in ms and ("التعاونية", "ORG", "nominal") in ms
    # a bare head with no name after it is no organisation
    assert mentions("ودخل إلى غرفة صغيرة في المنزل.") == []


def test_round8_the_body_an_anonymous_source_belongs_to() -> None:
    ms = mentions("وقال مصدر في الرقابة الصحية إن الشحنة وصلت.")
    assert ("الرقابة الصحية", "ORG", "name") in ms and ("مصدر", "PER", "nominal") in ms
    assert ("إدارة الميناء", "ORG", "name") in mentions("وقال مصدر مطلع في إدارة الميناء إن الباخرة وصلت.")
    # a bare class noun is the nominal of a body named elsewhere, a single word names nothing
    assert not any(t == "الوزارة" and k == "name" for t, _, k in mentions("وقال مصدر في الوزارة إن القرار صدر."))
    assert not any(t == "القطاع" for t, _, _ in mentions("وقال مصدر في القطاع إن القرار صدر."))


# --------------------------------------------------------------------------- round 9 (sentences written for the tests)


def test_round9_a_quarter_behind_a_proclitic_and_other_quarter_nouns() -> None:
    # بحي/وحي: stems() keeps three letters at least, so the two-letter حي needs its own forms
    assert ("القصبة", "LOC", "name") in mentions("واحتج السكان بحي القصبة على انقطاع الكهرباء.")
    ms = mentions("وتضررت منازل في حي الزيتون وحي عين الماء.")
    assert ("الزيتون", "LOC", "name") in ms and ("عين الماء", "LOC", "name") in ms
    assert ("الشونة", "LOC", "name") in mentions("وأغلقت المدارس في حارة الشونة القديمة.")
    # a word that only ends in حي is no quarter noun
    assert not any(k == "LOC" for _, k, _ in mentions("وقال إن الفريق سيصحح الأخطاء."))


def test_round9_a_natural_feature_with_its_name_is_a_region() -> None:
    assert ("وادي المرج", "LOC", "name") in mentions("وجرفت السيول سيارتين في وادي المرج مساء أمس.")
    assert ("جبل قيدار", "LOC", "name") in mentions("وعلق متسلقان على جبل قيدار منذ الصباح.")
    assert ("جزيرة سلوان", "LOC", "name") in mentions("ووصل الصيادون إلى جزيرة سلوان.")
    # a descriptive adjective, a function word or a definite feature noun is not this pattern
    assert mentions("وهي جزيرة صغيرة لا يسكنها أحد.") == []
    assert mentions("وقال إن جبل من الديون ينتظر الحكومة.") == []
    assert mentions("وفي الوادي جرفت السيول السيارات.") == []


def test_round9_the_place_a_reporter_files_from() -> None:
    ms = mentions("وأفاد مراسلنا في تلكيف، صباح اليوم، بأن السكان تجمعوا. وفي تلكيف عادت المياه.")
    assert ms.count(("تلكيف", "GPE", "name")) == 2
    assert ("الزرقاء", "GPE", "name") in mentions("وأفادت مراسلة الإذاعة في الزرقاء، ظهر اليوم، بأن الطريق فتح.")
    # a time, a month, a head noun or a phrase that goes on is no place
    for sentence in ("وأفاد مراسلنا في وقت سابق بأن الأمطار توقفت.", "وأفاد مراسلنا في أكتوبر، بأن الأمطار توقفت.",
                     "وأفاد مراسلنا في المدينة بأن الحركة عادت.", "وقال مراسلنا في المستشفى الجديد إن الأطباء غادروا."):
        assert not any(k == "GPE" for _, k, _ in mentions(sentence)), sentence


def test_round9_a_local_office_keeps_the_place_the_story_names() -> None:
    ms = mentions("الفيوم - زار محافظ الفيوم المدارس. وأعلنت مديرية الإسكان بالفيوم خطة جديدة.")
    assert ("مديرية الإسكان بالفيوم", "ORG", "name") in ms and ms.count(("الفيوم", "GPE", "name")) == 3
    # a state after ب is no part of a ministry's name
    assert ("وزارة الصحة", "ORG", "name") in mentions("وأعلنت وزارة الصحة بمصر الخطة.")


def test_round9_facility_names_after_a_service_noun_or_a_person() -> None:
    ms = mentions("وافتتح المحافظ محطة ماء تلكيف الجديدة.")
    assert ("محطة ماء تلكيف الجديدة", "FAC", "name") in ms and ("تلكيف", "GPE", "name") in ms
    assert not any(k == "PER" for _, k, _ in ms)  # no person read inside the facility's name
    assert ("ملعب الشهيد سالم بن راشد", "FAC", "name") in mentions("وتقام المباراة على ملعب الشهيد سالم بن راشد يوم الجمعة.")
    assert ("شارع الهادي بن سعيد", "FAC", "name") in mentions("وأغلق شارع الهادي بن سعيد أمس.")
    # a nisba-like place name before a definite adjective is the name, not an adjective
    assert ("مستشفى عنبتاوية الحكومي", "FAC", "name") in mentions("ونقل المصاب إلى مستشفى عنبتاوية الحكومي.")
    # a facility head with a word that says which one names nothing
    assert mentions("وطلب النادي اللعب في ملعب بديل.") == []
    assert mentions("وأكد أن محطة الرفع الجديدة ستعمل قريبا.") == []
    # a site's state ends the name
    assert ("محطة مياه الرملة", "FAC", "name") in mentions("وزار محطة مياه الرملة المتوقفة منذ أسبوع.")


def test_round9_recurrence_adverbs_and_kull_with_a_weekday_or_a_part_of_day() -> None:
    assert timex("وتنتج الوحدة 20 طنا يوميا.") == [("يوميا", "SET", "P1D")]
    assert timex("وتجتمع اللجنة شهريا في مقرها.") == [("شهريا", "SET", "P1M")]
    assert timex("وتفتح السوق كل جمعة.") == [("كل جمعة", "SET", "P1W")]
    assert timex("وتضاء الساحة كل مساء.") == [("كل مساء", "SET", "P1D")]
    assert timex("وسار يوما كاملا.") == []  # يوما is no adverb of recurrence


def test_round9_definite_spans_of_units_with_their_count() -> None:
    assert timex("وتراجعت المبيعات خلال الأشهر الأربعة الماضية.") == [("الأشهر الأربعة الماضية", "DURATION", "P4M")]
    assert timex("وستستمر الأشغال في الأيام الخمسة المقبلة.") == [("الأيام الخمسة المقبلة", "DURATION", "P5D")]
    assert timex("ويكتمل الربط خلال الشهرين المقبلين.") == [("الشهرين المقبلين", "DURATION", "P2M")]
    # a plural without its count, a dual without its offset: nothing
    assert timex("وقال إن الأيام الماضية صعبة.") == []
    assert timex("وأكد أن الشهرين كانا صعبين.") == []


def test_round9_clock_times_with_after_noon_of_a_day_local_time_and_ordinal_hours() -> None:
    assert timex("وأعلنت الشركة، على الساعة الرابعة بعد ظهر أمس، أنها أنهت الأشغال.") == [
        ("الساعة الرابعة بعد ظهر أمس", "TIME", "2024-03-12T16:00")]
    assert timex("وقال، عند الساعة الثانية من بعد ظهر اليوم، إن الطريق فتح.") == [
        ("الساعة الثانية من بعد ظهر اليوم", "TIME", "2024-03-13T14:00")]
    assert timex("وتنطلق المباراة الساعة التاسعة مساء بتوقيت مكة.") == [
        ("الساعة التاسعة مساء بتوقيت مكة", "TIME", "2024-03-13T21:00")]
    assert timex("وستعود المياه في الثامنة من مساء الجمعة المقبل.") == [
        ("الثامنة من مساء الجمعة المقبل", "TIME", "2024-03-15T20:00")]
    assert timex("وحل في المرتبة الثانية من الصباح إلى المساء.") == []  # an ordinal that is no hour


def test_round9_a_clock_time_without_its_day_takes_its_sentence_day() -> None:
    rec = run("وتقام المباراة مساء الأحد المقبل على ملعب المدينة، وتنطلق الساعة 18:30 بتوقيت مكة.")
    by_text = {t["text"]: t for t in rec["timexes"]}
    assert by_text["الساعة 18:30 بتوقيت مكة"]["value"] == "2024-03-17T18:30"
    assert by_text["الساعة 18:30 بتوقيت مكة"]["anchor"]["kind"] == "timex"
    # a day of the previous sentence is another event's
    rec = run("وعقد المجلس جلسة يوم الأحد الماضي. وتبدأ الجلسة الساعة العاشرة.")
    assert {t["text"]: t["value"] for t in rec["timexes"]}["الساعة العاشرة"] == "2024-03-13T10:00"


def test_round9_weekday_with_offset_and_date_and_scheduled_events() -> None:
    assert timex("ويلتقي الوفدان يوم الخميس المقبل 21 مارس.") == [("يوم الخميس المقبل 21 مارس", "DATE", "2024-03-21")]
    # a scheduled event (من المنتظر أن ...): a bare weekday is the next one
    assert timex("ومن المنتظر أن يصل الوفد يوم الجمعة.") == [("يوم الجمعة", "DATE", "2024-03-15")]
    assert timex("ووصل الوفد يوم الجمعة.") == [("يوم الجمعة", "DATE", "2024-03-08")]
    # a quarter or street named after a date is a place, not a time
    assert timex("وتجمع السكان في حي 20 أوت أمس.") == [("أمس", "DATE", "2024-03-12")]
    assert ("20 أوت", "LOC", "name") in mentions("وتجمع السكان في حي 20 أوت أمس.")


def _times(sentence: str, type_: str) -> list[str]:
    rec = run(sentence)
    return [a["text"] for e in rec["events"] if e["type"] == type_ for a in e["arguments"] if a["role"] == "Time"]


def test_round9_a_locative_after_bi_places_a_meeting_or_an_attack() -> None:
    assert ("Place", "بغداد") in _args("وقال النائب في مؤتمر صحفي ببغداد إن الجلسة تأجلت.", "MEET")
    # ب + a person is no place (التقى بالوزير)
    assert not any(r == "Place" for r, _ in _args("والتقى الوفد بالوزير سامر الخطيب أمس.", "MEET"))


def test_round9_a_fronted_place_and_the_destination_of_a_trip_for_a_meeting() -> None:
    assert ("Place", "حلب") in _args("وفي حلب، عقد المجلس البلدي اجتماعا طارئا مع السكان.", "MEET")
    assert ("Place", "عمان") in _args("وأعلنت الوزارة أن وفدا منها سيتوجه إلى عمان الأحد المقبل لبحث العقد مع الشركة.", "MEET")
    # a planned event elsewhere is not located by the fronted place, nor a trip past a comma
    assert not any(t == "حلب" for r, t in _args("وفي حلب، قال المحافظ إن الوزير سيزور دمشق للقاء السكان.", "MEET") if r == "Place")
    assert not any(r == "Place" for r, _ in _args("ووصل الوزير إلى عمان، وقال إن اللقاء مع الشركة أجل.", "MEET"))


def test_round9_the_speakers_own_warning_takes_the_day_of_the_speech() -> None:
    sentence = "والاثنين، قال رئيس الكتلة سامر الخطيب في مؤتمر صحفي إن الكتلة لن تصوت على القانون، محذرا من عواقب التأجيل."
    assert _times(sentence, "WARN") == ["الاثنين"] and _times(sentence, "MEET") == ["الاثنين"]
    # a time inside the reported words dates only the reported events
    assert _times("وقال الوزير إن اللجنة ستجتمع غدا، محذرا من التأخير.", "WARN") == []


def test_round10_an_office_in_construct_with_an_indefinite_sector_noun_and_its_place() -> None:
    # مديرية صحة X: the office runs to its place, which is a GPE inside it, never the sector noun
    ms = mentions("وقال مصدر في مديرية صحة قرطوبة إن الوضع مستقر، وإن قرطوبة تحتاج إلى أطباء.")
    assert ("مديرية صحة قرطوبة", "ORG", "name") in ms and ms.count(("قرطوبة", "GPE", "name")) == 2
    assert not any(t == "صحة" for t, _, _ in ms)
    ms = mentions("وأوضحت مديرة دائرة ماء سندوبة أن المياه ستعود.")
    assert ("دائرة ماء سندوبة", "ORG", "name") in ms and ("سندوبة", "GPE", "name") in ms


def test_round10_a_governors_title_before_an_indefinite_name_names_the_unit() -> None:
    ms = mentions("وافتتح محافظ سندوبة عبد الكريم يوسف المحطة، وقال مصدر في شرطة سندوبة إن الطريق فتح.")
    assert ms.count(("سندوبة", "GPE", "name")) == 2 and ("عبد الكريم يوسف", "PER", "name") in ms
    assert ("كرمان", "GPE", "name") in mentions("وقال والي كرمان إن الطريق مغلق.")
    # وإلى folds to والي, and an adjective of the title is no place
    assert not any(k == "GPE" for _, k, _ in mentions("وجلس الوزير وإلى جانبه محافظ سابق."))
    assert not any(k == "GPE" for _, k, _ in mentions("وقال محافظ جديد إن الأمر صعب."))


def test_round10_a_place_found_in_the_story_inside_an_organisations_name() -> None:
    # a place known only from the story (محافظ X) is a mention inside a body's or a site's name too
    ms = mentions("وزار محافظ سندوبة الموقع. وأعلنت شرطة سندوبة إغلاق ملعب سندوبة الدولي.")
    assert ms.count(("سندوبة", "GPE", "name")) == 3 and ("ملعب سندوبة الدولي", "FAC", "name") in ms


def test_round10_the_holder_of_a_meeting_with_its_subject_between_verb_and_noun() -> None:
    # VSO with a long subject and a time between: عقد + subject + time + اجتماعا
    args = _args("وعقد المجلس الشعبي البلدي للمدينة، مساء أمس، اجتماعا طارئا لبحث الأضرار.", "MEET")
    assert ("Participant", "المجلس الشعبي البلدي للمدينة") in args
    args = _args("وعقدت وزارة الصحة مع نقابة الأطباء يوم الأحد اجتماعا مطولا.", "MEET")
    assert ("Participant", "وزارة الصحة") in args and ("Participant", "نقابة الأطباء") in args


def test_round10_the_body_a_delegation_comes_from_is_the_person_of_its_trip() -> None:
    args = _args("وقالت الوزارة إن وفدا من البنك الدولي سيصل إلى عمان يوم الأحد.", "TRANSPORT")
    assert ("Person", "البنك الدولي") in args and ("Destination", "عمان") in args
    args = _args("ووصل صباح اليوم إلى بغداد وفد من وزارة التجارة برئاسة وكيل الوزارة عبد الكريم يوسف.", "TRANSPORT")
    assert ("Person", "وزارة التجارة") in args and ("Person", "عبد الكريم يوسف") in args
    # a body that is not the delegation's is no traveller
    assert not any(r == "Person" for r, _ in _args("وقالت وزارة التجارة إن الشحنة ستصل إلى بغداد غدا.", "TRANSPORT"))


def test_round10_chaired_by_is_no_presidency() -> None:
    # ب + رئاسة before a name is "chaired by", not an organisation; رئاسة + a definite noun still is
    assert not any(k == "ORG" for _, k, _ in mentions("وعقد المجلس اجتماعا برئاسة سامر الخطيب أمس."))
    assert ("رئاسة الجمهورية", "ORG", "name") in mentions("وقالت رئاسة الجمهورية إن الوفد وصل.")


# --------------------------------------------------------------------------- round 11


@pytest.mark.parametrize(("sentence", "names"), [
    # a professional honorific opens the apposition after a title; its own name is not dropped
    ("وقالت مديرة المدرسة، المهندسة رنيم عبد الكريم الحداد، إن الدوام سيبدأ غدا.", ["رنيم عبد الكريم الحداد"]),
    # the closing comma makes a definite family name of any ending safe to read
    ("وحذر نقيب المهندسين، الدكتور وسيم الرواشدة، من ارتفاع الأسعار. وقال الرواشدة إن النقابة ستجتمع.",
     ["وسيم الرواشدة", "الرواشدة"]),
    # a title with a complement does not close a name on a common noun
    ("وقال وزير التجارة وتنمية الصادرات، أمس، إن السوق مستقرة.", []),
])
def test_round11_an_honorific_apposition_is_read_as_a_whole_name(sentence: str, names: list[str]) -> None:
    assert sorted(t for t, k, _ in mentions(sentence) if k == "PER") == sorted(names)


def _speakers(text: str) -> list[tuple[str, str | None]]:
    rec = run(text)
    return [(q["cue"]["text"], q["speaker_name"]) for q in rec["quotes"]]


def test_round11_a_verbal_noun_after_a_word_of_omission_is_no_cue() -> None:
    # طلب عدم ذكر اسمه: no one speaks; the source before it is the speaker of the quote and of its continuation
    assert _speakers("وقال مصدر في وزارة النقل، طلب عدم ذكر اسمه، إن الطريق سيفتح غدا، لافتا إلى أن العمل مستمر.") == [
        ("قال", "مصدر"), ("لافتا", "مصدر")]
    # an anonymous source with its body behind a fused ب is a source too
    assert _speakers("وأفاد مصدر بمديرية الزراعة، فضل عدم ذكر اسمه، بأن الموسم سيتأخر.") == [("أفاد", "مصدر")]


def test_round11_a_participle_takes_the_subject_of_its_clause() -> None:
    # no earlier quote in the sentence: the participle's subject is its main verb's (VSO, after a fronted adverbial)
    assert _speakers("وحذرت هيئة الطيران المدني، أمس، الشركات من أي تأخير، مؤكدة أنها ستفرض غرامات.") == [
        ("مؤكدة", "هيئة الطيران المدني")]
    assert _speakers("من جهته، طالب اتحاد الفلاحين، أمس، الحكومة بصرف التعويضات، محذرا من أن المحصول سيتلف.") == [
        ("محذرا", "اتحاد الفلاحين")]
    # a pro-drop verb's object is not its subject
    assert _speakers("وطالب خلاله وزارة الصحة بتوفير الأدوية، مؤكدا أن الوضع صعب.") == [("مؤكدا", None)]


def test_round11_a_named_outlet_the_words_were_given_to_is_the_relay() -> None:
    rec = run("وزار وزير النقل، المهندس سامر يوسف الخطيب، الميناء. وكان الخطيب قد قال، مساء أمس، "
              "في تصريح لإذاعة «الشرق الجديد» المحلية، إن العمل سيبدأ.")
    names = {e["id"]: e["name"] for e in rec["entities"]}
    q = rec["quotes"][0]
    assert q["speaker_name"] == "سامر يوسف الخطيب" and names[q["relayed_by_entity_id"]] == "الشرق الجديد"


def test_round11_an_anonymous_source_before_a_body_found_after_its_preposition() -> None:
    # مصدر في + an organisation the rules found (an office in construct with a sector noun): the source speaks
    assert _speakers("ونقل موقع «الخبر» عن مصدر في مديرية صحة قرطوبة قوله إن الوضع مستقر.") == [("قوله", "مصدر")]


def test_round11_an_office_holder_named_by_the_office_speaks() -> None:
    # a title with its body or place, right before the content: a person of its own, who continues
    assert _speakers("وقال رئيس بلدية الشروق الجديدة إن البلدية ستفتح الطريق، مضيفا أنها تحتاج دعما.") == [
        ("قال", "رئيس بلدية الشروق الجديدة"), ("مضيفا", "رئيس بلدية الشروق الجديدة")]
    assert _speakers("وكان رئيس مجلس مدينة الفرسان قد قال إن المياه ستعود.") == [("قال", "رئيس مجلس مدينة الفرسان")]
    # a title followed by a comma leaves room for the holder's name: no person is made of it
    assert not any(k == "PER" for _, k, _ in mentions("وقال رئيس بلدية الشروق، أمس، إن الطريق مغلق."))


def test_round11_a_definite_directorate_head_refers_to_an_office_named_with_an_indefinite_sector_noun() -> None:
    ms = mentions("وأعلنت مديرية صحة قرطوبة حملة تلقيح. وقالت المديرية إن الحملة ستبدأ غدا.")
    assert ("المديرية", "ORG", "nominal") in ms and ("مديرية صحة قرطوبة", "ORG", "name") in ms


def test_round11_a_wilaya_beside_its_namesake_city_keeps_its_noun() -> None:
    # the dateline names the city: the wilaya is another entity, with its class noun
    ms = mentions("سندوبة - أعلنت مديرية الري لولاية سندوبة أن المياه ستعود إلى سندوبة غدا.")
    assert ("ولاية سندوبة", "GPE", "name") in ms and ms.count(("سندوبة", "GPE", "name")) == 2
    # without a city of that name in the story, the unit's noun stays outside (GUIDELINES 1.4)
    ms = mentions("وأعلنت مديرية الري لولاية سندوبة أن المياه ستعود غدا.")
    assert ("سندوبة", "GPE", "name") in ms and not any(t == "ولاية سندوبة" for t, _, _ in ms)


def test_round11_a_local_council_or_chamber_keeps_the_place_it_serves() -> None:
    # المجلس البلدي/الجهوي + ل + a place of the story, a chamber or an association + ب/ل + the place
    ms = mentions("سندوبة - عقد المجلس البلدي لسندوبة اجتماعا، وطالبت جمعية المرأة الريفية بسندوبة بالدعم.")
    assert ("المجلس البلدي لسندوبة", "ORG", "name") in ms and ("جمعية المرأة الريفية بسندوبة", "ORG", "name") in ms
    assert ms.count(("سندوبة", "GPE", "name")) == 3
    # a national body is no local council: its ل-complement is not read as its place
    assert not any(t.endswith("لسندوبة") for t, k, _ in mentions("سندوبة - وقال المجلس الأعلى لسندوبة إن الوضع مستقر.") if k == "ORG")


def test_round11_a_weekday_ends_an_organisations_name() -> None:
    ms = mentions("وسترسل الوزارة لجنة إلى مجلس مدينة الفرسان الأحد المقبل.")
    assert ("مجلس مدينة الفرسان", "ORG", "name") in ms and not any("الأحد" in t for t, k, _ in ms if k == "ORG")


def test_round11_a_quoted_act_warned_against_or_asked_for_is_no_quote() -> None:
    # حذر من + a quoted noun phrase, مطالبة + a quoted ب-phrase: the act, not speech (GUIDELINES 2.1)
    assert [c for c, _ in _speakers('وحذر رئيس البلدية من "تكرار انقطاع المياه في الأحياء"، مؤكدا أن المجلس سيجتمع.')] == ["مؤكدا"]
    assert [c for c, _ in _speakers('وقالت النقابة إن المركز تعرض للقصف، مطالبة "بوقف الاعتداءات فورا".')] == ["قالت"]
    # with a complementizer the warning has propositional content
    assert [c for c, _ in _speakers('وحذر الوزير من أن "الوضع قد يتفاقم".')] == ["حذر"]


def test_round11_unnamed_plural_sources_give_no_speaker() -> None:
    # GUIDELINES 2.5: plural unnamed sources are no entity; the quote and its continuation have no speaker
    rec = run("وقال مصدر أمني إن الطريق مغلق. وقالت مصادر مطلعة إن الوفد سيصل غدا. وأضافت المصادر أن الاتفاق قريب.")
    assert [(q["cue"]["text"], q["speaker_entity_id"] is None) for q in rec["quotes"]] == [
        ("قال", False), ("قالت", True), ("أضافت", True)]
    # relayed from them: the outlet relays, no one is the speaker
    rec = run("وذكرت صحيفة «الفجر» نقلا عن مصادر مطلعة أن الوفد طلب التأجيل.")
    names = {e["id"]: e["name"] for e in rec["entities"]}
    (q,) = rec["quotes"]
    assert q["speaker_entity_id"] is None and names[q["relayed_by_entity_id"]] == "الفجر"


def test_round11_verbs_of_judging_likely_and_admitting_are_cues() -> None:
    rec = run("وقال المدرب إن الفريق جاهز، متوقعا أن يفوز باللقب، غير أنه استبعد أن يشارك المهاجم.")
    assert [(q["cue"]["text"], [c["text"] for c in q["content"]]) for q in rec["quotes"]] == [
        ("قال", ["الفريق جاهز"]), ("متوقعا", ["يفوز باللقب"]), ("استبعد", ["يشارك المهاجم"])]
    assert [q["cue"]["text"] for q in run("واعترف المدرب بأن فريقه أخطأ، مرجحا أن يعود غدا.")["quotes"]] == ["اعترف", "مرجحا"]


# --------------------------------------------------------------------------- round 12


#: round 12: a news site, a platform, a bare لـ, a reporter (the words in the marks, time words and
#: digits too), the other name of a news agency right after its full name
_ROUND12_QUOTED_BODIES = {
    "وقال مصدر في البلدية لموقع «أنباء الوادي» إن الطريق مغلق.": "أنباء الوادي",
    "ونقلت منصة «قرطوبة اليوم» المحلية عن مصدر قوله إن الوضع مستقر.": "قرطوبة اليوم",
    "وقال المدير لـ«صوت السهل» إن المياه ستعود.": "صوت السهل",
    "ونقل موقع «الرابية 24» الإخباري عن المدير قوله إن العمل مستمر.": "الرابية 24",
    "وأفاد مراسل «نجمة الشمال» بأن السكان تجمعوا.": "نجمة الشمال",
    "ونقلت وكالة الأنباء الوطنية «وانا» عن الوزير قوله إن الوفد وصل.": "وانا",
}


def test_round12_a_quoted_name_after_a_word_that_introduces_a_body_is_an_organisation() -> None:
    missed = [name for sentence, name in _ROUND12_QUOTED_BODIES.items() if (name, "ORG", "name") not in mentions(sentence)]
    assert missed == []


def test_round12_a_quoted_organisation_recurs_in_quotation_marks() -> None:
    ms = mentions("ووقعت الشركة اتفاقية مع مجموعة «بحار الشرق»، ثم التقى الوزير مسؤولي «بحار الشرق».")
    assert ms.count(("بحار الشرق", "ORG", "name")) == 2
    # quoted speech is no name: a preposition or a complementizer opens it
    assert not any(k == "ORG" for _, k, _ in mentions("وقال لـ«إن الوضع مستقر» أمس."))


def test_round12_a_bare_class_noun_refers_to_the_body_named_without_it() -> None:
    # شركة X، تعاونية «X»: the class noun stays outside the name (1.2), and الشركة / التعاونية is its nominal
    ms = mentions("ووقعت شركة سنابل للمقاولات اتفاقا مع الوزارة. وقالت الشركة إن العمل يبدأ غدا.")
    assert ("الشركة", "ORG", "nominal") in ms
    rec = run("وزار الوفد تعاونية «نسيم البحر» أمس. وقالت التعاونية إن الموسم جيد.")
    (org,) = [e for e in rec["entities"] if e["type"] == "ORG"]
    assert sorted((m["text"], m["kind"]) for m in org["mentions"]) == [("التعاونية", "nominal"), ("نسيم البحر", "name")]


def test_round12_a_body_in_construct_with_its_known_place_keeps_its_head() -> None:
    # أمانة X، مصرف X المركزي: one organisation name, the place a mention of its own inside (1.2)
    ms = mentions("وأغلقت أمانة عمان الطريق. وقالت الأمانة إن العمل يستمر.")
    assert ("أمانة عمان", "ORG", "name") in ms and ("الأمانة", "ORG", "nominal") in ms and ("عمان", "GPE", "name") in ms
    assert ("مصرف لبنان المركزي", "ORG", "name") in mentions("وأعلن مصرف لبنان المركزي خطة جديدة.")
    # the object of the verb after it is not its adjective
    assert not any(t.endswith("الطريق") for t, _, _ in mentions("وأغلقت أمانة عمان الطريق."))


@pytest.mark.parametrize(("sentence", "name"), [
    # what the company does closes its name; the class noun stays outside (1.2)
    ("ووقعت الوزارة عقدا مع شركة النخيل الذهبي للمقاولات أمس.", "النخيل الذهبي للمقاولات"),
    ("وأعلنت شركة الينابيع لتوزيع المياه انقطاع الخدمة.", "الينابيع لتوزيع المياه"),
    ("وقال مدير شركة ضفاف للخدمات اللوجستية إن الشحنة وصلت.", "ضفاف للخدمات اللوجستية"),
    ("وقالت الجمعية العامة لشركة موانئ الشرق للملاحة إن الأرباح زادت.", "موانئ الشرق للملاحة"),
])
def test_round12_a_company_is_named_with_what_it_does(sentence: str, name: str) -> None:
    ms = mentions(sentence)
    assert (name, "ORG", "name") in ms and not any(t.startswith("شركة") for t, k, _ in ms if k == "ORG")


def test_round12_an_indefinite_common_word_after_an_organisation_head_is_no_name() -> None:
    # a committee, a centre: the word after the head is an adjective or a common noun
    assert not any(k == "ORG" for _, k, _ in mentions("وأرسلت الوزارة لجنة فنية إلى المدينة، وافتتحت مركز إيواء مؤقت."))
    # a time after the company's name is no complement of it
    assert not any("لمدة" in t for t, _, _ in mentions("ووقع النادي عقدا مع شركة سنابل للمقاولات لمدة ثلاث سنوات."))


def test_round12_a_body_named_after_a_place_found_in_the_story_keeps_its_head() -> None:
    # the dateline makes the unknown word a place; the university after it keeps its head (1.2)
    ms = mentions("قرطوبة - أطلقت جامعة قرطوبة حملة. وقالت الجامعة إن الحملة تستمر.")
    assert ("جامعة قرطوبة", "ORG", "name") in ms and ("الجامعة", "ORG", "nominal") in ms
    assert ms.count(("قرطوبة", "GPE", "name")) == 2


def test_round12_the_name_in_commas_after_a_long_title_phrase() -> None:
    # every word between the commas is the name, definite parts too; the title is no mention of its own
    ms = mentions("وقال المدير العام لمؤسسة الموانئ، وداد الحسن النعيمي، في ندوة صحفية، إن الأشغال انطلقت.")
    assert ("وداد الحسن النعيمي", "PER", "name") in ms and not any(k == "PER" and t != "وداد الحسن النعيمي" for t, k, _ in ms)
    # after an honorific or a nationality, and the speaker of the quote
    assert _speakers("وقال المتحدث الرسمي باسم البلدية، المهندس رامز فؤاد العتيبي، في مؤتمر صحفي، إن الطريق سيفتح.") == [
        ("قال", "رامز فؤاد العتيبي")]
    assert ("بيتر يوهان كلاين", "PER", "name") in mentions(
        "وقال سفير الاتحاد الأوروبي لدى الأردن، الألماني بيتر يوهان كلاين، خلال الحفل، إن التمويل جاهز.")
    # a time or a preposition before the comma: no apposition, no name
    assert not any(k == "PER" and k != "nominal" for _, k, kind in mentions(
        "ويتوجه الوزير غدا إلى المحافظة، لافتتاح مجمع خدمات جديد، وفق البيان.") if kind == "name")


# --------------------------------------------------------------------------- round 13


@pytest.mark.parametrize(("sentence", "name"), [
    # a ل phrase that names what a facility is for is part of its name (GUIDELINES 1.2)
    ("وأغلقت السلطات مدرسة الرمانة للتعليم الأساسي أمس.", "مدرسة الرمانة للتعليم الأساسي"),
    ("وتوقفت محطة النخلة لضخ المياه عن العمل.", "محطة النخلة لضخ المياه"),
    ("ونقل التجار بضائعهم إلى سوق الجملة للخضار صباحا.", "سوق الجملة للخضار"),
])
def test_round13_a_facility_is_named_with_what_it_is_for(sentence: str, name: str) -> None:
    assert (name, "FAC", "name") in mentions(sentence)


def test_round13_the_purpose_of_a_visit_is_no_part_of_a_facility_name() -> None:
    ms = mentions("وزار الوفد ميناء الرمانة للاطلاع على الأشغال، ثم نقل المصاب إلى مستشفى الرمانة لتلقي العلاج"
                  " قبل أن يزور مصنع الرمانة للأسمدة.")
    assert ("مصنع الرمانة للأسمدة", "FAC", "name") in ms
    assert not any(k == "FAC" and ("للاطلاع" in t or "لتلقي" in t) for t, k, _ in ms)


@pytest.mark.parametrize(("sentence", "facility", "place"), [
    # the town a facility serves, named after its head, is a place mention nested in it (GUIDELINES 1.2)
    ("ويقام سوق زوغرة الأسبوعي كل خميس.", "سوق زوغرة الأسبوعي", "زوغرة"),
    ("وتقام المباراة على ملعب زوغرة الدولي مساء السبت.", "ملعب زوغرة الدولي", "زوغرة"),
    ("وتراجعت الحركة عبر معبر تيلال الحدودي أمس.", "معبر تيلال الحدودي", "تيلال"),
    ("ونقل المصابون إلى مستشفى قرطبية الحكومي.", "مستشفى قرطبية الحكومي", "قرطبية"),
    ("ووصلت الباخرة إلى ميناء أم الرمال صباحا.", "ميناء أم الرمال", "أم الرمال"),
    ("وأغلق مركز زوغرة الصحي أبوابه أمس.", "مركز زوغرة الصحي", "زوغرة"),
])
def test_round13_a_town_named_inside_a_facility_name_is_a_place(sentence: str, facility: str, place: str) -> None:
    ms = mentions(sentence)
    assert (facility, "FAC", "name") in ms and (place, "GPE", "name") in ms


def test_round13_a_road_between_two_places_is_named_by_both() -> None:
    ms = mentions("وقطعت السيول طريق زوغرة - تيلال فجر اليوم، وقال المحافظ إن الطريق سيفتح غدا.")
    assert ("طريق زوغرة - تيلال", "FAC", "name") in ms and ("زوغرة", "GPE", "name") in ms and ("تيلال", "GPE", "name") in ms
    assert ("الطريق", "FAC", "nominal") in ms
    # by way of, and a road described by an indefinite adjective: no road is named
    assert not any(k == "FAC" for _, k, _ in mentions("ووصلت المساعدات عن طريق الوسيط عبر طريق مخصص للشاحنات."))
    # two indefinite name words after a stadium's head are a person's name, no place
    assert not any(k == "GPE" for _, k, _ in mentions("وتقام المباراة على ملعب فرانك هولم مساء السبت."))


@pytest.mark.parametrize(("sentence", "places"), [
    # the dual of a unit, the plurals of districts and localities, definite conjuncts of a list
    ("وقد تقدم الوزارة دعما لمحافظتي زوغرة وتيلال.", ["تيلال", "زوغرة"]),
    ("وتستمر الحملة في مراكز زوغرة وتيلال وقرطبية.", ["تيلال", "زوغرة", "قرطبية"]),
    ("وتعمل الفرق في محليات زوغرة وتيلال منذ أمس.", ["تيلال", "زوغرة"]),
    ("وستعدل الدوائر في محافظات الزوغرة والتيلال.", ["التيلال", "الزوغرة"]),
    # a place behind و after a known one, a two-word name with a short prefix (وذي X)
    ("ولا يضمن القانون حصة للبصرة وزوغرة وذي تيلال.", ["بصرة", "ذي تيلال", "زوغرة"]),  # the fused لل stays outside (0)
    # the Maghreb's units, and a district whose villages are named
    ("وقال عضو المجلس عن إقليم زوغرة إن الجلسة أجلت.", ["زوغرة"]),
    ("ويسافر المشجعون من قرى مركز زوغرة.", ["زوغرة"]),
])
def test_round13_places_in_a_list_after_a_dual_or_plural_unit(sentence: str, places: list[str]) -> None:
    assert sorted(t for t, k, kind in mentions(sentence) if k == "GPE" and kind == "name") == places


def test_round13_a_centre_or_a_side_is_no_place() -> None:
    assert not any(k == "GPE" for _, k, _ in mentions("وفتحت مراكز الاقتراع أبوابها، ومن جهة أخرى لم تعلن أي جهة مسؤوليتها عن الهجوم."))
    assert ("زوغرة", "GPE", "name") in mentions("وقال عضو المجلس عن إقليم زوغرة إن مراكز الاقتراع فتحت.")


def test_round13_a_three_part_name_closes_on_its_family_name() -> None:
    # a given name and a father's name, then a definite family name of any ending before a comma
    ms = mentions("واستقبل وزير النقل، المهندس سامر وليد الخرابشة، في مكتبه الوفد. وقال الخرابشة إن العمل مستمر.")
    assert ("سامر وليد الخرابشة", "PER", "name") in ms and ("الخرابشة", "PER", "name") in ms
    # a family name that is also an event noun, in an apposition opened by a comma
    assert ("عبد الكريم يونس العدوان", "PER", "name") in mentions("واستقبل وزير النقل، المهندس عبد الكريم يونس العدوان، الوفد.")
    # the verb's object before a comma is no family name
    assert ("عبد الكريم يونس", "PER", "name") in mentions("وافتتح المحافظ عبد الكريم يونس المحطة، ثم غادر.")


def test_round13_a_role_noun_after_a_speech_verb_opens_an_apposition_name() -> None:
    # قالت + a definite role noun (no title of the lists) + its complement, then the name in commas
    assert _speakers("وقالت المتطوعة في جمعية الإغاثة، ريمة سالم الحداد، إن الفرق وصلت.") == [("قالت", "ريمة سالم الحداد")]
    # a definite own name before a lineage joiner (X بنت Y)
    assert ("الزاهية بنت محمد فال", "PER", "name") in mentions("وكانت النائبة عن الإقليم، الزاهية بنت محمد فال، قد طالبت بالتمويل.")


def test_round13_a_club_named_by_two_words_and_a_coordinated_construct_name() -> None:
    # نادي + an indefinite noun in construct with a definite one: the club's name, the class noun outside
    ms = mentions("وطلب نادي شباب الرمال تأجيل المباراة، وقال رئيس النادي إن شباب الرمال جاهز.")
    assert ms.count(("شباب الرمال", "ORG", "name")) == 2 and ("النادي", "ORG", "nominal") in ms
    # two coordinated nouns in construct with one genitive: one official name with its head (1.2)
    ms = mentions("وطالبت غرفة تجارة وصناعة قطر الحكومة بخفض الرسوم.")
    assert ("غرفة تجارة وصناعة قطر", "ORG", "name") in ms and ("قطر", "GPE", "name") in ms
    # a second body behind و is no part of the first one's name
    assert ("جامعة أسيوط", "ORG", "name") in mentions("أسيوط - وقعت جامعة أسيوط ومديرية الشؤون الصحية بروتوكولا.")


def test_round13_his_country_is_the_state_of_the_speakers_title() -> None:
    # بلاده: the nominal بلاد (the clitic outside, GUIDELINES 0), linked to the state in the speaker's title
    rec = run("والتقى الوزير نظيره التونسي، وزير التجارة، سامي فؤاد الجبالي، أمس. وقال الجبالي إن بلاده ستدعم المشروع.")
    (tunisia,) = [e for e in rec["entities"] if e["type"] == "GPE"]
    assert sorted((m["text"], m["kind"]) for m in tunisia["mentions"]) == [("التونسي", "name"), ("بلاد", "nominal")]
    # no state in the title: no mention
    assert not any(k == "GPE" for _, k, _ in mentions("وقال الوزير سامي فؤاد إن بلاده ستدعم المشروع."))


def test_round13_the_one_named_after_a_request_or_warning_participle_is_addressed() -> None:
    # "…، مطالبا X بـ": X is the Addressee, the speaker the Requester (GUIDELINES 3)
    found = _args("وقال رئيس البلدية سامر العتيبي إن الطريق مغلق، مطالبا وزارة النقل بإصلاحه.", "REQUEST")
    assert ("Addressee", "وزارة النقل") in found and ("Requester", "سامر العتيبي") in found
    assert ("Addressee", "وزارة الصحة") in _args("وقالت المديرة سناء فؤاد إن النقص حاد، محذرة وزارة الصحة من تفاقم الأزمة.", "WARN")
    # a crowd asking: the plural participle is a request too
    rec = run("وتجمع عشرات السكان أمام مقر البلدية، مطالبين بإصلاح الطريق.")
    assert [e["trigger"]["text"] for e in rec["events"] if e["type"] == "REQUEST"] == ["مطالبين"]


def test_round13_who_attends_a_meeting_takes_part_in_it() -> None:
    # بحضور ممثلين عن X وY: both bodies are Participants (GUIDELINES 3.3)
    found = _args("وعقد المجلس البلدي اجتماعا طارئا أمس بحضور ممثلين عن النقابة العامة ووزارة الصحة، وانتهى دون اتفاق.", "MEET")
    assert ("Participant", "النقابة العامة") in found and ("Participant", "وزارة الصحة") in found
    # a person named in commas after a title: the person only, not the place in the title
    found = _args("وعقد الوزير اجتماعا موسعا بحضور محافظ زوغرة، الدكتور سامر فؤاد العتيبي، لمناقشة الخطة.", "MEET")
    assert ("Participant", "سامر فؤاد العتيبي") in found and ("Participant", "زوغرة") not in found


def test_round13_the_second_one_named_after_a_request_verb_is_asked() -> None:
    # the subject asks, the next one named is asked (GUIDELINES 3)
    found = _args("وقال المصدر إن غرفة التجارة طالبت وزارة المالية بتأجيل الرسوم.", "REQUEST")
    assert ("Requester", "غرفة التجارة") in found and ("Addressee", "وزارة المالية") in found
    # a body in the asker's title gives way to the person it introduces
    found = _args("وطالب عضو لجنة المالية النيابية النائب سامر العتيبي وزارة النقل بإصلاح الطريق.", "REQUEST")
    assert ("Requester", "سامر العتيبي") in found and ("Addressee", "وزارة النقل") in found


def test_round13_a_quarter_named_after_a_person_is_a_place() -> None:
    # حي الأمير X، حيي X وY بن Z: the quarter's name is a LOC mention, no person (GUIDELINES 1.2)
    ms = mentions("وعادت المياه إلى حيي الأمير منصور وسالم بن حمدان بمدينة قرطبية.")
    assert ("الأمير منصور", "LOC", "name") in ms and ("سالم بن حمدان", "LOC", "name") in ms
    assert not any(k == "PER" for _, k, _ in ms)


def test_round13_a_future_verb_after_its_subject_is_no_name() -> None:
    # رئيس البلدية سيعقد …، اللاعب سيخضع …: the future prefix makes the word a verb, not a name
    assert not any(k == "PER" and kind == "name" for _, k, kind in mentions("وقال إن رئيس البلدية سيعقد اجتماعا غدا، وإن اللاعب سيخضع للفحص."))


@pytest.mark.parametrize(("sentence", "trigger", "type_"), [
    # loans, grants and donations are aid (GUIDELINES 3.1); a press briefing is a meeting
    ("وحصلت المؤسسة على قرض من البنك الوطني.", "قرض", "AID"),
    ("وكان البنك الدولي قد قدم للوزارة منحة بقيمة مليون دولار.", "منحة", "AID"),
    ("وتبرعت شركة «النخيل» بجهازين للمستشفى.", "تبرعت", "AID"),
    ("وقالت المديرة في ندوة صحفية إن العمل مستمر.", "ندوة صحفية", "MEET"),
])
def test_round13_loans_grants_donations_and_briefings_are_events(sentence: str, trigger: str, type_: str) -> None:
    rec = run(sentence)
    assert (trigger, type_) in [(e["trigger"]["text"], e["type"]) for e in rec["events"]]


def test_round13_carrying_people_is_a_trip_but_goods_arriving_are_not() -> None:
    def transports(text: str) -> list[str]:
        return [e["trigger"]["text"] for e in run(text)["events"] if e["type"] == "TRANSPORT"]
    # people carried somewhere, people fleeing: TRANSPORT (GUIDELINES 3.1)
    assert transports("ونقلت سيارات الإسعاف ستة مصابين إلى مستشفى المدينة.") == ["نقلت"]
    assert transports("وقال إن نحو مئتي أسرة نزحت إلى المدارس.") == ["نزحت"]
    # a relayed saying, a match moved, goods or an amount arriving: no trip
    assert transports("ونقلت وكالة الأنباء عن الوزير قوله إن العمل مستمر.") == []
    assert transports("وقررت اللجنة نقل المباراة إلى ملعب آخر، وقال إن شحنة ثانية ستصل غدا.") == []
    assert transports("وقال إن الانقطاعات قد تصل إلى عشر ساعات، وأكد فيصل بن سعد أن الوضع مستقر.") == []


def test_positions_of_finds_exactly_the_tokens_of_each_form() -> None:
    """``View.positions_of`` finds forms by scanning the normalised text, not the tokens: the
    positions must still be exactly the tokens whose normalised form is asked for, whatever mix of
    present, absent, clitic-bearing, punctuation, empty and blank forms is asked (seeded)."""
    import random

    text = "قال وزير الخارجية، أمس: «إن بلاده وبلادها ستعمل» (في 23/8/2021). وقال الوزير: بلاده بلاده\nوالبلاد"
    view = View(text)
    rng = random.Random(20251203)
    vocabulary = sorted(set(view.norms))
    extra = ["", " ", "بلاد", "ببلاده", "xyz", "«", "ال"]
    for _ in range(200):
        forms = frozenset(rng.sample(vocabulary + extra, rng.randint(0, 6)))
        expected = [k for k, norm in enumerate(view.norms) if norm in forms and norm and not norm.isspace()]
        assert view.positions_of(forms) == expected, sorted(forms)
    # large sets are tested token by token (normalization._SCAN_PER_TOKEN): the same positions
    from naba.baselines.rules.normalization import _SCAN_PER_TOKEN

    for _ in range(100):
        forms = frozenset(rng.sample(vocabulary + extra, rng.randint(20, len(vocabulary))))
        assert len(forms) * len(view.text) > _SCAN_PER_TOKEN * view.n  # the token-by-token path
        expected = [k for k, norm in enumerate(view.norms) if norm in forms and norm and not norm.isspace()]
        assert view.positions_of(forms) == expected, sorted(forms)


def test_positions_ending_with_equals_positions_of_for_clitic_forms() -> None:
    """``View.positions_ending_with`` scans once per name for the name's clitic forms (which all
    end with ``_clitic_core`` of the name): the same positions as ``positions_of`` on the forms,
    for names present, absent, behind clitics, with and without the article, one a suffix of
    another, and an empty core (seeded)."""
    import random

    from naba.baselines.rules.entities import _clitic_core, _clitic_forms

    text = "زار الوزير القاهرة وبالقاهرة، ثم للقاهرة وفللقاهرة. عكار وعكار ولعكار: في عكارية\nوالبلاد البلاد ببلاد"
    view = View(text)
    rng = random.Random(20261203)
    names = sorted(set(view.norms) | {"قاهرة", "كار", "بلاد", "ال", "xyz", "عكاري"})
    for _ in range(200):
        chosen = rng.sample(names, rng.randint(1, 5))
        forms = frozenset().union(*(_clitic_forms(name) for name in chosen))
        assert view.positions_ending_with(forms, [_clitic_core(name) for name in chosen]) == view.positions_of(forms), chosen
    # the fixed form sets searched that way: every form ends with one of their cores
    from naba.baselines.rules import entities

    for forms, cores in ((entities._POSSESSED_STATE_FORMS, entities._POSSESSED_STATE_CORES),
                         (entities._CAPITAL_FORMS, entities._CAPITAL_CORES)):
        assert all(any(form.endswith(core) for core in cores) for form in forms)


# --------------------------------------------------------------------------- round 14 (time spans, Time arguments)


@pytest.mark.parametrize(("sentence", "expected"), [
    # GUIDELINES 4.1, 4.2: مطلع/بداية/نهاية are inside the span, the period's value
    ("وتنطلق الأشغال مطلع أبريل المقبل.", ("مطلع أبريل المقبل", "DATE", "2024-04")),
    ("ويكتمل المشروع قبل نهاية الشهر الجاري.", ("نهاية الشهر الجاري", "DATE", "2024-03")),
    ("وتصدر النتائج بداية الأسبوع المقبل.", ("بداية الأسبوع المقبل", "DATE", "2024-W12")),
    ("وتعهدت الشركة بتسليم الشقق نهاية العام.", ("نهاية العام", "DATE", "2024")),
    ("ويبدأ العمل بالقانون مطلع 2026.", ("مطلع 2026", "DATE", "2026")),
])
def test_round14_the_edge_of_a_period_is_inside_its_span(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in timex(sentence)


def test_round14_the_end_of_a_match_is_no_time() -> None:
    assert not any("نهاية" in text for text, _, _ in timex("وسجل اللاعب هدف الفوز قبل نهاية المباراة بدقيقتين."))


def test_round14_a_weekday_after_the_day_after_tomorrow_is_one_expression() -> None:
    assert ("بعد غد الجمعة", "DATE", "2024-03-15") in timex("ويصل الوفد إلى المدينة بعد غد الجمعة.")


def test_round14_the_afternoon_of_a_day_without_the_article() -> None:
    assert ("بعد ظهر اليوم", "TIME", "2024-03-13TAF") in timex("وقال المدير في مؤتمر صحفي بعد ظهر اليوم إن العمل مستمر.")


@pytest.mark.parametrize("emphatic", ["نفسه", "ذاته"])
def test_round14_the_same_day_is_the_day_of_the_expression_before_it(emphatic: str) -> None:
    rec = run(f"واندلع الحريق يوم 2/3/2024 في سوق المدينة، وفي اليوم {emphatic} وصلت فرق الإطفاء من البلدات المجاورة.")
    by_text = {t["text"]: t for t in rec["timexes"]}
    same = by_text[f"اليوم {emphatic}"]
    assert same["value"] == "2024-03-02"
    assert same["anchor"] == {"kind": "timex", "id": by_text["يوم 2/3/2024"]["id"]}


def test_round14_the_same_date_and_a_part_of_the_same_day() -> None:
    rec = run("وسجلت الأمطار يوم الأحد 3/3/2024 أعلى مستوياتها، وفي التاريخ نفسه أغلقت المدارس، ثم عادت صباح اليوم ذاته.")
    values = {t["text"]: t["value"] for t in rec["timexes"]}
    assert values["التاريخ نفسه"] == "2024-03-03"
    assert values["صباح اليوم ذاته"] == "2024-03-03TMO"


def _event_times(text: str) -> dict[str, str | None]:
    rec = run(text)
    by_id = {t["id"]: t["text"] for t in rec["timexes"]}
    return {e["trigger"]["text"]: by_id.get(e["time_id"]) for e in rec["events"]}


def test_round14_a_purpose_noun_does_not_take_the_time_of_the_verb_before_it() -> None:
    times = _event_times("وسيصل وفد البنك إلى المدينة يوم الأحد المقبل لبحث المشروع.")
    assert times.get("بحث") is None


def test_round14_a_noun_after_a_time_reference_word_is_no_time_owner() -> None:
    times = _event_times("وقال الوزير مساء اليوم، في تصريح للصحفيين عقب الاجتماع، إن الاتفاق قريب.")
    assert times.get("الاجتماع") is None


def test_round14_the_nearer_trigger_takes_the_time_before_it() -> None:
    times = _event_times("وستوقع الحكومة الأسبوع المقبل اتفاقية قرض مع البنك.")
    assert times.get("اتفاقية") == "الأسبوع المقبل"
    assert times.get("قرض") is None


def test_round14_a_meeting_right_after_its_time_keeps_it() -> None:
    assert _event_times("وعقد المجلس صباح اليوم اجتماعا طارئا.").get("اجتماعا") == "صباح اليوم"


@pytest.mark.parametrize(("sentence", "expected"), [
    # a set with the number of its period (GUIDELINES 4.2)
    ("وتجتمع اللجنة كل ثلاثة أشهر لمراجعة الخطة.", ("كل ثلاثة أشهر", "SET", "P3M")),
    ("وتصل المياه إلى الحي كل يومين.", ("كل يومين", "SET", "P2D")),
    ("وتنطلق حافلة من المحطة كل عشرين دقيقة.", ("كل عشرين دقيقة", "SET", "PT20M")),
    # الجاري after a day of a month is inside the span
    ("وتنتهي المهلة يوم 22 مارس الجاري.", ("يوم 22 مارس الجاري", "DATE", "2024-03-22")),
    # اليوم/أول أمس + weekday (+ date): one expression
    ("افتتح الوزير، اليوم الأربعاء 13 آذار/مارس، المعرض.", ("اليوم الأربعاء 13 آذار/مارس", "DATE", "2024-03-13")),
    ("وتم ذلك أول أمس الاثنين.", ("أول أمس الاثنين", "DATE", "2024-03-11")),
    # شهر + month name
    ("وتأخرت رواتب شهر فبراير.", ("شهر فبراير", "DATE", "2024-02")),
    # quarters (GUIDELINES 4.1)
    ("وارتفعت الصادرات في الربع الثالث من العام الجاري.", ("الربع الثالث من العام الجاري", "DATE", "2024-Q3")),
    ("مقارنة بالربع الثاني من 2023.", ("الربع الثاني من 2023", "DATE", "2023-Q2")),
    ("ويبدأ التشغيل في الربع الأول من عام 2027.", ("الربع الأول من عام 2027", "DATE", "2027-Q1")),
    # compound numbers and lengths
    ("بعد أشغال استمرت ثمانية عشر شهرا.", ("ثمانية عشر شهرا", "DURATION", "P18M")),
    ("ويقيم في الحي منذ ثلاثين عاما.", ("ثلاثين عاما", "DURATION", "P30Y")),
    ("واستمرت المباراة ساعتين وعشر دقائق.", ("ساعتين وعشر دقائق", "DURATION", "PT2H10M")),
    ("واستمر اللقاء ساعة ونصف الساعة.", ("ساعة ونصف الساعة", "DURATION", "PT1H30M")),
    ("وينتظر السكان المياه منذ أسبوع.", ("أسبوع", "DURATION", "P1W")),
    ("ورفضت اللجنة تأجيل المباراة أسبوعا.", ("أسبوعا", "DURATION", "P1W")),
    # a period edge with a bare month; an ordinal day of a month
    ("ولن يصدر القرار قبل مطلع مايو.", ("مطلع مايو", "DATE", "2024-05")),
    ("وتعقد الجلسة في الرابع من نيسان/أبريل المقبل.", ("الرابع من نيسان/أبريل المقبل", "DATE", "2024-04-04")),
])
def test_round14_time_expressions_of_general_shapes(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in timex(sentence)


def test_round14_the_next_day_follows_the_day_before_it() -> None:
    rec = run("ويصل الوفدان يوم 2/3/2024، وتبدأ المحادثات في اليوم التالي.")
    assert {t["text"]: t["value"] for t in rec["timexes"]}["اليوم التالي"] == "2024-03-03"


@pytest.mark.parametrize("sentence", [
    "وتفتح المنطقة أبوابها طوال أسبوع السباق.",  # a construct: which week, no length
    "وقال لقناة «الجنوب اليوم» إن العمل مستمر.",  # an outlet's name
    "ويقع المصنع في مدينة السادس من أكتوبر.",  # a town named by a date
])
def test_round14_no_time_expression_in_names_and_constructs(sentence: str) -> None:
    texts = [text for text, _, _ in timex(sentence)]
    assert not any(w in " ".join(texts) for w in ("أسبوع", "اليوم", "السادس"))


# --------------------------------------------------------------------------- round 15 (entities)


def test_round15_a_team_in_a_sports_story_is_a_club() -> None:
    found = mentions("فاز فريق الصقور الرياضي على ضيفه في مباراة الجولة الخامسة، وقال مدرب الصقور إن الفوز مستحق.")
    assert ("الصقور الرياضي", "ORG", "name") in found
    assert ("الصقور", "ORG", "name") in found
    # outside a sports story فريق X is a working party, no club
    assert not [m for m in mentions("شكلت الوزارة فريق العمل لمتابعة الملف، وقال مدير فريق العمل إن النتائج قريبة.")
                if m[1] == "ORG"]


def test_round15_a_club_found_again_keeps_its_adjective() -> None:
    found = mentions("الصقور الرياضي يتأهل إلى النهائي\nوتأهل فريق الصقور الرياضي بعد مباراة مثيرة.")
    assert [m for m in found if m[0] == "الصقور الرياضي"] == [("الصقور الرياضي", "ORG", "name")] * 2


def test_round15_a_municipality_acting_is_an_organisation() -> None:
    found = mentions("وقال رئيس بلدية كفر سلوان الكبرى إن البلدية ستفتح الطريق غدا.")
    assert ("بلدية كفر سلوان الكبرى", "ORG", "name") in found
    assert ("كفر سلوان", "GPE", "name") in found
    assert ("البلدية", "ORG", "nominal") in found
    found = mentions("وزعت فرق تابعة لبلدية الزيتونة المياه، وقالت دائرة بلدية الزيتونة إن العمل مستمر.")
    assert ("بلدية الزيتونة", "ORG", "name") in found and ("دائرة بلدية الزيتونة", "ORG", "name") in found
    # where the story is in the unit, it is the town only (the class noun outside, 1.2)
    assert mentions("احتج عشرات السكان في بلدية كفر سلوان على انقطاع المياه.") == [("كفر سلوان", "GPE", "name")]


def test_round15_a_facility_named_after_a_person_has_no_town_inside() -> None:
    found = mentions("هبطت الطائرة في مطار سالمين عويضة الدولي مساء أمس، قادمة من مطار بيروت الدولي.")
    assert ("مطار سالمين عويضة الدولي", "FAC", "name") in found
    assert ("مطار بيروت الدولي", "FAC", "name") in found and ("بيروت", "GPE", "name") in found
    assert not [m for m in found if m[0] == "سالمين"]
    found = mentions("رست السفينة في ميناء حمدان بن راشد بمدينة الساحل صباح اليوم.")
    assert ("ميناء حمدان بن راشد", "FAC", "name") in found
    assert not [m for m in found if m[1] in ("GPE", "PER") and m[0].startswith("حمدان")]
    assert ("ملعب مرزوق سويلم", "FAC", "name") in mentions("تقام المباراة على ملعب مرزوق سويلم في الجولة المقبلة.")


def test_round15_checkpoints_reservoirs_depots_and_squares_are_facilities() -> None:
    found = mentions("أغلقت القوات حاجز عين سارة جنوب المدينة، وقال السائقون إن الحاجز بقي مغلقا ساعات.")
    assert ("حاجز عين سارة", "FAC", "name") in found and ("عين سارة", "GPE", "name") in found
    assert ("الحاجز", "FAC", "nominal") in found and not [m for m in found if m[1] == "PER"]
    found = mentions("بدأت البلدية ملء خزان كفر دان، فيما وصلت الشاحنات إلى مستودع الزاوية النفطي وتجمع المحتجون في ميدان الاستقلال.")
    assert {("خزان كفر دان", "FAC", "name"), ("كفر دان", "GPE", "name"), ("مستودع الزاوية النفطي", "FAC", "name"),
            ("ميدان الاستقلال", "FAC", "name")} <= set(found)


def test_round15_a_compass_word_after_a_facility_town_is_no_second_name() -> None:
    assert ("سلوم", "GPE", "name") in mentions("وصلت الشاحنات إلى معبر سلوم شمال المدينة.")
    assert ("سلوم", "GPE", "name") in mentions("وأعادت القوات فتح حاجز سلوم شمال المدينة صباح اليوم.")


def test_round15_a_facility_named_by_its_number_or_a_date() -> None:
    found = mentions("أغلق محتجون الطريق الوطني رقم 14 قرب المدينة، فيما تقام المباراة على ملعب 20 أوت 1955 مساء الجمعة.")
    assert ("الطريق الوطني رقم 14", "FAC", "name") in found and ("ملعب 20 أوت 1955", "FAC", "name") in found
    found = mentions("وتعطلت حركة السير على طريق رقم 7 صباح اليوم.")
    assert ("طريق رقم 7", "FAC", "name") in found and not [m for m in found if m[1] == "GPE"]


def test_round15_lists_after_plural_units_of_districts_and_communes() -> None:
    found = mentions("وتشمل الحملة مقاطعات سرفان ودوكالي وميرتان، بدعم من الوزارة.")
    assert {("سرفان", "GPE", "name"), ("دوكالي", "GPE", "name"), ("ميرتان", "GPE", "name")} <= set(found)
    # a list whose first place is known goes on, a definite conjunct included
    found = mentions("لتشغيل محطات الكهرباء في محافظات عدن وسرفان والمنارة، في وقت يتراجع فيه الريال.")
    assert {("عدن", "GPE", "name"), ("سرفان", "GPE", "name"), ("المنارة", "GPE", "name")} <= set(found)


def test_round15_a_unit_noun_ending_a_headline_names_nothing_after_it() -> None:
    assert mentions("توزيع اللقاحات في ست محافظات\nأطلقت الوزارة حملة جديدة.") == []


def test_round15_an_emphatic_pronoun_is_no_name() -> None:
    assert not [m for m in mentions("وقال الوزير في المؤتمر الصحفي نفسه إن الشحنة ستصل غدا.") if m[1] == "PER" and m[2] == "name"]


def test_round15_an_industrial_or_free_zone_is_a_facility() -> None:
    found = mentions("تضررت 40 مؤسسة في منطقة زرالدة الصناعية، فيما زار الوزير منطقة الكويت الحرة.")
    assert ("منطقة زرالدة الصناعية", "FAC", "name") in found and ("منطقة الكويت الحرة", "FAC", "name") in found
    assert ("الكويت", "GPE", "name") in found
    # inside an organisation's name it is none of its own
    assert not [m for m in mentions("وقالت سلطة منطقة العقبة الاقتصادية الخاصة إن العمل مستمر.") if m[1] == "FAC"]


def test_round15_the_body_that_runs_a_port_is_named_with_it() -> None:
    found = mentions("وأكدت المديرة العامة لمؤسسة ميناء سكيكدة، في ندوة صحفية، أن الأشغال انطلقت.")
    assert {("مؤسسة ميناء سكيكدة", "ORG", "name"), ("ميناء سكيكدة", "FAC", "name"), ("سكيكدة", "GPE", "name")} <= set(found)


def test_round15_a_definite_plural_after_a_facility_head_is_no_town() -> None:
    found = mentions("وقعت الشركة اتفاقية لتشغيل محطة الشاحنات الثانية في ميناء الدمام.")
    assert ("الدمام", "GPE", "name") in found and not [m for m in found if m[0] == "الشاحنات"]


def test_round15_a_ranked_directorate_or_federation_is_a_name() -> None:
    found = mentions("وكانت المديرية العامة للرصد البحري قد حذرت من الرياح، فيما قالت الإدارة الوطنية للمسابقات إن المباراة قائمة.")
    assert ("المديرية العامة للرصد البحري", "ORG", "name") in found and ("الإدارة الوطنية للمسابقات", "ORG", "name") in found
    found = mentions("طلب النادي من الاتحادية التونسية لكرة اليد نقل المباراة.")
    assert ("الاتحادية التونسية لكرة اليد", "ORG", "name") in found and ("التونسية", "GPE", "name") in found
    # the bare head with its adjective is no name (المديرية is also a district)
    assert mentions("وصل الوفد إلى المديرية العامة صباحا.") == []


def test_round15_the_bare_directorate_after_a_ranked_one_is_its_nominal() -> None:
    found = mentions("أطلقت المديرية العامة للرصد البحري حملة جديدة، وقالت إن المديرية ستنشر نشرة يومية.")
    assert ("المديرية", "ORG", "nominal") in found


def test_round15_the_opponent_of_a_match_is_a_club_but_not_the_storys_club() -> None:
    text = "وقال مدرب الصقور إن الفريق سيخوض مباراة الجولة المقبلة أمام الشروق الرياضي، مؤكدا أن النادي جاهز."
    record = run(text)
    clubs = [e for e in record["entities"] if e["type"] == "ORG"]
    assert [(e["name"], [m["text"] for m in e["mentions"]]) for e in clubs] == [("الشروق الرياضي", ["الشروق الرياضي"])]
    # no match noun before أمام: no club
    assert not [m for m in mentions("وتجمع عشرات المحتجين أمام المحكمة قبل المباراة بساعة.") if m[1] == "ORG"]


def test_round15_a_suburb_is_a_place_without_a_government() -> None:
    found = mentions("وعقد المجلس اجتماعه في مقره بضاحية الرمال، فيما تضررت منازل في الضاحية.")
    assert ("الرمال", "LOC", "name") in found and ("الضاحية", "LOC", "nominal") in found


def test_future_context_from_the_index_equals_the_word_walk() -> None:
    """``future_context`` answers from the view's index of ``_has_future_reading`` when
    ``index_predicates`` built one (analyse does), else walks the words before the token: the same
    answer at every token, windows of several sizes, sentence and paragraph breaks included."""
    from naba.baselines.rules import _predicates, _profile
    from naba.baselines.rules.timex import _has_future_reading, future_context

    text = ("ومن المقرر أن يزور الوزير القاهرة يوم الخميس. وقال إنه سيعقد لقاء غدا، وسوف يلتقي الرئيس\n"
            "الأحد المقبل. وفي اليوم التالي ستبدأ المحادثات، والمرتقب أن تستمر يومين؟ نعم. سنواصل العمل")
    plain = View(text)
    indexed = View(text)
    indexed.index_predicates(_predicates(), _profile)
    assert plain.indexed(_has_future_reading) is None
    assert indexed.indexed(_has_future_reading)
    for window in (1, 3, 12, 40):
        for first in range(indexed.n):
            assert future_context(indexed, first, window) == future_context(plain, first, window), (first, window)


def test_round16_a_definite_noun_takes_no_pronoun() -> None:
    # الاجتماعي "social" is no "my meeting": the article and a possessive never go together (GUIDELINES 3.2)
    found = events("وقدمت جمعية الأمل للعمل الاجتماعي سلالا غذائية للأسر، وقالت المديرة إن الوضع الاجتماعية صعب.")
    assert not [e for e in found if e[0] == "MEET"]
    # the undefined noun with its pronoun is still the meeting (لقائي، اجتماعهم)
    assert [e for e in events("وقال الوزير إن اجتماعهم سيعقد غدا.") if e[0] == "MEET"]


def _trigger_args(sentence: str, trigger: str) -> list[tuple[str, str]]:
    """The non-Time arguments of the events whose trigger is ``trigger`` (round 16)."""
    rec = run(sentence)
    return sorted((a["role"], a["text"]) for e in rec["events"] if e["trigger"]["text"] == trigger
                  for a in e["arguments"] if a["role"] != "Time")


@pytest.mark.parametrize(("sentence", "trigger", "body"), [
    # a body meeting through unnamed representatives is the Participant (GUIDELINES 3.3)
    ("وعقد المدير العام أمس اجتماعا مع ممثلي وزارة الصحة لبحث النقص.", "اجتماعا", "وزارة الصحة"),
    ("وجرى لقاء مطول مع ممثلين عن غرفة التجارة في مقر المحافظة.", "لقاء", "غرفة التجارة"),
    ("وتترقب الأسواق اجتماع بعثة البنك الدولي مع الحكومة الشهر المقبل.", "اجتماع", "البنك الدولي"),
])
def test_round16_a_body_meets_through_its_representatives(sentence: str, trigger: str, body: str) -> None:
    assert ("Participant", body) in _trigger_args(sentence, trigger)


@pytest.mark.parametrize(("sentence", "trigger", "argument"), [
    # the preposition on the class noun a name leaves outside marks the name (GUIDELINES 1.2, 3.3)
    ("وعاد الوزير من مدينة زوغرة إلى بلدته مساء أمس.", "عاد", ("Origin", "زوغرة")),
    ("وقدمت الحكومة مساعدات عاجلة لبلدة قرطبية المنكوبة.", "مساعدات", ("Recipient", "قرطبية")),
])
def test_round16_the_class_noun_carries_the_preposition_of_the_name(sentence: str, trigger: str, argument: tuple[str, str]) -> None:
    found = _trigger_args(sentence, trigger)
    assert argument in found
    assert ("Destination", "زوغرة") not in found


@pytest.mark.parametrize(("sentence", "trigger", "argument", "not_argument"), [
    # the subject named in apposition after an office noun is the one who acts (GUIDELINES 3.3);
    # the place or body in the title is no argument
    ("وزار محافظ زوغرة، المهندس سامر فؤاد العتيبي، محطة المياه صباح اليوم.", "زار",
     ("Person", "سامر فؤاد العتيبي"), ("Destination", "زوغرة")),
    ("وطالب رئيس نقابة المعلمين، الأستاذ كمال حسن الربيعي، الحكومة بزيادة الأجور.", "طالب",
     ("Requester", "كمال حسن الربيعي"), ("Requester", "نقابة المعلمين")),
    ("وعقد وزير النقل، المهندس سامر فؤاد العتيبي، اجتماعا مع ممثلي النقابة أمس.", "اجتماعا",
     ("Participant", "سامر فؤاد العتيبي"), ("Participant", "وزير النقل")),
])
def test_round16_a_subject_named_after_an_office_noun(sentence: str, trigger: str, argument: tuple[str, str],
                                                      not_argument: tuple[str, str]) -> None:
    found = _trigger_args(sentence, trigger)
    assert argument in found and not_argument not in found


def test_round16_who_a_meeting_brings_together_takes_part_in_it() -> None:
    # وضم الاجتماع وزراء X وY: the states meet through their ministers (GUIDELINES 3.3)
    found = _trigger_args("وضم الاجتماع وزراء مصر والأردن، واستمر ثلاث ساعات.", "الاجتماع")
    assert ("Participant", "مصر") in found and ("Participant", "الأردن") in found
    # اجتماع جمع X وY بمقر Z: the place after ب is where, not who
    found = _trigger_args("وعقد اجتماع جمع وزارة المالية ونقابة المعلمين بمقر الوزارة في عمان.", "اجتماع")
    assert ("Participant", "وزارة المالية") in found and ("Participant", "نقابة المعلمين") in found
    assert ("Participant", "عمان") not in found


def test_round16_a_contract_is_an_agreement() -> None:
    # عقد after a signing verb or behind a preposition is the contract (GUIDELINES 3.2)
    assert ("AGREE", "عقدا", "asserted") in events("ووقع النادي مع المهاجم سامر العتيبي عقدا لمدة موسمين.")
    assert [e for e in events("وانضم اللاعب إلى الفريق بعقد يمتد ثلاث سنوات.") if e[:2] == ("AGREE", "عقد")]
    # عقد "held" before a meeting noun, and العقد الماضي "the past decade", are no agreement
    assert not [e for e in events("وعقد المجلس اجتماعا طارئا أمس.") if e[0] == "AGREE"]
    assert not [e for e in events("وارتفعت الأسعار بشكل كبير خلال العقد الماضي.") if e[0] == "AGREE"]


@pytest.mark.parametrize(("sentence", "trigger", "place"), [
    # where a meeting was held is its Place (GUIDELINES 3.3), across the relative clause of عقد
    ("وقالت الوزيرة، في مؤتمر صحفي عقدته عند الساعة الحادية عشرة من صباح اليوم في القاهرة، إن الوضع مستقر.",
     "مؤتمر صحفي", "القاهرة"),
    ("وأقر المجلس، في اجتماعه الذي عقد صباح أمس في القاهرة، الموازنة الجديدة.", "اجتماعه", "القاهرة"),
])
def test_round16_where_a_meeting_was_held_is_its_place(sentence: str, trigger: str, place: str) -> None:
    assert ("Place", place) in _trigger_args(sentence, trigger)


def test_round16_the_subject_before_quoted_words() -> None:
    # أن X «verb …»: the narrator names the subject, the quote gives its words (GUIDELINES 3.3)
    found = _trigger_args("وأكد المتحدث أن وزارة الزراعة «ستقدم دعما إضافيا للمزارعين هذا الموسم».", "دعما")
    assert ("Giver", "وزارة الزراعة") in found
    found = _trigger_args("وقال المصدر إن نقابة المعلمين \"تطالب بزيادة الأجور قبل نهاية العام\".", "تطالب")
    assert ("Requester", "نقابة المعلمين") in found
    # a facility there acts in no event (a port "receiving" is no participant, GUIDELINES 3.1)
    assert ("Participant", "ميناء العقبة") not in _trigger_args("وقال المدير إن ميناء العقبة «سيستقبل الوزير غدا».", "سيستقبل")


@pytest.mark.parametrize(("sentence", "trigger", "recipient"), [
    # who receives or asks for aid is its Recipient (GUIDELINES 3.3: help requested from an ally)
    ("وأوضح المدير أن وزارة الزراعة حصلت العام الماضي على قرض من البنك الدولي.", "قرض", "وزارة الزراعة"),
    ("وقال الوزير إن الأردن قد يطلب دعما إضافيا من الدول المانحة.", "دعما", "الأردن"),
])
def test_round16_who_receives_or_asks_for_aid_is_its_recipient(sentence: str, trigger: str, recipient: str) -> None:
    found = _trigger_args(sentence, trigger)
    assert ("Recipient", recipient) in found and ("Giver", recipient) not in found


def test_round16_plural_and_first_person_verbs_are_triggers() -> None:
    # the inflected forms of a trigger verb are its event (GUIDELINES 3.2: every mention)
    assert [e for e in events("وقال المتحدث إن الأهالي سيلتقون المحافظ غدا.") if e[:2] == ("MEET", "سيلتقون")]
    assert [e for e in events("وقال النائب: نطالب الحكومة بفتح الطريق.") if e[:2] == ("REQUEST", "نطالب")]
    assert [e for e in events("وتجمع السكان أمام المبنى وطالبوا بإصلاح الطريق.") if e[:2] == ("REQUEST", "طالبوا")]
    # "no longer" (لم يعودوا + verb) is no trip, and بحثا عن is searching, not meeting (3.1)
    assert not [e for e in events("وقال إن المزارعين لم يعودوا يثقون بالوعود.") if e[0] == "TRANSPORT"]
    assert not [e for e in events("وخرج السكان إلى الشوارع بحثا عن ذويهم.") if e[0] == "MEET"]


def test_round16_a_facility_or_place_is_no_actor() -> None:
    # who warns, asks or meets is a person, a body or a state (GUIDELINES 3.1), never a facility
    found = _trigger_args("وفي بيان لاحق، هدد عمال حقل الشرارة النفطي بالإضراب.", "هدد")
    assert not [a for a in found if a[0] == "Warner" and "حقل" in a[1]]
    found = _trigger_args("وقال المدير إن مستشفى الأمل الجامعي يطالب بزيادة الموازنة.", "يطالب")
    assert ("Requester", "مستشفى الأمل الجامعي") not in found


def test_round16_a_facility_receiving_people_is_no_meeting() -> None:
    # a hospital or port receiving patients or ships is no event (GUIDELINES 3.1)
    assert not [e for e in events("وأوضح المدير أن مستشفى الأمل الجامعي يستقبل نحو 300 مراجع يوميا.") if e[0] == "MEET"]
    assert not [e for e in events("وقال المصدر إن ميناء العقبة سيستقبل أول باخرة الأسبوع المقبل.") if e[0] == "MEET"]
    # a person receiving a guest still meets him
    assert [e for e in events("واستقبل وزير الخارجية سامر العتيبي السفير الفرنسي في مكتبه أمس.") if e[0] == "MEET"]


def test_round16_the_complements_after_an_apposition() -> None:
    # after the subject's apposition the verb's complements are read as right after it (GUIDELINES 3.3)
    found = _trigger_args("ووصل منسق الإغاثة في المنظمة، سامر فؤاد العتيبي، إلى مدينة حلب قادما من دمشق صباح اليوم.", "وصل")
    assert ("Person", "سامر فؤاد العتيبي") in found
    assert ("Destination", "حلب") in found and ("Origin", "دمشق") in found


@pytest.mark.parametrize(("sentence", "trigger", "body"), [
    # who acts in a session framed after a comma takes part in it (GUIDELINES 3.3)
    ("وأرجأ مجلس الشورى، في جلسة عقدها صباح اليوم، التصويت على القانون.", "جلسة", "مجلس الشورى"),
    ("وكانت وزارة المالية قد أعلنت، خلال اجتماع طارئ أمس، تجميد الرسوم.", "اجتماع", "وزارة المالية"),
])
def test_round16_who_acts_in_a_session_takes_part_in_it(sentence: str, trigger: str, body: str) -> None:
    assert ("Participant", body) in _trigger_args(sentence, trigger)


def test_round16_the_capital_after_a_town_outside_the_gazetteer() -> None:
    # العاصمة after a town unknown to the gazetteer names no state's capital, and does not crash
    record = run("وعاد الوزير من مدينة زوغرة إلى العاصمة مساء أمس.")
    assert ("Origin", "زوغرة") in [(a["role"], a["text"]) for e in record["events"] for a in e["arguments"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # round 18: a delegation is a group, its verb the movement
        ("وقال المدرب إن بعثة الفريق ستغادر السويس صباح الغد.", ["TRANSPORT:ستغادر"]),
        # استهدف "aim at" with an amount or a campaign as subject is no attack; a shelling is
        ("وأطلقت الوزارة حملة تستهدف نحو 120 ألف سيدة.", []),
        ("وقال إن القصف استهدف منازل مأهولة.", ["ATTACK:القصف", "ATTACK:استهدف"]),
        # جولة: a round of talks is a meeting, a campaign's second round nothing, a tour a trip
        ("وتحتضن الدوحة جولة ثالثة من محادثات السلام.", ["MEET:محادثات"]),
        ("وانتهت محادثات السلام أمس، وتليها جولة ثانية في يناير.", ["MEET:محادثات", "MEET:جولة"]),
        ("وتختتم الحملة قبل جولة ثانية في يناير.", []),
        # a hospital unit receiving patients is no meeting
        ("وقال المدير إن قسم الطوارئ استقبل 12 مصابا.", []),
        # a word of a person's name is no trigger
        ("وقال وزير الإدارة المحلية، المهندس رائد سالم العدوان، إن الخطة جاهزة. وكان العدوان قد أكد ذلك.", []),
    ],
)
def test_round_18_triggers_that_are_no_events(sentence: str, expected: list[str]) -> None:
    assert [f"{t}:{w}" for t, w, _ in events(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # round 19: the agency of a dateline, and its other occurrences
        ("عنقاء السهل\n\nزوغرة- سانا: أكد المدير أن الطريق مفتوح. وقال في تصريح لسانا إن", [("سانا", "ORG", "name"), ("سانا", "ORG", "name")]),
        ("عنقاء السهل\n\nزوغرة (وات) - أفاد المدير بأن الطريق مفتوح.", [("وات", "ORG", "name")]),
        # what a body does, after ل, is in its name
        ("وقالت الشركة القطرية لإدارة الموانئ إن الرصيف جاهز.", [("الشركة القطرية لإدارة الموانئ", "ORG", "name")]),
        ("وأكدت اللجنة الجهوية لمجابهة الكوارث أن الوضع مستقر.", [("اللجنة الجهوية لمجابهة الكوارث", "ORG", "name")]),
        ("ولا يستهدف الجيش الأمريكي لإجراء المناورات أحدا.", [("الجيش الأمريكي", "ORG", "name")]),  # a purpose, not a task
    ],
)
def test_round_19_agencies_and_bodies(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert [m for m in mentions(sentence) if m[1] == "ORG"] == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a place the text always writes with the same definite word after it is a two-word name
        ("التقى وجهاء مدينة زوغرة الشام. وقال إن الاتفاق في زوغرة الشام صامد.", [("زوغرة الشام", "GPE", "name"), ("زوغرة الشام", "GPE", "name")]),
        # once is no evidence
        ("التقى وجهاء مدينة زوغرة القديمة.", [("زوغرة", "GPE", "name")]),
        # Tunisia's delegation is a local unit
        ("ويتواصل الانقطاع بمعتمدية زوغرة منذ أيام.", [("زوغرة", "GPE", "name")]),
        # a nisba that closes a lineage is the family name, no state
        ("وقال رئيس الغرفة، السيد راشد بن ناصيف السويدي، إن التبادل ارتفع.", [("راشد بن ناصيف السويدي", "PER", "name")]),
        # an office-holder named only by his office, in a headline and as a subject, and his bare title after
        ("محافظ زوغرة يفتتح محطة للمياه\n\nوقال المحافظ إن المحطة جاهزة.",
         [("المحافظ", "PER", "nominal"), ("زوغرة", "GPE", "name"), ("محافظ زوغرة", "PER", "nominal")]),
    ],
)
def test_round_19_places_and_office_holders(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert [m for m in mentions(sentence) if m[1] in ("PER", "GPE", "LOC")] == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # round 19: a national society's name keeps its nisbas and its noun, the state nested
        ("وكان الهلال الأحمر العربي السوري قد أدخل قافلة.", [("الهلال الأحمر العربي السوري", "ORG", "name")]),
        ("وقالت جمعية الهلال الأحمر الليبي إن القافلة وصلت.", [("جمعية الهلال الأحمر الليبي", "ORG", "name")]),
        # the civil-protection services, alone and as the field of a body named after them
        ("وقال إن فرق الحماية المدنية أجلت 40 أسرة.", [("الحماية المدنية", "ORG", "name")]),
        ("وقالت هيئة الدفاع المدني والإسعاف إن فرقها جاهزة.", [("هيئة الدفاع المدني والإسعاف", "ORG", "name")]),
    ],
)
def test_round_19_national_societies_and_services(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert [m for m in mentions(sentence) if m[1] == "ORG"] == sorted(expected)


def test_round_19_a_definite_second_own_name_before_a_lineage() -> None:
    people = [m for m in mentions("أشرف والي القيروان محمد الهادي بن عبد الله الورغي، مساء أمس، على جلسة.") if m[1] == "PER"]
    assert people == [("محمد الهادي بن عبد الله الورغي", "PER", "name")]
