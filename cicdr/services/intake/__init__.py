"""Complaints coming in: drafts of the public form, filing, registration (online or by an
officer), the checks on evidence uploads, and importing a backlog (`backlog`, reading and
checking its rows in `spreadsheet`)."""
