"""Stretches of a path several paths share: intake, a referral's life, the prosecutor, a
proceeding taken to a given state. Each is a generator of simulated days (see scheduler)."""
