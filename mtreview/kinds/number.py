"""number: numbers of `min_digits` or more digits written without thousands separators
(`10000 young scientists` -> `10,000`). Numbers that are codes rather than quantities — phone,
licence, postcode, ID and stock codes (600884.SH), years in ranges, decimals, parts of a word — are left alone."""
from __future__ import annotations

import regex

from ._regex import finditer, format_message

FIELDS = {"min_digits": (int, False), "separator": (str, False)}

_CODE_CONTEXT = regex.compile(
    r"(?i)(?:\b(?:no\.?|number|tel|phone|fax|code|postcode|zip|id|icp|stock|shares?|ticker)|备|#|:|：|\+|-)\s*$")
_CODE_SUFFIX = regex.compile(r"\.(?:SH|SZ|SS|HK|BJ)\b|\s*\((?:SH|SZ|HK)\)")


def compile(rule):
    min_digits = rule.params.get("min_digits", 5)
    separator = rule.params.get("separator", ",")
    pattern = regex.compile(rf"(?<![\w.,/:#+\-]|\d[.,])\d{{{min_digits},}}(?![\w/\-]|[.,]\d)")

    def run(doc):
        text = doc.text
        for match in finditer(rule, pattern, text):
            if _CODE_CONTEXT.search(text, max(0, match.start() - 12), match.start()) or \
                    _CODE_SUFFIX.match(text, match.end()):
                continue
            digits = match.group(0)
            if digits.startswith("0"):
                continue
            grouped = f"{int(digits):,}".replace(",", separator)
            message = format_message(rule.message, match=digits, use=grouped)
            yield rule.finding(text, match.start(), match.end(), message, replacement=grouped)

    return run
