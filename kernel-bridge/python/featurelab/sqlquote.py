"""Quoting of Spark SQL identifiers and string literals.

Featurelab generates SQL from names and paths it does not control (manifest entries, catalog
listings, user input in the UI). Quoting every identifier and literal by construction is what
keeps a table called ``a`b`` or a path containing ``'`` from changing the meaning of a statement.
The rules are Spark's default parser's (``spark.sql.parser.escapedStringLiterals=false``).
"""

from __future__ import annotations

from collections.abc import Iterable


def quote_identifier(name: str) -> str:
    """Quote one identifier part: wrap in backticks and double embedded backticks.

    >>> quote_identifier("users")
    '`users`'
    >>> quote_identifier("we`ird")
    '`we``ird`'
    """
    if not isinstance(name, str):
        raise TypeError(f"identifier must be a str, not {type(name).__name__}")
    if name == "":
        raise ValueError("identifier must not be empty")
    if "\x00" in name:
        raise ValueError("identifier must not contain NUL characters")
    return "`" + name.replace("`", "``") + "`"


def quote_qualified_name(parts: Iterable[str]) -> str:
    """Quote a multi-part name such as ``("demo", "users")`` -> ``\\`demo\\`.\\`users\\```."""
    quoted = [quote_identifier(part) for part in parts]
    if not quoted:
        raise ValueError("a qualified name needs at least one part")
    return ".".join(quoted)


def quote_string_literal(value: str) -> str:
    """Quote a string literal: single quotes, with backslashes and quotes escaped.

    Backslashes are escaped first because Spark's parser processes backslash escapes inside
    literals by default; otherwise a trailing backslash would escape the closing quote.

    >>> quote_string_literal("it's")
    "'it\\\\'s'"
    """
    if not isinstance(value, str):
        raise TypeError(f"literal must be a str, not {type(value).__name__}")
    if "\x00" in value:
        raise ValueError("string literal must not contain NUL characters")
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
