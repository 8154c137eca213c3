"""Read-only views of the cases: lists with filters and full-text search, My work, case pages'
lookups, the history in words, CSV export columns, workflow diagrams, the published decisions,
and a complainant's data export. Nothing here commits, except recording reads via `audit`."""
