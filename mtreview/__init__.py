"""mtreview: review machine-translated English the way a careful copy editor would."""
__version__ = "0.1.0"

__all__ = ["review", "Review", "Reviewer", "Config", "Finding", "Edit", "Severity", "__version__"]


def __getattr__(name):  # lazy: `mtreview --help` must not import the rule engine
    if name in ("review", "Review", "Reviewer"):
        from . import reviewer

        return getattr(reviewer, name)
    if name == "Config":
        from .config import Config

        return Config
    if name in ("Finding", "Edit", "Severity"):
        from . import findings

        return getattr(findings, name)
    raise AttributeError(name)
