"""Which language a name or a text is in, which way it reads, and how a two-language subtitle file splits.

Three sources say a transcript's language, strongest first: the file's suffix (``01-welcome.ar.srt``), a
folder named for it (``video-slug/arabic/community.srt``, ``week-1/he/01-intro.srt``) and the script of its
text (Arabic letters → ``ar``; Latin letters → the site's default language). Every transcript gets one, so
no page says ``lang=""``; right-to-left languages are also marked ``dir="rtl"``.

Pure functions over names, strings and cues: no paths are read here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from .model import Cue, Transcript


class Language(NamedTuple):
    code: str  # BCP 47: "ar", "zh-Hans", "pt-BR"
    names: tuple[str, ...]  # English names as folders spell them, normalised by _folded: "portuguese-brazil"
    native: str  # the tab label: "العربية"


# The common languages of caption archives and course translations (YouTube's and Coursera's lists).
LANGUAGES = (
    Language("af", ("afrikaans",), "Afrikaans"),
    Language("am", ("amharic",), "አማርኛ"),
    Language("ar", ("arabic",), "العربية"),
    Language("az", ("azerbaijani", "azeri"), "Azərbaycanca"),
    Language("be", ("belarusian",), "Беларуская"),
    Language("bg", ("bulgarian",), "Български"),
    Language("bn", ("bengali", "bangla"), "বাংলা"),
    Language("bs", ("bosnian",), "Bosanski"),
    Language("ca", ("catalan",), "Català"),
    Language("cs", ("czech",), "Čeština"),
    Language("cy", ("welsh",), "Cymraeg"),
    Language("da", ("danish",), "Dansk"),
    Language("de", ("german", "deutsch"), "Deutsch"),
    Language("el", ("greek",), "Ελληνικά"),
    Language("en", ("english",), "English"),
    Language("en-GB", ("english-uk", "english-united-kingdom", "british-english"), "English (UK)"),
    Language("en-US", ("english-us", "english-united-states", "american-english"), "English (US)"),
    Language("es", ("spanish", "espanol", "español"), "Español"),
    Language("es-419", ("spanish-latin-america", "latin-american-spanish", "spanish-latam"), "Español (Latinoamérica)"),
    Language("es-ES", ("spanish-spain", "castilian"), "Español (España)"),
    Language("et", ("estonian",), "Eesti"),
    Language("eu", ("basque",), "Euskara"),
    Language("fa", ("persian", "farsi"), "فارسی"),
    Language("fi", ("finnish",), "Suomi"),
    Language("fil", ("filipino", "tagalog"), "Filipino"),
    Language("fr", ("french", "francais", "français"), "Français"),
    Language("fr-CA", ("french-canada", "canadian-french"), "Français (Canada)"),
    Language("ga", ("irish",), "Gaeilge"),
    Language("gl", ("galician",), "Galego"),
    Language("gu", ("gujarati",), "ગુજરાતી"),
    Language("he", ("hebrew",), "עברית"),
    Language("hi", ("hindi",), "हिन्दी"),
    Language("hr", ("croatian",), "Hrvatski"),
    Language("hu", ("hungarian",), "Magyar"),
    Language("hy", ("armenian",), "Հայերեն"),
    Language("id", ("indonesian", "bahasa-indonesia"), "Bahasa Indonesia"),
    Language("is", ("icelandic",), "Íslenska"),
    Language("it", ("italian", "italiano"), "Italiano"),
    Language("ja", ("japanese",), "日本語"),
    Language("ka", ("georgian",), "ქართული"),
    Language("kk", ("kazakh",), "Қазақ тілі"),
    Language("km", ("khmer",), "ខ្មែរ"),
    Language("kn", ("kannada",), "ಕನ್ನಡ"),
    Language("ko", ("korean",), "한국어"),
    Language("lo", ("lao",), "ລາວ"),
    Language("lt", ("lithuanian",), "Lietuvių"),
    Language("lv", ("latvian",), "Latviešu"),
    Language("mk", ("macedonian",), "Македонски"),
    Language("ml", ("malayalam",), "മലയാളം"),
    Language("mn", ("mongolian",), "Монгол"),
    Language("mr", ("marathi",), "मराठी"),
    Language("ms", ("malay",), "Bahasa Melayu"),
    Language("my", ("burmese", "myanmar"), "မြန်မာ"),
    Language("nb", ("norwegian", "norwegian-bokmal", "bokmal"), "Norsk bokmål"),
    Language("ne", ("nepali",), "नेपाली"),
    Language("nl", ("dutch", "nederlands"), "Nederlands"),
    Language("pa", ("punjabi", "panjabi"), "ਪੰਜਾਬੀ"),
    Language("pl", ("polish", "polski"), "Polski"),
    Language("ps", ("pashto",), "پښتو"),
    Language("pt", ("portuguese", "portugues", "português"), "Português"),
    Language(
        "pt-BR", ("portuguese-brazil", "brazilian-portuguese", "portuguese-br", "brazilian"), "Português (Brasil)"
    ),
    Language("pt-PT", ("portuguese-portugal", "european-portuguese"), "Português (Portugal)"),
    Language("ro", ("romanian",), "Română"),
    Language("ru", ("russian",), "Русский"),
    Language("sd", ("sindhi",), "سنڌي"),
    Language("si", ("sinhala", "sinhalese"), "සිංහල"),
    Language("sk", ("slovak",), "Slovenčina"),
    Language("sl", ("slovenian", "slovene"), "Slovenščina"),
    Language("sq", ("albanian",), "Shqip"),
    Language("sr", ("serbian",), "Српски"),
    Language("sv", ("swedish",), "Svenska"),
    Language("sw", ("swahili",), "Kiswahili"),
    Language("ta", ("tamil",), "தமிழ்"),
    Language("te", ("telugu",), "తెలుగు"),
    Language("th", ("thai",), "ไทย"),
    Language("tr", ("turkish",), "Türkçe"),
    Language("uk", ("ukrainian",), "Українська"),
    Language("ur", ("urdu",), "اردو"),
    Language("uz", ("uzbek",), "Oʻzbek"),
    Language("vi", ("vietnamese",), "Tiếng Việt"),
    Language("yi", ("yiddish",), "ייִדיש"),
    Language("yue", ("cantonese",), "粵語"),
    Language("zh", ("chinese", "mandarin"), "中文"),
    Language("zh-Hans", ("chinese-simplified", "simplified-chinese", "chinese-china", "chinese-mainland"), "简体中文"),
    Language("zh-Hant", ("chinese-traditional", "traditional-chinese"), "繁體中文"),
    Language("zh-TW", ("chinese-taiwan", "taiwanese", "taiwan"), "中文（台灣）"),
    Language("zh-HK", ("chinese-hong-kong", "hong-kong"), "中文（香港）"),
    Language("dv", ("dhivehi", "divehi", "maldivian"), "ދިވެހި"),
    Language("ug", ("uyghur", "uighur"), "ئۇيغۇرچە"),
    Language("ckb", ("kurdish-sorani", "sorani", "central-kurdish"), "کوردی"),
)
BY_CODE = {language.code.casefold(): language for language in LANGUAGES}
BY_NAME = {name: language.code for language in LANGUAGES for name in language.names}
# Old codes tools still write: "iw" (Hebrew), "ji" (Yiddish), "in" (Indonesian), "tl" (Tagalog), "no" (Norwegian).
OLD_CODES = {"iw": "he", "ji": "yi", "in": "id", "tl": "fil", "no": "nb"}
# Languages written right to left (their usual script); a script subtag decides for others: "pa-Arab".
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-arab", "ps", "sd", "syr", "ug", "ur", "yi"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})
# A tag as folders and suffixes write it: "ar", "pt-BR", "pt_BR", "zh-Hans", "es-419".
RGX_CODE = re.compile(r"(?P<primary>[a-z]{2,3})(?:[-_](?P<script>[a-z]{4}))?(?:[-_](?P<region>[a-z]{2}|\d{3}))?", re.I)


def _folded(name: str) -> str:
    """``"Portuguese (Brazil)"``, ``"portuguese_brazil"`` → ``"portuguese-brazil"``."""
    return re.sub(r"[\s_().,-]+", "-", name.casefold()).strip("-")


def code_of_name(name: str) -> str | None:
    """The language an English name says: ``"arabic"`` → ``"ar"``, ``"Chinese_Simplified"`` → ``"zh-Hans"``."""
    return BY_NAME.get(_folded(name))


def code_of_tag(tag: str) -> str | None:
    """A language tag of a known language in its canonical case: ``"pt_br"`` → ``"pt-BR"``, ``"iw"`` → ``"he"``;
    None for anything else (``"ab"``, ``"lab"``)."""
    match = RGX_CODE.fullmatch(tag)
    if not match:
        return None
    primary = OLD_CODES.get(match["primary"].lower(), match["primary"].lower())
    if primary not in BY_CODE:
        return None
    parts = [primary]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    return "-".join(parts)


def text_direction(code: str) -> str:
    """``"rtl"`` for languages written right to left (``ar``, ``he``, ``fa``, ``ur``, ``pa-Arab``…), else ``"ltr"``."""
    subtags = code.casefold().split("-")
    if subtags[0] in RTL_LANGUAGES or "-".join(subtags[:2]) in RTL_LANGUAGES:
        return "rtl"
    return "rtl" if any(subtag in RTL_SCRIPTS for subtag in subtags[1:]) else "ltr"


def native_name(code: str) -> str:
    """The name a tab shows: ``"ar"`` → ``"العربية"``; ``"pt-BR"`` → ``"Português (Brasil)"``; unknown → the code."""
    language = BY_CODE.get(code.casefold()) or BY_CODE.get(code.split("-")[0].casefold())
    return language.native if language else code


# -- the script of a text ----------------------------------------------------------------------------------
# Letters of each script, as Unicode blocks; each is counted with one C-speed findall.
SCRIPT_LETTERS = {
    "Latin": r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "Arabic": r"\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    "Hebrew": r"\u05d0-\u05f2\ufb1d-\ufb4f",
    "Han": r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "Kana": r"\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff",
    "Hangul": r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Cyrillic": r"\u0400-\u04ff",
    "Greek": r"\u0370-\u03ff\u1f00-\u1fff",
    "Devanagari": r"\u0900-\u097f",
    "Bengali": r"\u0980-\u09ff",
    "Gurmukhi": r"\u0a00-\u0a7f",
    "Gujarati": r"\u0a80-\u0aff",
    "Tamil": r"\u0b80-\u0bff",
    "Telugu": r"\u0c00-\u0c7f",
    "Kannada": r"\u0c80-\u0cff",
    "Malayalam": r"\u0d00-\u0d7f",
    "Sinhala": r"\u0d80-\u0dff",
    "Thai": r"\u0e00-\u0e7f",
    "Lao": r"\u0e80-\u0eff",
    "Myanmar": r"\u1000-\u109f",
    "Georgian": r"\u10a0-\u10ff",
    "Ethiopic": r"\u1200-\u137f",
    "Khmer": r"\u1780-\u17ff",
    "Armenian": r"\u0530-\u058f",
    "Thaana": r"\u0780-\u07bf",
}
SCRIPT_PATTERNS = {script: re.compile(f"[{letters}]") for script, letters in SCRIPT_LETTERS.items()}
# The language a script's text is taken to be in; Latin is the site's default, Han and Arabic are refined.
SCRIPT_LANGUAGES = {
    "Arabic": "ar",
    "Hebrew": "he",
    "Han": "zh",
    "Kana": "ja",
    "Hangul": "ko",
    "Cyrillic": "ru",
    "Greek": "el",
    "Devanagari": "hi",
    "Bengali": "bn",
    "Gurmukhi": "pa",
    "Gujarati": "gu",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
    "Sinhala": "si",
    "Thai": "th",
    "Lao": "lo",
    "Myanmar": "my",
    "Georgian": "ka",
    "Ethiopic": "am",
    "Khmer": "km",
    "Armenian": "hy",
    "Thaana": "dv",
}
# Letters Arabic does not use: Urdu's (ٹ ڈ ڑ ں ے) and Persian's (پ چ ژ گ ی ک), which Urdu uses too.
URDU_LETTERS = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]")
PERSIAN_LETTERS = re.compile("[\u067e\u0686\u0698\u06af\u06cc\u06a9]")
SAMPLE_CHARACTERS = 20_000  # of a transcript's text, enough to tell its script; a long lecture is not read whole


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script ``text`` holds (ASCII text is Latin without looking further)."""
    if text.isascii():
        return Counter({"Latin": len(re.findall(r"[A-Za-z]", text))})
    return Counter({script: n for script, pattern in SCRIPT_PATTERNS.items() if (n := len(pattern.findall(text)))})


