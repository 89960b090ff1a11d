"""Languages the aggregators republish in: Urdu, Hindi and Lao (full lexicons) and the fallback
languages (Czech, Polish, Dutch, Turkish, Malay, Filipino, Burmese, Bengali).

Every text here is our own; the figures follow the fixture world of ``tests/fixtures/gold``.
"""

from __future__ import annotations

import pytest

from extract.api import extract_document
from extract.entities import lexicon_languages
from extract.facts_lexicon import available_languages
from extract.gazetteer import canonical_place, match_places
from extract.initiatives import initiative_lexicon
from extract.language import detect_language
from extract.models import Document
from extract.numbers import find_numbers, parse_number
from extract.percentages import find_percentages
from extract.sentences import sentence_spans

FULL = ("ur", "hi", "lo")
FALLBACK = ("cs", "pl", "nl", "tr", "ms", "tl", "my", "bn")

Fact = tuple[str, str | None, float | None, int | None, int | None]


def _facts(text: str, language: str) -> set[Fact]:
    """Return (index, subject, score, rank, rank change) of every fact found in ``text``."""
    found = extract_document(Document(url="t.txt", body=text.encode(), language=language))
    return {(f.index_name, f.subject, f.score, f.rank, f.rank_change) for f in found.index_facts}


def test_every_new_language_has_its_lexicons() -> None:
    assert set(FULL + FALLBACK) <= set(available_languages())
    assert set(FULL) <= set(lexicon_languages())
    assert all(initiative_lexicon(lang) is not None for lang in FULL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ہنوئی اور کوانگ نین نے، با ریا-وؤنگ تاو", ["Hanoi", "Quang Ninh", "Ba Ria - Vung Tau"]),
        ("ہیو سٹی اور ہو چی منہ سٹی", ["Hue", "Ho Chi Minh City"]),
        ("क्वांग निन्ह ने, हनोई और बा रिया-वुंग ताऊ", ["Quang Ninh", "Hanoi", "Ba Ria - Vung Tau"]),
        ("ह्यूमन संसाधन और थुआ थिएन ह्यू", ["Thua Thien Hue"]),  # a longer word is no name
        ("इसके बाद हनोई। फिर ह्यू॥", ["Hanoi", "Thua Thien Hue"]),  # a danda ends the name
        ("ແຂວງກວາງນິງ ແລະ ນະຄອນຫຼວງຮ່າໂນ້ຍ, ດ່ານັງ", ["Quang Ninh", "Hanoi", "Da Nang"]),
        ("ကွမ်နင်းပြည်နယ်နှင့် ဟနွိုင်းမြို့", ["Quang Ninh", "Hanoi"]),
        ("কোয়াং নিন প্রদেশ, হ্যানয় এবং হিউ সিটি; হিউম্যান", ["Quang Ninh", "Hanoi", "Hue"]),
    ],
)
def test_province_names_in_urdu_hindi_lao_burmese(text: str, expected: list[str]) -> None:
    assert [m.canonical for m in match_places(text)] == expected


def test_canonical_place_reads_the_new_scripts() -> None:
    assert canonical_place("تھانہ ہوا") == "Thanh Hoa"
    assert canonical_place("बिन्ह फुओक") == "Binh Phuoc"
    assert canonical_place("ເທື່ອທຽນເຫວ້") == "Thua Thien Hue"


@pytest.mark.parametrize(
    ("raw", "language", "value"),
    [
        ("۸۹٫۴", "ur", 89.4),
        ("८८.६२", "hi", 88.62),
        ("໔໕,໗໐", "lo", 45.7),
        ("၆၅.၁", "my", 65.1),
        ("৮৮.৬৭", "bn", 88.67),
    ],
)
def test_native_digits(raw: str, language: str, value: float) -> None:
    assert parse_number(raw, language) == value


