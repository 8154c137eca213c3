"""Administration: staff accounts and passwords, the second factor, reference data edited by
the administrator, and retention (anonymising finished complaints)."""
