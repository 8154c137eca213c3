"""Working a case beyond its state changes: classification and corrections, the instructor's
accusation and decision texts per respondent, messages and internal notes, referral drafts,
bulk actions, possible duplicates, incidents (complaints about one post or event), and what the
complainant sees and does on the follow-up page."""
