"""Work on the site's records that is not one document's own lifecycle: listing and moving a
record's activities, converting leads (one, or many in a background job), the duplicate-check
index and search, the full-base duplicate scan, and merging leads."""
