"""WPS assessment: the operative-verb scale, qualifiers, promotion and demotion, terms lost or gained."""

from __future__ import annotations

from mandiff.assess import assess_texts, leading_verb, qualifiers
from mandiff.model import Tag

W = (Tag("participation", "women", 0, 5),)


def test_leading_verb_skips_adverbs_and_reads_two_word_verbs():
    assert leading_verb("Further requests the Secretary-General") == ("requests", 4)
    assert leading_verb("Calls upon all parties") == ("Calls upon", 4)
    assert leading_verb("Takes note of the report") == ("Takes note", 1)
    assert leading_verb("Stresses the importance") is None


def test_qualifiers_count_the_longest_phrase_first():
    assert qualifiers("the full, effective and meaningful participation and full support") == {
        "full, effective and meaningful": 1,
        "full": 1,
    }


def test_verb_down_the_scale_weakens():
    cls, reasons = assess_texts("Requests the parties to include women;", "Encourages the parties to include women;", "operative", "operative", W, W)
    assert (cls, reasons) == ("weakened", ("'Requests' became 'Encourages'",))


def test_verb_up_the_scale_strengthens():
    cls, _ = assess_texts("Encourages the parties to include women;", "Decides that the parties shall include women;", "operative", "operative", W, W)
    assert cls == "strengthened"


def test_losing_qualifiers_weakens():
    cls, reasons = assess_texts(
        "Calls upon the parties to ensure the full, effective and meaningful participation of women;",
        "Calls upon the parties to ensure the participation of women;",
        "operative", "operative", W, W,
    )
    assert cls == "weakened"
    assert reasons == ("removed 'full, effective and meaningful'",)


def test_promotion_strengthens_and_demotion_weakens():
    assert assess_texts("Stressing women,", "Stresses women;", "preambular", "operative", W, W)[0] == "strengthened"
    assert assess_texts("Stresses women;", "Stressing women,", "operative", "preambular", W, W)[0] == "weakened"


def test_french_verbs_and_qualifiers():
    """The French texts of the same resolutions: "Demande" (calls upon) to "Encourage" weakens, "Prie"
    (requests) to "Décide" strengthens, and losing "pleine, égale et véritable" weakens."""
    assert leading_verb("Décide de proroger le mandat") == ("Décide", 7)
    assert leading_verb("Prend note du rapport") == ("Prend note", 1)
    assert leading_verb("Se félicite des progrès") == ("Se félicite", 1)
    femmes = (Tag("participation", "femmes", 0, 6),)
    cls, reasons = assess_texts(
        "Demande aux parties d'assurer la participation pleine, égale et véritable des femmes;",
        "Encourage les parties à assurer la participation des femmes;",
        "operative", "operative", femmes, femmes,
    )
    assert cls == "weakened"
    assert reasons == ("'Demande' became 'Encourage'", "removed 'pleine, égale et véritable'")
    assert assess_texts("Prie la Mission d'appuyer les femmes;", "Décide que la Mission appuie les femmes;",
                        "operative", "operative", femmes, femmes)[0] == "strengthened"


def test_terms_lost_and_gained():
    assert assess_texts("Report on women;", "Report;", "operative", "operative", W, ())[0] == "removed-from"
    assert assess_texts("Report;", "Report on women;", "operative", "operative", (), W)[0] == "added-to"
    assert assess_texts("Report;", "Report now;", "operative", "operative", (), ()) == (None, ())
    assert assess_texts("Report on women;", "Report on women;", "operative", "operative", W, W) == ("retained", ())
