"""The Akoma Ntoso (AKN4UN) reader, and the XML hardening it shares with the DOCX and HTML readers."""

from __future__ import annotations

import pytest

from conftest import corpus_file
from mandiff.errors import FormatError
from mandiff.ingest import read_bytes
from mandiff.pipeline import parse_bytes, parse_path
from render_docs import render_akn, resolution_units, spec_from_resolution

ROUND_TRIP = ["1445_2002", "0798_1992", "0820_1993", "0161_1961"]


@pytest.mark.parametrize("namespaced", [True, False])
@pytest.mark.parametrize("name", ROUND_TRIP)
def test_akn_gives_the_same_units_as_the_text(name, namespaced, tmp_path):
    reference = parse_path(str(corpus_file(name)))
    path = tmp_path / f"S_RES_{name}.xml"
    path.write_bytes(render_akn(spec_from_resolution(reference), namespaced=namespaced))
    from_akn = parse_path(str(path))
    assert resolution_units(from_akn) == resolution_units(reference)
    assert (from_akn.symbol, from_akn.date, from_akn.footnotes) == (reference.symbol, reference.date, reference.footnotes)


# A fictional resolution written by hand in the AKN4UN shape (not derived from any real text).
FICTIONAL = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta>
      <identification source="#test">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/deliberation/unsc/2031-06-28/9901/!main"/>
          <FRBRalias value="S/RES/9901 (2031)" name="symbol"/>
          <FRBRdate date="2031-06-28" name="adoption"/>
          <FRBRnumber value="9901"/>
        </FRBRWork>
        <FRBRExpression><FRBRlanguage language="fra"/></FRBRExpression>
      </identification>
      <notes source="#test"><note eId="n1"><p>S/2031/100.</p></note></notes>
    </meta>
    <preface>
      <p class="symbol"><docNumber>S/RES/9901 (2031)</docNumber></p>
      <p><docTitle>Resolution 9901 (2031)</docTitle></p>
      <p>Adopted by the Security Council at its 9990th meeting, on <docDate date="2031-06-28">28 June 2031</docDate></p>
    </preface>
    <preamble>
      <formula name="enactingFormula"><p>The Security Council,</p></formula>
      <container name="pp"><p><i>Recalling</i> its resolution 1325 (2000)<authorialNote marker="1"><p>S/RES/1325 (2000).</p></authorialNote>
        on women and peace and security,</p></container>
      <blockContainer><p><i>Noting</i> the report of the Secretary-General<noteRef href="#n1"/>,</p></blockContainer>
    </preamble>
    <mainBody>
      <paragraph eId="para_1"><num>1.</num><content><p><i>Decides</i> to extend the mandate of the fictional mission;</p></content></paragraph>
      <hcontainer name="crossHeading"><heading>Mandate of the fictional mission</heading></hcontainer>
      <paragraph eId="para_2"><num>2.</num>
        <intro><p><i>Decides</i> that the mandate shall include the following tasks:</p></intro>
        <point eId="para_2__point_a"><num>(a)</num><heading>Protection of civilians</heading>
          <point eId="para_2__point_a__point_i"><num>(i)</num><content><p>To provide specific protection for women and children;</p></content></point>
          <point eId="para_2__point_a__point_ii"><num>(ii)</num><content><p>To support survivors of sexual violence;</p></content></point>
        </point>
        <point eId="para_2__point_b"><num>(b)</num><content><p>Support to the political process;</p></content></point>
      </paragraph>
      <paragraph eId="para_3"><num>3.</num>
        <list><intro><p><i>Urges</i> the parties to:</p></intro>
          <indent><num>–</num><content><p>hold a workshop with women's organizations;</p></content></indent>
          <indent><num>–</num><content><p>meet the 30 per cent quota;</p></content></indent>
        </list>
      </paragraph>
      <paragraph eId="para_4"><num>4.</num><content><p><i>Decides</i> to remain seized of the matter.</p></content></paragraph>
    </mainBody>
  </statement>
</akomaNtoso>
"""


def test_a_hand_written_akn4un_resolution():
    raw = read_bytes(FICTIONAL.encode("utf-8"), "9901.xml")
    assert raw.format == "akn"
    assert raw.text.strip().split("\n\n") == [
        "S/RES/9901 (2031)",
        "Resolution 9901 (2031)",
        "Adopted by the Security Council at its 9990th meeting, on 28 June 2031",
        "The Security Council,",
        "Recalling its resolution 1325 (2000) on women and peace and security,",
        "Noting the report of the Secretary-General,",
        "1. Decides to extend the mandate of the fictional mission;",
        "Mandate of the fictional mission",
        "2. Decides that the mandate shall include the following tasks:",
        "(a) Protection of civilians",
        "(i) To provide specific protection for women and children;",
        "(ii) To support survivors of sexual violence;",
        "(b) Support to the political process;",
        "3. Urges the parties to:",
        "\u2013 hold a workshop with women's organizations;",
        "\u2013 meet the 30 per cent quota;",
        "4. Decides to remain seized of the matter.",
    ]
    assert raw.hints["symbol"] == "S/RES/9901 (2031)"
    assert raw.hints["date"] == "2031-06-28"
    assert raw.hints["language"] == "fr"
    assert raw.hints["footnotes"] == ["S/RES/1325 (2000).", "S/2031/100."]


def test_the_hand_written_resolution_segments():
    resolution = parse_bytes(FICTIONAL.encode("utf-8"), "9901.xml")
    assert resolution.labels == (
        "PP1", "PP2", "OP1", "OP2", "OP2(a)", "OP2(a)(i)", "OP2(a)(ii)", "OP2(b)", "OP3", "OP3-1", "OP3-2", "OP4",
    )
    assert resolution.get("OP2").section == "Mandate of the fictional mission"
    assert resolution.symbol == "S/RES/9901 (2031)"


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<akomaNtoso><statement><preamble><p>&secret;</p></preamble></statement></akomaNtoso>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<akomaNtoso><statement><preamble><p>&lol9;</p></preamble></statement></akomaNtoso>"""


@pytest.mark.parametrize("data", [XXE, BILLION_LAUGHS, XXE.decode("ascii").replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")])
def test_entity_declarations_are_refused(data):
    with pytest.raises(FormatError) as info:
        read_bytes(data, "hostile.xml")
    assert info.value.message == "XML with entity declarations refused"


def test_xml_that_is_not_akoma_ntoso_is_refused():
    with pytest.raises(FormatError) as info:
        read_bytes(b'<?xml version="1.0"?><rss><channel/></rss>', "feed.xml")
    assert info.value.message == "not an Akoma Ntoso document: the root element is <rss>"


def test_malformed_xml_is_refused_in_one_line():
    with pytest.raises(FormatError) as info:
        read_bytes(b'<?xml version="1.0"?><akomaNtoso><statement><p>unclosed</statement>', "bad.xml")
    assert info.value.message.startswith("damaged XML: ")
    assert "\n" not in info.value.message