def test_percent_words_of_the_new_languages() -> None:
    assert [t.value for t in find_numbers("97 فیصد", "ur", percent_words=("فیصد",))] == [97]
    burmese = find_percentages("လုပ်ငန်းများ၏ ၆၈ ရာခိုင်နှုန်းသည် ကျေနပ်သည်။", "my")
    assert [p.value for p in burmese] == [68]
    # "İ" lower-cases to two characters: the percent sign before the number is still seen
    turkish = find_percentages("İller | Hai Phong %92,14 ile ilk sırada yer aldı.", "tr")
    assert [p.value for p in turkish] == [92.14]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "2023 میں صوبہ کوانگ نین کا PAR انڈیکس 92.18% تک پہنچ گیا اور ملک میں پہلے نمبر پر ہے۔",
            "ur",
        ),
        ("2023 में क्वांग निन्ह प्रांत का पीएआर इंडेक्स 92.18% तक पहुंच गया और यह पहले स्थान पर है।", "hi"),
        ("ໃນປີ 2023, ແຂວງ ກວາງນິງ ໄດ້ຮັບດັດຊະນີການປະຕິຮູບບໍລິຫານ 92,18% ຢູ່ອັນດັບທີ 1.", "lo"),
        ("၂၀၂၃ ခုနှစ်တွင် ကွမ်နင်းပြည်နယ်သည် PAR အညွှန်းကိန်း ၉၂.၁၈% ဖြင့် ပထမနေရာတွင် ရှိသည်။", "my"),
        (
            "V roce 2023 dosáhla provincie Quang Ninh v indexu PAR 92,18 % a obsadila první místo.",
            "cs",
        ),
        (
            "W 2023 roku prowincja Quang Ninh osiągnęła w indeksie PAR 92,18% i zajęła"
            " pierwsze miejsce.",
            "pl",
        ),
        (
            "In 2023 behaalde de provincie Quang Ninh in de PAR-index 92,18% en stond op de"
            " eerste plaats.",
            "nl",
        ),
        (
            "2023 yılında Quang Ninh eyaleti PAR Endeksinde %92,18 ile birinci sırada yer aldı.",
            "tr",
        ),
        (
            "Noong 2023, nakakuha ang lalawigan ng Quang Ninh ng 92.18% sa PAR Index at nanguna.",
            "tl",
        ),
        (
            "২০২৩ সালে কোয়াং নিন প্রদেশের পিএআর সূচক ৯২.১৮% এ পৌঁছেছে এবং প্রথম স্থানে রয়েছে।",
            "bn",
        ),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text).language == language


def test_urdu_hindi_burmese_sentence_ends() -> None:
    for text in ("ہنوئی پہلے نمبر پر ہے۔ اس کے بعد ہیو ہے۔", "हनोई पहले स्थान पर है। इसके बाद ह्यू है।"):
        assert len(sentence_spans(text)) == 2
    assert len(sentence_spans("ဒါနန်းမြို့ ပထမ ရှိသည်။ ကွမ်နင်း ဒုတိယ ရှိသည်။")) == 2


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "انتظامی اصلاحات انڈیکس 2023 میں تھانہ ہوا صوبے نے ۸۹٫۴% حاصل کیے اور ۸ویں نمبر پر رہا،"
            " جو پچھلے سال سے 4 درجے اوپر ہے۔",
            "ur",
            ("PAR_INDEX", "Thanh Hoa", 89.4, 8, 4),
        ),
        (
            "संतुष्टि सूचकांक (SIPAS) 2023 में दा नांग ८८.६२% के साथ ५वें स्थान पर है, जो 2 स्थान ऊपर है।",
            "hi",
            ("SIPAS", "Da Nang", 88.62, 5, 2),
        ),
        (
            "ດັດຊະນີ PAPI ປີ 2023: ແຂວງ ກອນຕຸມ ຫຼຸດລົງ ໖ ອັນດັບ ມາຢູ່ອັນດັບທີ ໓໘ ດ້ວຍ ໔໑,໘໗ ຄະແນນ.",
            "lo",
            ("PAPI", "Kon Tum", 41.87, 38, -6),
        ),
        (
            "V indexu PAR 2022 měl Son La hodnotu 84,21 % a klesl o 3 místa na 40. místo"
            " z 63 provincií.",
            "cs",
            ("PAR_INDEX", "Son La", 84.21, 40, -3),
        ),
        (
            "W indeksie SIPAS 2022 Gia Lai z wynikiem 83,41% awansowała o 9 miejsc na 25. miejsce.",
            "pl",
            ("SIPAS", "Gia Lai", 83.41, 25, 9),
        ),
        (
            "In de PCI 2022 staat Can Tho met 67,15 punten op de 14e plaats, twee plaatsen omlaag.",
            "nl",
            ("PCI", "Can Tho", 67.15, 14, -2),
        ),
        (
            "PAR Endeksi 2024'te Nghe An %87,35 ile 9 sıra yükselerek 15. sıraya çıktı.",
            "tr",
            ("PAR_INDEX", "Nghe An", 87.35, 15, 9),
        ),
        (
            "Dalam Indeks PAPI 2022, Quang Ngai naik 14 anak tangga ke kedudukan ke-17 dengan"
            " 42.15 mata.",
            "ms",
            ("PAPI", "Quang Ngai", 42.15, 17, 14),
        ),
        (
            "Sa DTI 2021, umakyat ng 2 puwesto ang Vinh Phuc sa ika-15 na puwesto na may 0.4402"
            " puntos.",
            "tl",
            ("DTI", "Vinh Phuc", 0.4402, 15, 2),
        ),
        (
            "၂၀၁၆ PCI အညွှန်းကိန်းတွင် ကန်သိုမြို့သည် ၆၀.၁ မှတ်ဖြင့် အဆင့် ၂၀ တွင် ရှိပြီး ၃ နေရာ ကျဆင်းခဲ့သည်။",
            "my",
            ("PCI", "Can Tho", 60.1, 20, -3),
        ),
        (
            "পিএআর সূচক ২০২৩ অনুযায়ী হো চি মিন সিটি ৮৮.৬৭% নিয়ে ১১তম স্থানে রয়েছে এবং ৯ ধাপ এগিয়ে গেছে।",
            "bn",
            ("PAR_INDEX", "Ho Chi Minh City", 88.67, 11, 9),
        ),
    ],
)
def test_rank_score_and_change_in_each_language(text: str, language: str, expected: Fact) -> None:
    assert _facts(text, language) == {expected}


