"""Brief history: every rebrief of a story kept as a version, and what changed between two versions."""

from synoptic.history.diff import KINDS, BriefDiff, Change, Cited, diff_briefs, format_diff
from synoptic.history.versions import parse_when, record_briefs, story_diff

__all__ = [
    "KINDS",
    "BriefDiff",
    "Change",
    "Cited",
    "diff_briefs",
    "format_diff",
    "parse_when",
    "record_briefs",
    "story_diff",
]
