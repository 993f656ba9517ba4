"""number: numbers of `min_digits` or more digits written without thousands separators
(`10000 young scientists` -> `10,000`). Numbers that are codes rather than quantities — phone,
licence, postcode, ID and stock codes (600884.SH), years in ranges, decimals, parts of a word — are left alone.
With `min_digits: 4`, a four-digit number that could be a year (1000-2099) is only flagged when a
counted noun follows it (`3526 cases`, `1500 square meters`), never as a bare year (`in 2023`)."""
from __future__ import annotations

import regex

from ._regex import finditer, format_message

FIELDS = {"min_digits": (int, False), "separator": (str, False)}

_CODE_CONTEXT = regex.compile(
    r"(?i)(?:\b(?:no\.?|number|tel|phone|fax|code|postcode|zip|id|icp|stock|shares?|ticker)|备|#|:|：|\+|-)\s*$")
_CODE_SUFFIX = regex.compile(r"\.(?:SH|SZ|SS|HK|BJ)\b|\s*\((?:SH|SZ|HK)\)")
_COUNTED = regex.compile(
    r"\s+(?:more\s+|new\s+|additional\s+|square\s+|cubic\s+|local\s+|rural\s+|small\s+)*"
    r"(?:cases|people|persons|households|families|residents|villagers|farmers|workers|staff|students|"
    r"teachers|doctors|patients|tourists|visitors|participants|volunteers|officials|cadres|members|"
    r"enterprises|companies|firms|projects|villages|schools|hospitals|reservoirs|stations|posts|jobs|"
    r"vehicles|trips|flights|trains|sets|units|pieces|items|times|tons|tonnes|kilograms|kg|yuan|"
    r"dollars|meters|metres|kilometers|kilometres|km|mu|hectares|acres|hours|beds|rooms|seats)\b")


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
            if len(digits) == 4 and 1000 <= int(digits) <= 2099 and not _COUNTED.match(text, match.end()):
                continue  # a year, or a four-digit figure we cannot tell from one
            grouped = f"{int(digits):,}".replace(",", separator)
            message = format_message(rule.message, match=digits, use=grouped)
            yield rule.finding(text, match.start(), match.end(), message, replacement=grouped)

    return run