@pytest.mark.parametrize(
    ("text", "language", "not_a_score"),
    [
        # score changes
        (
            "ڈی ٹی آئی 2024: ہنوئی کی ڈی ٹی آئی پچھلے سال کے مقابلے میں 2.6 فیصد زیادہ ہے۔",
            "ur",
            2.6,
        ),
        ("डीटीआई 2022: दा नांग का डीटीआई 2021 की तुलना में 5.2% बढ़ा।", "hi", 5.2),
        ("ດັດຊະນີ PCI ປີ 2024: ແຂວງ ກວາງນິງ ເພີ່ມຂຶ້ນ 1,2 ຄະແນນ ທຽບໃສ່ປີກ່ອນ.", "lo", 1.2),
        # thresholds
        ("PAR انڈیکس 2023 میں کوانگ نین کا نتیجہ 80% سے زیادہ رہا۔", "ur", 80),
        ("पीएआर इंडेक्स 2023 में क्वांग निन्ह का परिणाम 80% से अधिक रहा।", "hi", 80),
        ("ດັດຊະນີ PAR ປີ 2023: ແຂວງ ກວາງນິງ ໄດ້ເກີນ 80% ເປັນປີທຳອິດ.", "lo", 80),
        # sub-indices
        ("پی سی آئی 2023: کوانگ نین کا شفافیت کا ذیلی انڈیکس 7.2 پوائنٹس تھا۔", "ur", 7.2),
        ("डीटीआई 2022: डिजिटल सरकार स्तंभ में दा नांग का मूल्य 0.7012 रहा।", "hi", 0.7012),
        ("ດັດຊະນີ PCI ປີ 2024: ດັດຊະນີຍ່ອຍດ້ານຄວາມໂປ່ງໃສ ຂອງ ແຂວງ ກວາງນິງ ແມ່ນ 7,5 ຄະແນນ.", "lo", 7.5),
        # differences from the national average
        (
            "ດັດຊະນີ PAR ຂອງແຂວງ ນາມດິ່ງ ໃນປີ 2017 ບັນລຸ 86,40%, ສູງກວ່າລະດັບສະເລ່ຍແຫ່ງຊາດ 2,05%.",
            "lo",
            2.05,
        ),
    ],
)
def test_changes_thresholds_and_sub_indices_are_no_scores(
    text: str, language: str, not_a_score: float
) -> None:
    assert not_a_score not in {score for _, _, score, _, _ in _facts(text, language)}


