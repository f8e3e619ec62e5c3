"""Word drafts with tracked changes as input: read as Word shows them after Accept All (the default), or as
before the changes (--revisions reject), numbered as Word numbers them; the user is told.

The corpus has no drafts with revisions, so the drafts are built here (fictional text), with the shapes
a negotiated draft has: insertions and deletions inside paragraphs by several delegations, a whole
inserted and a whole deleted paragraph (the middle one of three numbered paragraphs), a moved paragraph,
a comment, and formatting-only changes.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from mandiff.ingest import read_bytes
from mandiff.limits import Limits
from mandiff.pipeline import parse_bytes, parse_raw
from render_docs import docx_with_parts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2031-05-02T10:00:00Z"
A, B, C = "Delegation A", "Delegation B", "Delegation C"


def _run(text: str, deleted: bool = False, props: str = "") -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{props}<{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _change(kind: str, author: str, ident: int, text: str) -> str:
    return f'<w:{kind} w:id="{ident}" w:author="{author}" w:date="{DATE}">{_run(text, kind in ("del", "moveFrom"))}</w:{kind}>'


class Draft:
    """A document.xml written paragraph by paragraph; revision ids counted so that each is unique."""

    def __init__(self):
        self.body: list[str] = []
        self.ident = 100

    def next_id(self) -> int:
        self.ident += 1
        return self.ident

    def para(self, *pieces, numbered: bool = False, mark: tuple[str, str] | None = None, ppr_extra: str = "",
             before: str = "", after: str = "") -> None:
        """``pieces``: plain strings, or (kind, author, text) for a tracked change."""
        ppr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else ""
        ppr += ppr_extra
        if mark:
            ppr += f'<w:rPr><w:{mark[0]} w:id="{self.next_id()}" w:author="{mark[1]}" w:date="{DATE}"/></w:rPr>'
        runs = "".join(_run(p) if isinstance(p, str) else _change(p[0], p[1], self.next_id(), p[2]) for p in pieces)
        self.body.append(f"<w:p><w:pPr>{ppr}</w:pPr>{before}{runs}{after}</w:p>")

    def docx(self) -> bytes:
        document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
                    + "".join(self.body) + "</w:body></w:document>").encode("utf-8")
        numbering = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                     '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                     '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode("utf-8")
        comments = (f'<w:comments xmlns:w="{W_NS}"><w:comment w:id="7" w:author="{C}" w:date="{DATE}"><w:p><w:r>'
                    "<w:t>Decides that this comment is never a paragraph;</w:t></w:r></w:p></w:comment></w:comments>").encode("utf-8")
        return docx_with_parts({"[Content_Types].xml": b"<Types/>", "word/document.xml": document,
                                "word/numbering.xml": numbering, "word/comments.xml": comments})


def negotiated_draft() -> bytes:
    d = Draft()
    d.para("The Security Council,")
    d.para("Recalling its resolution 1325 (2000)", ("ins", B, " and all subsequent resolutions"), " on women and peace and security,")
    d.para(("del", A, "Deeply concerned by the violence against women in the east,"), mark=("del", A))
    d.para(("ins", B, "Welcoming the peace agreement signed by the parties,"), mark=("ins", B))
    d.para("Decides to extend the mandate of the Mission until 31 March ", ("del", A, "2031"), ("ins", A, "2032"), ";",
           numbered=True)
    d.para(("del", A, "Requests the Secretary-General to report monthly;"), numbered=True, mark=("del", A))
    d.para("Calls upon all parties to ensure the ", ("del", C, "full, equal and meaningful "),
           "participation of women in the peace process;", numbered=True,
           before='<w:commentRangeStart w:id="7"/>',
           after=f'<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'
                 f'<w:r><w:rPr><w:b/><w:rPrChange w:id="{d.next_id()}" w:author="{B}" w:date="{DATE}"><w:rPr/>'
                 '</w:rPrChange></w:rPr><w:t xml:space="preserve"> </w:t></w:r>')
    d.para(("moveFrom", B, "Encourages the Mission to deploy gender advisers;"), numbered=True, mark=("moveFrom", B),
           before='<w:moveFromRangeStart w:id="300" w:author="Delegation B" w:date="2031-05-02T10:00:00Z" w:name="m1"/>',
           after='<w:moveFromRangeEnd w:id="300"/>')
    d.para("Stresses the importance of accountability for sexual violence;", numbered=True,
           ppr_extra=f'<w:jc w:val="both"/><w:pPrChange w:id="{d.next_id()}" w:author="{A}" w:date="{DATE}">'
                     '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange>')
    d.para(("moveTo", B, "Encourages the Mission to deploy gender advisers;"), numbered=True, mark=("moveTo", B),
           before='<w:moveToRangeStart w:id="301" w:author="Delegation B" w:date="2031-05-02T10:00:00Z" w:name="m1"/>',
           after='<w:moveToRangeEnd w:id="301"/>')
    d.para(("ins", C, "Decides to remain seized of the matter."), numbered=True, mark=("ins", C))
    return d.docx()


ACCEPTED = [
    ("PP1", "Recalling its resolution 1325 (2000) and all subsequent resolutions on women and peace and security,"),
    ("PP2", "Welcoming the peace agreement signed by the parties,"),
    ("OP1", "Decides to extend the mandate of the Mission until 31 March 2032;"),
    ("OP2", "Calls upon all parties to ensure the participation of women in the peace process;"),
    ("OP3", "Stresses the importance of accountability for sexual violence;"),
    ("OP4", "Encourages the Mission to deploy gender advisers;"),
    ("OP5", "Decides to remain seized of the matter."),
]
REJECTED = [
    ("PP1", "Recalling its resolution 1325 (2000) on women and peace and security,"),
    ("PP2", "Deeply concerned by the violence against women in the east,"),
    ("OP1", "Decides to extend the mandate of the Mission until 31 March 2031;"),
    ("OP2", "Requests the Secretary-General to report monthly;"),
    ("OP3", "Calls upon all parties to ensure the full, equal and meaningful participation of women in the peace process;"),
    ("OP4", "Encourages the Mission to deploy gender advisers;"),
    ("OP5", "Stresses the importance of accountability for sexual violence;"),
]
# P1 insertion; P2 deleted paragraph (text and mark: one change); P3 inserted paragraph; P4 a deletion and an
# insertion; P5 deleted paragraph; P6 a deletion and a formatting change; P7 moved from; P8 a paragraph
# formatting change; P9 moved to; P10 inserted paragraph
NOTICE = ("the draft has 12 tracked changes by 3 authors (Delegation B, Delegation A, Delegation C); "
          "read as accepted (--revisions reject reads it as before them)")


def _units(resolution):
    return [(p.label, p.text) for p in resolution.paragraphs]


def test_accepted_reading_is_what_word_shows_after_accept_all():
    resolution = parse_bytes(negotiated_draft(), "draft.docx")
    assert _units(resolution) == ACCEPTED
    assert [(w.code, w.message) for w in resolution.warnings] == [("revisions", NOTICE)]


def test_rejected_reading_is_the_draft_before_the_changes():
    resolution = parse_bytes(negotiated_draft(), "draft.docx", Limits(revisions="reject"))
    assert _units(resolution) == REJECTED
    assert resolution.warnings[0].message.endswith("; read as before them (--revisions reject)")


def test_deleted_and_moved_paragraphs_take_no_number_and_deleted_text_never_leaks():
    raw = read_bytes(negotiated_draft(), "draft.docx")
    numbers = [line.split()[0] for line in raw.text.split("\n\n") if line[:1].isdigit()]
    assert numbers == ["1.", "2.", "3.", "4.", "5."]  # not 1, 3, 4 ... as when deleted marks kept their place
    for gone in ("Deeply concerned", "report monthly", "2031", "full, equal", "this comment"):
        assert gone not in raw.text
    rejected = read_bytes(negotiated_draft(), "draft.docx", Limits(revisions="reject")).text
    for gone in ("Welcoming the peace", "2032", "remain seized", "subsequent", "this comment"):
        assert gone not in rejected


def test_a_draft_without_revisions_says_nothing():
    d = Draft()
    d.para("The Security Council,")
    d.para("Recalling its resolutions,")
    d.para("Decides to remain seized of the matter.", numbered=True)
    resolution = parse_bytes(d.docx(), "clean.docx")
    assert _units(resolution) == [("PP1", "Recalling its resolutions,"), ("OP1", "Decides to remain seized of the matter.")]
    assert resolution.warnings == ()


def test_three_numbered_paragraphs_the_middle_deleted_with_its_mark():
    """The issue's own example: Word and LibreOffice say 1, 2 after Accept All; 1, 2, 3 before."""
    d = Draft()
    d.para("The Security Council,")
    d.para("Decides to act;", numbered=True)
    d.para(("del", A, "Requests a report;"), numbered=True, mark=("del", A))
    d.para("Decides to remain seized of the matter.", numbered=True)
    assert _units(parse_bytes(d.docx(), "d.docx")) == [("OP1", "Decides to act;"), ("OP2", "Decides to remain seized of the matter.")]
    assert _units(parse_bytes(d.docx(), "d.docx", Limits(revisions="reject"))) == [
        ("OP1", "Decides to act;"), ("OP2", "Requests a report;"), ("OP3", "Decides to remain seized of the matter.")]


