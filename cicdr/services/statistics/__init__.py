"""Statistics: the numbers of the annual report, for staff, auditors and the public (issue 13).

`figures.compute(session, start, end)` gives the one JSON shape (complaints received in the
period by every coded field, incidents, outcomes, proceedings, durations, backlog, deadlines),
every number from aggregate SQL (`breakdowns`, `outcomes`, `timing`); `suppression` makes the
public version (small counts hidden); `charts` draws each breakdown as SVG (pygal), `tables`
flattens the numbers into rows for CSV and XLSX, and `annual_report` lays out the year's PDF.
"""