def test_urdu_followed_by_list_continues_the_leader() -> None:
    text = (
        "ڈی ٹی آئی 2024 میں ہنوئی 0.8241 کی DTI ویلیو کے ساتھ ملک کا سرکردہ علاقہ ہے۔"
        " اس کے بعد ہائی فونگ (0.7857) اور دا نانگ (0.7712) ہیں۔"
    )
    assert _facts(text, "ur") == {
        ("DTI", "Hanoi", 0.8241, 1, None),
        ("DTI", "Hai Phong", 0.7857, 2, None),
        ("DTI", "Da Nang", 0.7712, 3, None),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "پی اے آر انڈیکس 2023 میں کوانگ نام صوبے کے محکمہ انصاف نے 91.2% حاصل کیے اور پہلے نمبر"
            " پر رہا۔",
            "ur",
        ),
        (
            "पीएआर इंडेक्स 2023 में क्वांग नाम प्रांत के न्याय विभाग ने 91.2% हासिल किया और पहले स्थान पर रहा।",
            "hi",
        ),
        ("ດັດຊະນີ PAR ປີ 2023: ພະແນກຍຸຕິທຳແຂວງ ກວາງນາມ ໄດ້ 91,2% ຢູ່ອັນດັບທີ 1.", "lo"),
    ],
)
def test_a_department_score_is_not_the_province_score(text: str, language: str) -> None:
    assert _facts(text, language) == {
        ("PAR_INDEX", "Department of Justice (Quang Nam)", 91.2, 1, None)
    }


def test_urdu_comma_ends_a_clause() -> None:
    """In "A leads with 90.5%، the lowest province is B (80.1%)" the first place stays with A."""
    text = (
        "پی اے آر انڈیکس 2017 میں باک نین 90.5% کے ساتھ سرفہرست ہے، سب سے کم صوبہ کا ماؤ"
        " (80.1%) ہے۔"
    )
    assert _facts(text, "ur") == {
        ("PAR_INDEX", "Bac Ninh", 90.5, 1, None),
        ("PAR_INDEX", "Ca Mau", 80.1, None, None),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ڈی ٹی آئی 2024 میں 8ویں، 9ویں اور 10ویں نمبر پر ونہ فوک، لونگ آن اور ہا نام ہیں۔", "ur"),
        ("डीटीआई 2024 में 8वें, 9वें और 10वें स्थान पर विन्ह फुक, लॉन्ग आन और हा नाम हैं।", "hi"),
    ],
)
def test_ranks_listed_before_their_names_give_no_rank(text: str, language: str) -> None:
    assert not {rank for _, _, _, rank, _ in _facts(text, language)} - {None}


def test_the_largest_growth_is_no_score() -> None:
    text = (
        "پی اے آر انڈیکس 2023 میں 50/63 صوبوں کا انڈیکس بڑھا، جس میں سب سے زیادہ 7.25% اور"
        " سب سے کم اضافہ 0.04% ہے۔"
    )
    assert {score for _, _, score, _, _ in _facts(text, "ur")} <= {None}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "पीसीआई 2023 में हाई डुओंग देश में 17वें स्थान पर रहा, और रेड रिवर डेल्टा में 11 प्रांतों में"
            " से 5वें स्थान पर रहा, जो 15 स्थानों की वृद्धि है।",
            "hi",
        ),
        (
            "پی سی آئی 2023 میں ہائی ڈونگ ملک میں 17ویں نمبر پر رہا، اور ریڈ ریور ڈیلٹا کے 11 صوبوں"
            " میں 5ویں نمبر پر رہا۔",
            "ur",
        ),
    ],
)
def test_a_regional_rank_named_before_its_region_is_no_national_rank(
    text: str, language: str
) -> None:
    assert {rank for _, _, _, rank, _ in _facts(text, language)} == {17}


def test_a_lao_rank_within_a_region_is_no_national_rank() -> None:
    text = "ດັດຊະນີ PCI ປີ 2023: ແຂວງ ດົ່ງທາບ ໄດ້ 70,20 ຄະແນນ, ຢູ່ອັນດັບທີ 2 ໃນເຂດທົ່ງພຽງແມ່ນ້ຳຂອງ."
    assert _facts(text, "lo") == {("PCI", "Dong Thap", 70.2, None, None)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("पीसीआई 2023 में मेकांग डेल्टा का औसत 66.2 अंक रहा।", "hi"),
        ("پی سی آئی 2023 میں میکونگ ڈیلٹا کی اوسط 66.2 پوائنٹس رہی۔", "ur"),
    ],
)
def test_regional_average(text: str, language: str) -> None:
    assert _facts(text, language) == {("PCI", "Mekong Delta", 66.2, None, None)}
