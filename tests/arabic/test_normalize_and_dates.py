"""Arabic spelling folding and Arabic date wording, on invented lines."""

from cliptrace.arabic.dates import to_english_date_words
from cliptrace.arabic.normalize import fold_arabic, fold_digits
from cliptrace.ingest import meta


def test_spelling_variants_fold_to_one_key():
    assert fold_arabic("إسرائيل") == fold_arabic("اسرائيل")
    assert fold_arabic("هنيّة") == fold_arabic("هنيه") == fold_arabic("هنيـــة")
    assert fold_arabic("مصطفى") == fold_arabic("مصطفي")
    assert fold_arabic("\u200fغزة\u200e") == fold_arabic("غزه")
    assert fold_arabic("Gaza City") == "Gaza City"


def test_digits_fold_one_for_one():
    assert fold_digits("قتل ١٢٣ شخصاً") == "قتل 123 شخصاً"
    assert fold_digits("۴۵") == "45"


def test_month_names_of_every_region_read_as_one_month():
    for line in ["٢٢ حزيران ٢٠٢٢", "22 يونيو 2022", "22 جوان 2022", "الأربعاء، 22 يونيو/حزيران 2022"]:
        assert meta.parse_date_line(line) == "2022-06-22", line
    assert meta.parse_date_line("٧ كانون 2 ٢٠٢٥") == "2025-01-07"
    assert meta.parse_date_line("1 تشرين 1 2021") == "2021-10-01"


def test_a_sentence_with_a_year_is_not_a_date_line():
    assert meta.parse_date_line("أعلن المتحدث أن الجيش انسحب من البلدة في عام ٢٠٢٠") is None


def test_relative_words_become_english():
    assert to_english_date_words("يوم الخميس الماضي") == "last Thursday"
    assert to_english_date_words("أمس") == "yesterday"


def test_arabic_source_and_byline_lines():
    assert meta.parse_source_line("المصدر: صحيفة النهار").outlet == "صحيفة النهار"
    assert meta.parse_source_line("المصدر: وكالات").outlet is None
    assert meta.parse_byline("بقلم سامر خليل").authors == ["سامر خليل"]
    assert meta.parse_byline("كتبت ليلى عيسى").authors == ["ليلى عيسى"]
    assert meta.parse_byline("كتب الوزير رسالة مطولة إلى البرلمان يشرح فيها موقفه") is None


def test_a_numbered_levantine_month_reads_with_or_without_its_space():
    # "كانون2" (glued) used to raise KeyError and fail the whole file's splitting.
    for written in ("9 كانون 2 2024", "9 كانون2 2024", "9 كانون  2 2024"):
        assert to_english_date_words(written) == "9 January 2024", written
    assert meta.parse_date_line("٩ كانون2 ٢٠٢٤") == "2024-01-09"


def test_a_hijri_date_beside_the_gregorian_one_is_left_out():
    # the Hijri date is no Gregorian date: its year 1446 must not be read as one
    assert meta.parse_date_line("الخميس ٩ جمادى الآخرة ١٤٤٦ هـ الموافق ١٢ كانون الأول ٢٠٢٤") == "2024-12-12"
    assert meta.parse_date_line("السبت 2 ذو الحجة 1445ه - 8 يونيو 2024م") == "2024-06-08"
    assert meta.parse_date_line("٩ جمادى الآخرة ١٤٤٦ هـ") is None  # only a Hijri date: no guess
