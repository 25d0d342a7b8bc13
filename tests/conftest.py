"""Readable test ids: pytest escapes non-ASCII ids unless a hook gives them."""
import os


def pytest_make_parametrize_id(config, val, argname):
    # Example cases (tests/test_patterns.py) carry their own id, e.g.
    # numbers/num.min/<the example text>; the hook's ids are not escaped.
    return getattr(val, "case_id", None)


# The command line speaks the user's language (extract.messages): tests pin Chinese, the default,
# so they pass whatever the developer's locale; tests of English set their own environment.
os.environ["QINGDAN_LANG"] = "zh"
