"""The command line's words: Chinese by default, English in an English locale, every template valid."""
import pytest

from extract.messages import LANGUAGES, language, messages, say

LOCALES = [
    pytest.param({}, "zh", id="nothing-set"),
    pytest.param({"LANG": "zh_CN.UTF-8"}, "zh", id="chinese-lang"),
    pytest.param({"LANG": "en_US.UTF-8"}, "en", id="english-lang"),
    pytest.param({"LANG": "C.UTF-8"}, "zh", id="c-locale-is-not-english"),
    pytest.param({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en", id="lc-all-wins"),
    pytest.param({"QINGDAN_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh", id="qingdan-lang-wins"),
    pytest.param({"LC_MESSAGES": "en_US", "LANG": "zh_CN"}, "en", id="lc-messages-before-lang"),
]


@pytest.mark.parametrize("env,expected", LOCALES)
def test_language_from_locale(monkeypatch, env, expected):
    for name in ("QINGDAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert language() == expected


def test_every_message_has_both_languages():
    assert messages() and all(set(entry) == set(LANGUAGES) for entry in messages().values())


SAID = [
    pytest.param("summary", "zh", dict(files=3, duties=40, errors=1, seconds="0.5"),
                 "完成：3个文件，40条职责，1个错误，用时0.5秒", id="summary-zh"),
    pytest.param("summary", "en", dict(files=3, duties=40, errors=1, seconds="0.5"),
                 "done: 3 files, 40 duties, 1 errors, 0.5 s", id="summary-en"),
    pytest.param("prefix", "zh", dict(message="x"), "qingdan：x", id="prefix-zh"),
]


@pytest.mark.parametrize("key,lang,fields,expected", SAID)
def test_say(key, lang, fields, expected):
    assert say(key, lang=lang, **fields) == expected
