"""Publish the audited marts to a separate, read-only DuckDB file; keep versions; roll back.

    publish(working_db, warehouse_dir, gate=..., keep=5)   build + atomic swap + keep N versions
    rollback(warehouse_dir, version=None)                  put a kept version back
    list_versions(warehouse_dir)                           kept versions, newest first

See docs/publishing.md.
"""

from pipeline.publish.build import GateSummary, build_published_file
from pipeline.publish.checksums import table_checksums
from pipeline.publish.store import (
    DEFAULT_KEEP_VERSIONS,
    PublishedVersion,
    PublishError,
    current_version,
    list_versions,
    publish,
    published_path,
    rollback,
    versions_dir,
)

__all__ = [
    "DEFAULT_KEEP_VERSIONS",
    "GateSummary",
    "PublishError",
    "PublishedVersion",
    "build_published_file",
    "current_version",
    "list_versions",
    "publish",
    "published_path",
    "rollback",
    "table_checksums",
    "versions_dir",
]
