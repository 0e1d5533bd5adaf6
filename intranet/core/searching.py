"""Search queries are words, never syntax.

The SQLite full-text backend passes each term into an FTS5 MATCH expression; a double
quote, a bracket or a bare ``NEAR``/``*`` in what someone typed would make that
expression invalid (a 500). Keeping only the words (letters and digits, accents
included) makes every query valid: ``Lei "23/2007"`` searches for Lei, 23 and 2007.
"""

import re

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
_WORD = re.compile(r"\w+")


def plain_words(text: str) -> str:
    """The words of ``text``, space-separated; "" when there are none."""
    words = _WORD.findall((text or "")[:MAX_QUERY_LENGTH].replace("_", " "))
    return " ".join(words[:MAX_WORDS])