def main_script(text: str) -> str | None:
    """The script most letters of ``text`` are in, kanji and kana counted together: Japanese (kanji with kana) is
    Kana, Chinese (no kana) Han; None without letters."""
    counts = script_counts(text)
    if not counts:
        return None
    han, kana = counts.pop("Han", 0), counts.pop("Kana", 0)
    if han + kana:
        counts["Kana" if kana * 10 >= han else "Han"] = han + kana  # Japanese writes kanji between kana
    return counts.most_common(1)[0][0]


def guess_language(text: str, default_language: str) -> str:
    """The language a text's script says: Arabic script → ``ar`` (``fa``, ``ur`` by their own letters), Hebrew →
    ``he``, kanji with kana → ``ja``, Han → ``zh``, Cyrillic → ``ru``…; Latin, or no letters → ``default_language``
    (or English, when the default is written in another script)."""
    sample = text[:SAMPLE_CHARACTERS]
    script = main_script(sample)
    if script == "Arabic":
        if URDU_LETTERS.search(sample):
            return "ur"
        return "fa" if len(PERSIAN_LETTERS.findall(sample)) * 50 >= len(sample) else "ar"
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script]
    return latin_language(default_language)


def latin_language(default_language: str) -> str:
    """The language Latin text is taken to be in: the site's default, unless that is written in another script."""
    code = code_of_tag(default_language) or "en"
    return code if script_of_language(code) == "Latin" else "en"


