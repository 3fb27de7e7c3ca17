# Phase 2 adds the draft sources and review batches here; the extraction engine never imports the ORM.
