"""Every string of the three addons is translated for the markets we serve."""

import re
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[1]
ADDONS = ("transport_fleet", "transport_stock", "transport_crm")
LANGUAGES = ("ru", "ta", "vi", "zh_CN", "de", "fa")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")


def template(addon):
    return polib.pofile(str(REPO / addon / "i18n" / f"{addon}.pot"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("addon", ADDONS)
def test_every_string_is_translated(addon, language):
    path = REPO / addon / "i18n" / f"{language}.po"
    assert path.exists(), f"{path.relative_to(REPO)} is missing"
    translated = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and "fuzzy" not in entry.flags
    }
    missing = [
        e.msgid for e in template(addon) if (e.msgctxt, e.msgid) not in translated
    ]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("addon", ADDONS)
def test_translations_keep_every_placeholder(addon, language):
    path = REPO / addon / "i18n" / f"{language}.po"
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} is missing")
    broken = [
        entry.msgid
        for entry in polib.pofile(str(path))
        if entry.msgstr
        and sorted(PLACEHOLDER.findall(entry.msgid))
        != sorted(PLACEHOLDER.findall(entry.msgstr))
    ]
    assert not broken, f"placeholders changed in {broken[:3]}"
