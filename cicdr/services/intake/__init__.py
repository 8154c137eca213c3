"""Complaints coming in: drafts of the public form, filing, registration (online or by an
officer), and the checks on evidence uploads."""
