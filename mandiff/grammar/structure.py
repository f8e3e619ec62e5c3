"""The lines that give a resolution its shape: the Council line that opens the body, the adoption line
that closes an older one, parts ("A", "II"), annexes and footnotes.

They are recognized in English and French and in the layouts of 1946 to today; the segmenter, the
header reader and the checklist reader share them.
"""

from __future__ import annotations

import re

# The line that opens the body: "The Security Council," / "Le Conseil de sécurité,".
COUNCIL = re.compile(r"^\s*(?:The Security Council|Le Conseil de s[ée]curit[ée])\s*(?:[,.:;]\s*)?$", re.IGNORECASE)
# An older opening that follows a first clause: "Therefore the Security Council,".
CONNECTIVE_COUNCIL = re.compile(r"^\s*(?:Therefore|Accordingly|Hence)(?:\s*,\s+|\s+)the Security Council\s*(?:[,.:;]\s*)?$", re.IGNORECASE)
# The line that closes the body of an older resolution.
# "Adapted" and "Approved" are how OCR and some older texts print it.
ADOPTED = re.compile(r"^\s*(?:Adopted|Adapted|Approved|Adoptée)\s+(?:unanimously|without|at|by|à|sans|par|le)\b")
ADOPTED_BY_COUNCIL = re.compile(r"^\s*(?:Adopted by the Security Council|Adoptée par le Conseil de sécurité)\b")
# A part of a resolution in parts: "A", "B", "I", "II" (optionally "Part II") alone on a line.
PART = re.compile(r"^\s*(?:Part\s+|PART\s+)?([A-H]|[IVX]{1,5})\s*(?:\.\s*)?$")
ANNEX = re.compile(r"^\s*(?:ANNEX|Annex|APPENDIX|Appendix|ANNEXE|Annexe)(?:\s+[IVX\d]{1,4}|\s+[A-H])?\s*(?:\.\s*)?$")
# Footnotes: "1/ S/24960." (1990s) or "22 Adopted without vote." after the body.
FOOTNOTE = re.compile(r"^\s*(?:\d{1,3}/|\*{1,3})\s+\S")
OLD_FOOTNOTE = re.compile(r"^\s*\d{1,3}\s+(?:See|Official Records|Ibid|S/\d|Document|Adopted|One member|The draft|Resolution|A/\d)")


def opens_body(line: str) -> bool:
    """"The Security Council," or "Le Conseil de sécurité," alone on its line."""
    return bool(COUNCIL.match(line))


def closes_group(line: str) -> bool:
    """A line after which a new printed paragraph always begins (the Council line, a part, an annex)."""
    return bool(COUNCIL.match(line) or CONNECTIVE_COUNCIL.match(line) or PART.match(line) or ANNEX.match(line))
