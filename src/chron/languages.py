"""Language names as bibliographies write them, and IETF tags as chron stores them (pure).

A work's ``language`` is an IETF tag (``de``, ``en-GB``). BibTeX and BibLaTeX name languages the
way babel and polyglossia do (``ngerman``, ``british``), RIS and CSL-JSON often in English
(``German``). ``tag_of`` reads any of these; ``babel_name`` gives the name biblatex's ``langid``
expects. Names babel defines are listed here; every other language name is looked up in the C
library's locale aliases (``locale.locale_alias``), which know some hundred of them.
"""

from __future__ import annotations

import re

# IETF tag -> the language's name in babel (its .ldf file; biblatex has a .lbx of the same name).
BABEL: dict[str, str] = {
    "en": "english", "en-US": "american", "en-GB": "british", "de": "ngerman", "de-AT": "naustrian",
    "fr": "french", "it": "italian", "es": "spanish", "pt": "portuguese", "pt-BR": "brazilian", "nl": "dutch",
    "pl": "polish", "cs": "czech", "sk": "slovak", "ru": "russian", "uk": "ukrainian", "ro": "romanian",
    "bg": "bulgarian", "hr": "croatian", "sr": "serbian", "sl": "slovene", "fi": "finnish", "sv": "swedish",
    "no": "norsk", "nb": "norsk", "nn": "nynorsk", "da": "danish", "el": "greek", "tr": "turkish", "la": "latin",
    "he": "hebrew", "ar": "arabic", "cy": "welsh", "ga": "irish", "ca": "catalan", "et": "estonian",
    "lv": "latvian", "lt": "lithuanian", "is": "icelandic", "hu": "magyar", "eu": "basque", "gl": "galician",
}  # fmt: skip

# Other names babel, polyglossia and reference managers use, which the locale aliases lack.
ALIASES: dict[str, str] = {
    "german": "de", "austrian": "de-AT", "ukenglish": "en-GB", "usenglish": "en-US", "english": "en",
    "american": "en-US", "chinese": "zh", "japanese": "ja", "korean": "ko", "yiddish": "yi", "slovenian": "sl",
    "norwegian": "no", "brazil": "pt-BR",
}  # fmt: skip

_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_BY_NAME = {name: tag for tag, name in BABEL.items()} | ALIASES


def tag_of(value: str | None) -> str | None:
    """The IETF tag of a language as a bibliography writes it: 'ngerman' or 'German' -> 'de'; a tag
    such as 'de' or 'en-GB' stays as it is; a name nobody knows is kept as written."""
    if not value:
        return None
    text = value.strip()
    if _TAG.fullmatch(text) and len(text.split("-")[0]) <= 3:
        return text
    key = text.lower().replace(" ", "")
    if key in _BY_NAME:
        return _BY_NAME[key]
    import locale  # the C library's table of language names, e.g. 'portuguese' -> 'pt_PT.ISO8859-1'

    found = locale.locale_alias.get(key)
    if found and re.fullmatch(r"[a-z]{2,3}_[A-Z]{2}(?:[.@].*)?", found):
        return found[: found.index("_")]
    return text


def babel_name(tag: str | None) -> str | None:
    """The name biblatex's ``langid`` takes for an IETF tag ('de' -> 'ngerman'); an unknown tag as it is."""
    if not tag:
        return None
    return BABEL.get(tag) or BABEL.get(tag.split("-")[0]) or tag
