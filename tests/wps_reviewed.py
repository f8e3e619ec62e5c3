"""Which units of the CR-UNSC corpus carry gender language: a list decided by reading, not by the tagger.

How it was built. Every unit of the 806 files (as segmented by ``mandiff.pipeline.parse_path``) was
searched with the broad pattern ``CANDIDATE_PATTERN`` below, far wider than the lexicon (pronouns,
"Mrs", "sex", "mother", "marri", "orphan" ...). Each of the resulting 17 candidate units was read in full
and decided by a person; the decision and, for the borderline ones, the reason are recorded here.
The corpus is resolutions 1 (1946) to 899 (1994) plus 1445 and 1454 (2002), so gender language is rare.

Rules followed when deciding:
- A unit counts when its own words name women, girls, gender or sexual violence as such (what a
  PeaceWomen-style monitor would quote). A unit that refers to those acts only by anaphora
  ("Strongly condemns these acts of unspeakable brutality", S/RES/798 (1992) OP2, whose preamble
  describes the rape of women) carries no gender language of its own and is not a candidate.
- "sex" in the Charter's non-discrimination formula, a casualty count that happens to include a woman,
  a named individual who is a woman, and the pronoun "her" are not gender language.

The test (``test_tag_corpus.py``) re-runs the candidate search and fails if a candidate unit appears
that is in neither list, so a change in segmentation or in the corpus forces a new review.
"""

CANDIDATE_PATTERN = (
    r"(?i)wom[ae]n|girl|gender|sexual|\bsex(es)?\b|\brap(e|es|ed|ing)\b|mother|widow|pregnan|female|matern"
    r"|prostitut|traffick|femin|1325|\bwi(fe|ves)\b|daughter|\bher\b|\bshe\b|\bmrs\b|\bms\.|madam"
    r"|\blad(y|ies)\b|marri|orphan|\bsister|\bbrides?\b|honour killing|dowry"
)

# file name -> {label: why it is WPS language}
WPS: dict[str, dict[str, str]] = {
    "S_RES_0666_1990_EN_GOLD.txt": {
        "OP4": "borderline, counted: names expectant mothers and maternity cases among those whose particular "
        "needs get attention in humanitarian food supply (protection, particular needs of women)",
    },
    "S_RES_0798_1992_EN_GOLD.txt": {
        "PP2": "the systematic detention and rape of women (sexual violence)",
        "PP3": "demands that camps for women be closed (protection of women in detention)",
    },
    "S_RES_0808_1993_EN_GOLD.txt": {
        "PP11": "cites the EC mission into the treatment of Muslim women, i.e. the mass rapes (sexual violence)",
    },
    "S_RES_0814_1993_EN_GOLD.txt": {
        "OP2": "women named among the groups to be represented at the reconciliation conferences (participation)",
    },
    "S_RES_0819_1993_EN_GOLD.txt": {
        "PP10": "borderline, counted: singles out women among the displaced civilians (protection)",
    },
    "S_RES_0820_1993_EN_GOLD.txt": {
        "OP6": "condemns the systematic detention and rape of women (sexual violence, individual responsibility)",
    },
    "S_RES_1445_2002_EN_GOLD.txt": {
        "PP6": "gender perspective in peacekeeping, resolution 1325 (2000)",
        "OP12": "MONUC to attend to gender perspective, resolution 1325 (2000)",
        "OP19": "all parties to attend to gender, resolution 1325 (2000)",
    },
}

# Candidate units read and judged NOT to carry gender language: file name -> {label: why not}
NOT_WPS: dict[str, dict[str, str]] = {
    "S_RES_0182_1963_EN_GOLD.txt": {
        "PP10": "'without distinction as to race, sex, language or religion': the Charter's general "
        "non-discrimination formula, nothing specific to women",
    },
    "S_RES_0221_1966_EN_GOLD.txt": {"OP5": "'her' is a ship (the tanker Joanna V)"},
    "S_RES_0273_1969_EN_GOLD.txt": {
        "OP1": "a casualty count of a shelling ('seriously wounded one woman'): a fact, not gender language",
    },
    "S_RES_0282_1970_EN_GOLD.txt": {"PP3": "'she' is an OCR error for 'the'"},
    "S_RES_0554_1984_EN_GOLD.txt": {
        "PP6": "'irrespective of race, colour, sex or creed': the general non-discrimination formula",
    },
    "S_RES_0560_1985_EN_GOLD.txt": {
        "PP4": "names Mrs. Albertina Sisulu among the accused: an individual, not gender language",
    },
    "S_RES_0811_1993_EN_GOLD.txt": {"OP10": "'her disposal': the pronoun of the Special Representative"},
}


def labels(table: dict[str, dict[str, str]]) -> set[tuple[str, str]]:
    """(file name, label) pairs of a table."""
    return {(name, label) for name, units in table.items() for label in units}