def script_of_language(code: str) -> str:
    """The script a language is usually written in, to match a declared language to one half of a bilingual file."""
    primary = code.split("-")[0].casefold()
    if primary in {"fa", "ur", "ps", "sd", "ug", "ckb"}:
        return "Arabic"
    if primary == "yi":
        return "Hebrew"
    if primary in {"uk", "bg", "sr", "mk", "be", "kk", "mn"}:
        return "Cyrillic"
    if primary in {"yue"}:
        return "Han"
    for script, language in SCRIPT_LANGUAGES.items():
        if language == primary:
            return script
    return "Latin"


# -- bilingual cues ----------------------------------------------------------------------------------------
BILINGUAL_SHARE = 0.6  # of the cues with text: at least this many hold two lines in two scripts
BILINGUAL_MIN_CUES = 3
BILINGUAL_SAMPLE_CUES = 200  # the decision is made on the first cues; a long file is not scanned twice


class Track(NamedTuple):
    """One language's half of a bilingual subtitle file."""

    language: str
    script: str
    cues: tuple[Cue, ...]


def bilingual_scripts(cues: Sequence[Cue]) -> tuple[str, str] | None:
    """The two scripts of a file whose cues mostly hold exactly two lines, one in each (a Chinese line over its
    English translation, as fan-subtitled courses do), the first line's script first; None for other files."""
    sample = [cue for cue in cues[:BILINGUAL_SAMPLE_CUES] if cue.text]
    if len(sample) < BILINGUAL_MIN_CUES or all(cue.text.isascii() for cue in sample):
        return None
    pairs: Counter[tuple[str, str]] = Counter()
    for cue in sample:
        lines = cue.text.split("\n")
        if len(lines) == 2:
            first, second = main_script(lines[0]), main_script(lines[1])
            # Japanese writes some lines in kanji alone: a line of kanji over one with kana is one language.
            if first and second and first != second and {first, second} != {"Han", "Kana"}:
                pairs[(first, second)] += 1
    if not pairs:
        return None
    (first, second), count = pairs.most_common(1)[0]
    same_two = sum(n for (a, b), n in pairs.items() if {a, b} == {first, second})
    if same_two < BILINGUAL_SHARE * len(sample) or count < BILINGUAL_MIN_CUES:
        return None
    return first, second