def test_a_merge_by_a_deleted_mark_keeps_the_words_apart():
    """Two paragraphs joined by deleting the first one's mark read as one paragraph, with the number of
    the mark that survives."""
    d = Draft()
    d.para("The Security Council,")
    d.para("Decides to act", ("del", A, ";"), ("ins", A, " and "), numbered=True, mark=("del", A))
    d.para(("del", A, "Requests"), ("ins", A, "requests"), " a report;", numbered=True)
    assert _units(parse_bytes(d.docx(), "d.docx")) == [("OP1", "Decides to act and requests a report;")]
    assert _units(parse_bytes(d.docx(), "d.docx", Limits(revisions="reject"))) == [
        ("OP1", "Decides to act;"), ("OP2", "Requests a report;")]


def test_the_redline_mandiff_writes_reads_back_both_ways(tmp_path):
    """Word in, Word out: mandiff's own redline, read as a draft, gives NEW accepted and OLD rejected."""
    from conftest import EXAMPLES
    from mandiff.compare import compare
    from mandiff.pipeline import parse_path
    from mandiff.render.docx_redline import render_diff_docx

    old = parse_path(str(EXAMPLES / "S-RES-9901-2031-fictional.txt"))
    new = parse_path(str(EXAMPLES / "S-RES-9950-2032-fictional.txt"))
    data = render_diff_docx(compare(old, new))
    for side, expected in (("accept", new), ("reject", old)):
        raw = read_bytes(data, "redline.docx", Limits(revisions=side))
        body = raw.text[raw.text.index("The Security Council,"):]
        read = parse_raw(type(raw)(text=body, format="docx", name="redline.docx", hints=raw.hints))
        assert [(p.label, p.text) for p in read.paragraphs] == [(p.label, p.text) for p in expected.paragraphs], side
        assert read.warnings[0].code == "revisions"


