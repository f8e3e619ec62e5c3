"""Run by the system's python3 (it has LibreOffice's `uno`), not the project's: open each .docx of a
folder in a headless LibreOffice, Accept All (then, from the file again, Reject All) and write what
LibreOffice then has, paragraph by paragraph (style name and text), to RESULTS.json.

    /usr/bin/python3 benchmarks/lo_accept_reject.py FOLDER RESULTS.json

Called by benchmarks/redline_libreoffice.py; the revisions are applied by LibreOffice's own commands
(.uno:AcceptAllTrackedChanges / .uno:RejectAllTrackedChanges), not by mandiff's code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not answer")


def _paragraphs(doc) -> list[list[str]]:
    out = []
    enum = doc.Text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append([element.ParaStyleName, element.getString()])
    return out


def main() -> int:
    folder, results = Path(sys.argv[1]), Path(sys.argv[2])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pipe = f"mandiff_{os.getpid()}"
    profile = tempfile.mkdtemp(prefix="mandiff-lo-profile-")
    process = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo",
                                f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {}
    try:
        ctx = _connect(pipe)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for path in sorted(folder.glob("*.docx")):
            out[path.name] = {}
            for side, command in (("new", ".uno:AcceptAllTrackedChanges"), ("old", ".uno:RejectAllTrackedChanges")):
                doc = desktop.loadComponentFromURL(path.resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),))
                frame = doc.getCurrentController().getFrame()
                out[path.name]["redlines"] = doc.Redlines.Count if hasattr(doc, "Redlines") else None
                dispatcher.executeDispatch(frame, command, "", 0, ())
                out[path.name][side] = _paragraphs(doc)
                doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)
    results.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
