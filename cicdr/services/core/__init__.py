"""What every service shares: the session type, domain errors, actors, the content-addressed
blob store, gapless case numbers, and the legal tables built from the database."""
