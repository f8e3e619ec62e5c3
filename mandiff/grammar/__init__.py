"""How the Security Council writes, decided once: numbering, labels, clause openers, dates.

Every reader, the segmenter, the checklist reader and the renderers ask these modules rather than
keeping a rule of their own, so that "is (i) a letter or a roman numeral?" or "does 'Recalling' open a
preambular paragraph?" has one answer, and a new convention is added in one place:

- ``numbering``: paragraph and sub-paragraph markers ("28.", "(c)", "(iii)", "–"), roman numerals and
  letters, and which reading of an ambiguous marker is meant;
- ``labels``: the citation labels people write (PP3, OP28(c)(iii), A:OP3), parsed and printed;
- ``clauses``: how preambular and operative clauses open (word lists in ``data/drafting.toml``);
- ``dates``: month names in English and French, adoption dates, meeting ordinals.
"""