def test_cli_warns_and_reads_the_side_asked_for(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(negotiated_draft())
    done = subprocess.run([sys.executable, "-m", "mandiff", "parse", str(path)], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stderr.splitlines() == [f"mandiff: warning: {NOTICE}"]
    assert "OP5  Decides to remain seized of the matter." in done.stdout
    rejected = subprocess.run([sys.executable, "-m", "mandiff", "parse", str(path), "--revisions", "reject"],
                              capture_output=True, text=True)
    assert "report monthly" in rejected.stdout and "remain seized" not in rejected.stdout
    wrong = subprocess.run([sys.executable, "-m", "mandiff", "parse", str(path), "--revisions", "maybe"],
                           capture_output=True, text=True)
    assert wrong.returncode == 2


@pytest.mark.parametrize("side", ["accept", "reject"])
def test_library_refuses_an_unknown_side(side):
    from mandiff.errors import InputError

    read_bytes(negotiated_draft(), "d.docx", Limits(revisions=side))
    with pytest.raises(InputError):
        read_bytes(negotiated_draft(), "d.docx", Limits(revisions=side + "ed"))


# ---- mandiff revisions: the draft's own changes ------------------------------------------------


def test_revisions_lists_each_change_by_unit_author_and_wps(tmp_path):
    from mandiff.draft_changes import draft_changes

    path = tmp_path / "draft.docx"
    path.write_bytes(negotiated_draft())
    sentences = [c.sentence() for c in draft_changes(str(path)).changes]
    assert sentences == [
        "Delegation B proposes to insert 'and all subsequent resolutions' in PP 1",
        "Delegation A proposes to delete 'Deeply concerned by the violence against women in the east,' in PP 2 [WPS: sexual violence]",
        "Delegation B proposes to insert 'Welcoming the peace agreement signed by the parties,' in PP 2",
        "Delegation A proposes to delete '2031' in OP 1",
        "Delegation A proposes to insert '2032' in OP 1",
        "Delegation A proposes to delete 'Requests the Secretary-General to report monthly;' in OP 2",
        "Delegation C proposes to delete 'full, equal and meaningful' in OP 3 [WPS: participation]",
        "Delegation B proposes a formatting change in OP 2",
        "Delegation B proposes to move 'Encourages the Mission to deploy gender advisers;' from OP 4 [WPS: gender expertise]",
        "Delegation A proposes a formatting change in OP 3",
        "Delegation B proposes to move 'Encourages the Mission to deploy gender advisers;' to OP 4 [WPS: gender expertise]",
        "Delegation C proposes to insert 'Decides to remain seized of the matter.' in OP 5",
    ]
    done = subprocess.run([sys.executable, "-m", "mandiff", "revisions", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.splitlines()[-len(sentences):] == sentences
    as_json = subprocess.run([sys.executable, "-m", "mandiff", "revisions", str(path), "--format", "json"],
                             capture_output=True, text=True)
    import json

    changes = json.loads(as_json.stdout)["changes"]
    assert changes[6] == {"author": C, "kind": "deletion", "text": "full, equal and meaningful ", "label": "OP3",
                          "wps": ["participation"]}


def test_revisions_of_mandiffs_own_redline_name_its_units(monkeypatch):
    """The redline of the fictional pair read as a draft: 'Requests' became 'Encourages' in OP 4 is there."""
    from conftest import EXAMPLES
    from mandiff.compare import compare
    from mandiff.draft_changes import draft_changes
    from mandiff.pipeline import parse_path
    from mandiff.render.docx_redline import render_diff_docx

    import tempfile
    from pathlib import Path

    data = render_diff_docx(compare(parse_path(str(EXAMPLES / "S-RES-9901-2031-fictional.txt")),
                                    parse_path(str(EXAMPLES / "S-RES-9950-2032-fictional.txt"))))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "redline.docx"
        path.write_bytes(data)
        sentences = [c.sentence() for c in draft_changes(str(path)).changes]
    assert "mandiff proposes to delete 'Requests' in OP 4" in sentences  # the verb: no WPS term in it
    assert "mandiff proposes to insert 'Encourages' in OP 4" in sentences
    assert "mandiff proposes to delete ', including on the participation of women' in OP 10 [WPS: participation]" in sentences
    assert "mandiff proposes to delete ', and further requests him' in OP 5" in sentences
    assert "mandiff proposes to insert '6. Further requests the Secretary-General' in OP 6" in sentences
    assert all(s.startswith("mandiff proposes") and "could not place" not in s for s in sentences)


def test_revisions_json_is_the_documented_contract(tmp_path):
    from mandiff.draft_changes import draft_changes
    from test_contracts import _documented, _shape_differences

    path = tmp_path / "draft.docx"
    path.write_bytes(negotiated_draft())
    assert _shape_differences(_documented("revisions"), draft_changes(str(path)).to_json()) == []
