"""Administration: staff accounts and passwords, four eyes on access to cases, the second
factor, reference data edited by the administrator, and retention (anonymising finished
complaints)."""
