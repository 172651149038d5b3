"""Work on the site's records that is not one document's own lifecycle: the duplicate-check index
and search, the full-base duplicate scan, and merging leads."""
