"""Which language a name or a text says, which way it reads, and how a two-language file splits."""

import pytest

from coursesite.languages import (
    bilingual_scripts,
    code_of_name,
    code_of_tag,
    guess_language,
    native_name,
    text_direction,
    with_language,
)
from coursesite.model import Cue, Transcript
from coursesite.subtitles import parse_subtitles
from tests.conftest import CORPUS, srt

# Lines of our own: an Arabic, a Hebrew, a Persian and an Urdu sentence, a Chinese one over its English.
ARABIC = "مرحبا بكم في درس البيانات."
HEBREW = "שלום לכולם, היום נלמד על נתונים."
PERSIAN = "امروز درباره‌ی پایگاه داده یاد می‌گیریم که چگونه کار می‌کند."
URDU = "آج ہم ڈیٹا کے بارے میں سیکھیں گے۔"
BILINGUAL = srt(
    (0, 2, "今天我们学习梯度下降。\nToday we learn gradient descent."),
    (3, 5, "它是一种优化方法。\nIt is a way to optimise."),
    (6, 8, "我们一步一步地走。\nWe go step by step."),
    (9, 11, "♪"),
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("arabic", "ar"),
        ("Hebrew", "he"),
        ("english", "en"),
        ("chinese-simplified", "zh-Hans"),
        ("Chinese_Simplified", "zh-Hans"),
        ("portuguese-brazil", "pt-BR"),
        ("Portuguese (Brazil)", "pt-BR"),
        ("persian", "fa"),
        ("labs", None),
        ("week-1", None),
    ],
)
def test_english_names_of_languages_give_their_codes(name, code):
    assert code_of_name(name) == code


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        *[("ar", "ar"), ("he", "he"), ("zh-Hans", "zh-Hans"), ("zh_hans", "zh-Hans"), ("pt_br", "pt-BR")],
        *[("iw", "he"), ("es-419", "es-419"), ("lab", None), ("hw", None), ("x", None)],
    ],
)
def test_tags_of_known_languages_are_written_in_their_canonical_case(tag, code):
    assert code_of_tag(tag) == code


@pytest.mark.parametrize("code", ["ar", "he", "fa", "ur", "yi", "ps", "sd", "dv", "ckb", "pa-Arab", "ar-EG"])
def test_right_to_left_languages(code):
    assert text_direction(code) == "rtl"


@pytest.mark.parametrize("code", ["en", "zh-Hans", "ja", "ru", "hi", "pa", "es-419"])
def test_left_to_right_languages(code):
    assert text_direction(code) == "ltr"


def test_tabs_are_labelled_in_the_language_itself():
    assert (native_name("ar"), native_name("he"), native_name("pt-BR"), native_name("en-AU")) == (
        "العربية",
        "עברית",
        "Português (Brasil)",
        "English",
    )
    assert native_name("xx") == "xx"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ARABIC, "ar"),
        (HEBREW, "he"),
        (PERSIAN, "fa"),
        (URDU, "ur"),
        ("我们今天学习数据库。", "zh"),
        ("今日はデータベースを学びます。", "ja"),
        ("Сегодня мы изучаем базы данных.", "ru"),
        ("आज हम डेटा के बारे में सीखेंगे।", "hi"),
        ("오늘은 데이터베이스를 배웁니다.", "ko"),
        ("Σήμερα μαθαίνουμε βάσεις δεδομένων.", "el"),
        ("วันนี้เราเรียนฐานข้อมูล", "th"),
        ("Today we learn about databases.", "de"),  # Latin: the site's default language
        ("12:30 ♪", "de"),
    ],
)
def test_the_script_of_a_text_says_its_language(text, code):
    assert guess_language(text, "de") == code


def test_latin_text_on_a_site_whose_default_is_in_another_script_is_english():
    assert guess_language("Today we learn about databases.", "ru") == "en"


def test_a_chinese_line_over_an_english_one_in_each_cue_is_bilingual():
    cues = parse_subtitles(BILINGUAL, "x.srt").cues
    assert bilingual_scripts(cues) == ("Han", "Latin")


def test_two_line_cues_in_one_script_or_japanese_kanji_over_kana_are_not_bilingual():
    english = [Cue(i * 1000, i * 1000 + 900, "We load the table\ninto the warehouse.") for i in range(5)]
    japanese = [Cue(i * 1000, i * 1000 + 900, "機械学習\nデータを読み込みます。") for i in range(5)]
    mixed = [Cue(i * 1000, i * 1000 + 900, "مرحبا\nHello") for i in range(2)] + english
    assert bilingual_scripts(english) is None
    assert bilingual_scripts(japanese) is None
    assert bilingual_scripts(mixed) is None  # two cues of seven: a quotation, not a bilingual file


def test_a_bilingual_file_becomes_two_transcripts_each_with_its_language_and_download():
    result = parse_subtitles(BILINGUAL, "transcripts/c/w/01-gd.srt")
    source = Transcript("transcripts/c/w/01-gd.srt", None, result.format, result.cues, BILINGUAL)
    chinese, english = with_language(source, "en")
    assert (chinese.language, english.language) == ("zh", "en")
    assert [cue.text for cue in chinese.cues] == [
        "今天我们学习梯度下降。",
        "它是一种优化方法。",
        "我们一步一步地走。",
        "♪",
    ]
    assert [cue.text for cue in english.cues][:1] == ["Today we learn gradient descent."]
    assert english.cues[-1].text == "♪"  # a line of neither script is kept in both
    assert "Today we learn" in english.data.decode() and "今天" not in english.data.decode()
    assert english.format == "srt" and english.source == chinese.source


def test_a_declared_language_names_the_half_written_in_its_script():
    result = parse_subtitles(BILINGUAL, "x.en-GB.srt")
    chinese, english = with_language(Transcript("x.en-GB.srt", "en-GB", "srt", result.cues), "en")
    assert (chinese.language, english.language) == ("zh", "en-GB")


def test_a_transcript_no_name_placed_takes_its_language_from_its_text():
    cues = (Cue(0, 1000, HEBREW),)
    (hebrew,) = with_language(Transcript("x.srt", None, "srt", cues), "en")
    (tagged,) = with_language(Transcript("x.es.srt", "es", "srt", cues), "en")
    (unread,) = with_language(Transcript("x.srt", None, "srt", (), b"", False, "The file is empty."), "fr")
    assert (hebrew.language, tagged.language, unread.language) == ("he", "es", "fr")


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "subtitles").is_dir(), reason="no corpus of real subtitle files")
def test_real_files_are_given_the_language_of_their_script_and_none_is_split():
    found = {}
    for path in sorted((CORPUS / "subtitles").glob("*.*t")):
        result = parse_subtitles(path.read_bytes(), path.name)
        source = Transcript(path.name, None, result.format, result.cues, b"", not result.problem, result.problem)
        found[path.name] = [transcript.language for transcript in with_language(source, "en")]
    assert found["mantas__utf16.srt"] == ["ar"]  # Persian in Arabic letters only: read right to left either way
    assert found["srt__gb2312.srt"] == ["zh"]
    assert found["nodewebvtt__acid.vtt"] == ["en"]  # an English test of many scripts, not Japanese
    assert all(len(languages) == 1 for languages in found.values())  # no real file is taken for a bilingual one
