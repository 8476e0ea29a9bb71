"""Online, time-aware story detection: articles in date order join a story or open one."""

from synoptic.cluster.merge import fade
from synoptic.cluster.online import Assignment, arrival_order, cluster_articles
from synoptic.cluster.state import ClusterState
from synoptic.cluster.stream import article_from_record, cluster_store, load_state

__all__ = [
    "Assignment",
    "ClusterState",
    "arrival_order",
    "article_from_record",
    "cluster_articles",
    "cluster_store",
    "fade",
    "load_state",
]
