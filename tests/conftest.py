"""Readable test ids: pytest escapes non-ASCII ids unless a hook gives them."""


def pytest_make_parametrize_id(config, val, argname):
    # Example cases (tests/test_patterns.py) carry their own id, e.g.
    # numbers/num.min/<the example text>; the hook's ids are not escaped.
    return getattr(val, "case_id", None)
