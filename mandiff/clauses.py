"""How preambular clauses of Council resolutions begin ("Recalling", "Deeply concerned", "Rappelant").

Readers that lose paragraph breaks need it: a flattened HTML preamble is split again before each
opener, and a PDF paragraph that ends a page is not run on into a clause that opens the next one.
"""

from __future__ import annotations

import re

_OPENER_WORDS = (
    "Recalling|Reaffirming|Noting|Stressing|Expressing|Welcoming|Determining|Deeply concerned|Deeply|"
    "Gravely concerned|Gravely|Concerned|Alarmed|Acknowledging|Affirming|Appreciating|Aware|Bearing in mind|"
    "Commending|Condemning|Strongly condemning|Considering|Convinced|Deploring|Desiring|Desirous|Determined|"
    "Emphasizing|Emphasising|Encouraging|Encouraged|Guided|Having|Highlighting|Mindful|Recognizing|Recognising|"
    "Reiterating|Taking note|Taking into account|Taking|Underlining|Underscoring|Acting|Regretting|Reminding|"
    "Urging|Cognizant|Conscious|Looking forward|Paying tribute|Further|Also|Emphasizing|Seriously concerned|"
    "Appalled|Shocked|Disturbed|Dismayed|Outraged|Troubled|Indignant|Rappelant|Réaffirmant|Notant|Soulignant|Se félicitant|Constatant|Considérant|Prenant note|Exprimant|"
    "Conscient|Profondément préoccupé|Agissant|Condamnant|Sachant|Estimant|Accueillant|Insistant|Saluant|"
    "Réitérant|Gardant à l'esprit|Préoccupé|Vivement préoccupé|Convaincu|Déterminé|Reconnaissant|Félicitant"
)
# ", Recalling ..." - a listed opener; or a participle the list misses, caught by its ending and a
# lower-case word after it (so ", Beijing Declaration" is not one): "Reaffirming its", "Appalled by".
_GENERIC_OPENER = r"[A-Z][a-z]{1,}(?:-[a-z]+)?(?:ing|ant)\s+(?:[a-zà-ÿ(]|the\b)|[A-Z][a-z]{2,}ed\s+(?:by|at|that|about|with|over|to|of)\b"
PREAMBLE_OPENER = rf"(?:{_OPENER_WORDS})\b|{_GENERIC_OPENER}"
_STARTS = re.compile(rf"^\s*(?:{PREAMBLE_OPENER})")


def starts_preambular_clause(text: str) -> bool:
    """True when ``text`` opens the way a preambular paragraph does ("Noting with deep satisfaction")."""
    return bool(_STARTS.match(text))
