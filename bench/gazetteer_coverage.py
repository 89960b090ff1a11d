"""Print the gazetteer's coverage per script as a Markdown table (for docs/readme/entities.md).

Usage: python bench/gazetteer_coverage.py
"""

from __future__ import annotations

from datetime import date

from extract.gazetteer import SCRIPTS, districts, provinces

SCRIPT_NAMES = {
    "zh": "Chinese (Han)",
    "ja": "Japanese (katakana)",
    "ko": "Korean (Hangul)",
    "ru": "Russian (Cyrillic)",
    "ar": "Arabic",
    "th": "Thai",
    "km": "Khmer",
    "ur": "Urdu",
    "hi": "Hindi (Devanagari)",
    "bn": "Bengali",
    "lo": "Lao",
    "my": "Burmese",
}


def main() -> None:
    units = provinces()
    old = [p for p in units if p.valid_on(date(2024, 6, 30))]
    new = [p for p in units if p.valid_on(date(2025, 7, 1))]
    print("| script | units of 2024 (of 63) | units after 1 July 2025 (of 34) | names |")
    print("|---|---|---|---|")
    print(f"| Vietnamese, ASCII, English | {len(old)} | {len(new)} | {3 * len(units)} |")
    for script in SCRIPTS:
        names = sum(len(p.names_in(script)) for p in units)
        print(
            f"| {SCRIPT_NAMES[script]} | {sum(bool(p.names_in(script)) for p in old)} "
            f"| {sum(bool(p.names_in(script)) for p in new)} | {names} |"
        )
    other = sum(1 for d in districts() if d.aliases)
    print(f"\nDistrict-level units: {len(districts())} ({other} with names in another script).")


if __name__ == "__main__":
    main()
