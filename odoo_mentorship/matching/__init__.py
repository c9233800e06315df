from .problem import ADMISSIBLE, TOP_LIMIT, MatchingProblem

__all__ = ["ADMISSIBLE", "TOP_LIMIT", "MatchingProblem"]
