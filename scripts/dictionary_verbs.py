"""Write patterns/dictionary_verbs.txt, dictionary_verbal_nouns.txt and dictionary_nouns.txt from the
installed jieba's dictionary.

    python scripts/dictionary_verbs.py

Run it after upgrading jieba (tests/test_rule_schema.py fails until the file matches).
Reading the list from patterns/ instead of jieba's 5 MB dictionary saves a tenth of a
second at every start.
"""
from pathlib import Path

from extract.normalize.verbs import (NOUNS_FILE, VERBAL_NOUNS_FILE, VERBS_FILE, write_dictionary_nouns,
                                     write_dictionary_verbal_nouns, write_dictionary_verbs)

if __name__ == "__main__":
    folder = Path(__file__).resolve().parents[1] / "patterns"
    print(f"{folder / VERBS_FILE}: {write_dictionary_verbs(folder / VERBS_FILE)} verbs")
    print(f"{folder / VERBAL_NOUNS_FILE}: {write_dictionary_verbal_nouns(folder / VERBAL_NOUNS_FILE)} verbal nouns")
    print(f"{folder / NOUNS_FILE}: {write_dictionary_nouns(folder / NOUNS_FILE)} nouns")
