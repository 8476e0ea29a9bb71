"""Following stories as they develop: a list of feeds and pages polled politely, new articles ingested
and clustered into the store's stories, changed stories rebriefed and kept as versions."""

from synoptic.watch.feedlist import Source, parse_feed_list, read_feed_list
from synoptic.watch.http import Poller, PollError, PollRules, Reply
from synoptic.watch.loop import Stopper, parse_every, watch
from synoptic.watch.round import RoundReport, WatchConfig, poll_round

__all__ = [
    "PollError",
    "PollRules",
    "Poller",
    "Reply",
    "RoundReport",
    "Source",
    "Stopper",
    "WatchConfig",
    "parse_every",
    "parse_feed_list",
    "poll_round",
    "read_feed_list",
    "watch",
]
