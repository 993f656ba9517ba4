"""Rule kinds: one module each, one registry. A kind validates its fields (FIELDS) and compiles a
rule once (`compile(rule) -> run(document) -> findings`)."""
from . import (boilerplate, capitalization, consistency, grammar, number, opener, pattern,
               repetition, script, term)

KINDS = {
    "term": term,
    "pattern": pattern,
    "repetition": repetition,
    "capitalization": capitalization,
    "consistency": consistency,
    "opener": opener,
    "boilerplate": boilerplate,
    "script": script,
    "number": number,
    "grammar": grammar,
}


def register(name: str, module) -> None:
    """Add a kind (a module with FIELDS and compile) — how the grammar kind plugs in."""
    KINDS[name] = module