def split_bilingual(
    cues: Sequence[Cue], scripts: tuple[str, str], declared: str | None, default_language: str
) -> tuple[Track, Track]:
    """Each line to the track of its script; a line of neither script (numbers, "♪", a name in a third script)
    to both, so no word is lost. The declared language (suffix or folder) names the half written in its script;
    the other half's language is guessed from its own text."""
    texts: dict[str, list[Cue]] = {scripts[0]: [], scripts[1]: []}
    for cue in cues:
        parts: dict[str, list[str]] = {scripts[0]: [], scripts[1]: []}
        for line in cue.text.split("\n"):
            script = main_script(line)
            for target in (script,) if script in parts else scripts:
                parts[target].append(line)
        for script, lines in parts.items():
            if any(line.strip() for line in lines):
                texts[script].append(cue._replace(text="\n".join(lines)))
    tracks = []
    for script in scripts:
        own = tuple(texts[script])
        if declared and script_of_language(declared) == script:
            language = declared
        else:
            language = guess_language("\n".join(cue.text for cue in own[:BILINGUAL_SAMPLE_CUES]), default_language)
        tracks.append(Track(language, script, own))
    return tracks[0], tracks[1]


def compose_srt(cues: Sequence[Cue]) -> bytes:
    """An SRT file of ``cues``: what one half of a bilingual file offers as its download."""

    def stamp(ms: int) -> str:
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    blocks = [
        f"{index}\n{stamp(cue.start_ms)} --> {stamp(cue.end_ms)}\n{cue.text}\n" for index, cue in enumerate(cues, 1)
    ]
    return "\n".join(blocks).encode("utf-8")


def with_language(transcript: Transcript, default_language: str) -> tuple[Transcript, ...]:
    """The transcript with its language known (its suffix or folder, else its text's script); a bilingual file
    as its two halves, each a transcript of its own language with its own SRT download."""
    if transcript.readable:
        scripts = bilingual_scripts(transcript.cues)
        if scripts is not None:
            first, second = split_bilingual(transcript.cues, scripts, transcript.language, default_language)
            if first.language != second.language:
                return tuple(
                    replace(
                        transcript, language=half.language, cues=half.cues, data=compose_srt(half.cues), format="srt"
                    )
                    for half in (first, second)
                )
    if transcript.language is not None:
        return (transcript,)
    if not transcript.readable:
        return (replace(transcript, language=latin_language(default_language)),)
    text, size = [], 0
    for cue in transcript.cues:
        text.append(cue.text)
        size += len(cue.text)
        if size > SAMPLE_CHARACTERS:
            break
    return (replace(transcript, language=guess_language("\n".join(text), default_language)),)
