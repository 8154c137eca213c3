"""The languages CICDR writes to the public in: plain data, no Flask, so the services (e-mail
composed outside any request) and the portal (`cicdr.i18n`) share one list."""

from __future__ import annotations

# Portuguese (pt-PT) is the default; English is complete; the others cover CICDR's largest
# migrant communities and need review by native speakers (README).
LANGUAGES: dict[str, str] = {
    "pt": "Português", "en": "English", "es": "Español", "fr": "Français",
    "uk": "Українська", "ne": "नेपाली", "bn": "বাংলা", "ar": "العربية",
}
RTL = frozenset({"ar"})
DEFAULT = "pt"
