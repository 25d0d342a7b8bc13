"""Write patterns/dictionary_verbs.txt from the installed jieba's dictionary.

    python scripts/dictionary_verbs.py

Run it after upgrading jieba (tests/test_rule_schema.py fails until the file matches).
Reading the list from patterns/ instead of jieba's 5 MB dictionary saves a tenth of a
second at every start.
"""
from pathlib import Path

from extract.normalize.verbs import VERBS_FILE, write_dictionary_verbs

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "patterns" / VERBS_FILE
    print(f"{target}: {write_dictionary_verbs(target)} verbs")
