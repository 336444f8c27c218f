"""Reads scrollbuild's packages with the tools their readers trust, and prints what they
found as JSON for the Swift tests (PackageValidationTests) to check. Runs with the
Python of .build/venv (make setup installs pypdf, anki and pyslet there).

    package_checks.py pdf FILE           pdftotext's text, pypdf's outline, the contents page
    package_checks.py anki FILE...       imports each deck in turn into one new collection
    package_checks.py cartridge FILE     pyslet reads the package
    package_checks.py sqlite FILE        the SQLite catalog's schema version and row counts
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def pdf(path):
    from pypdf import PdfReader
    reader = PdfReader(path)
    outline = []
    for entry in reader.outline:
        if isinstance(entry, list):  # the chapter's own headings, nested under it
            continue
        outline.append({"title": entry.title, "page": reader.get_destination_page_number(entry) + 1})
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=True).stdout.decode()
    pages = text.split("\f")
    contents = []
    for number, page in enumerate(pages, 1):
        if page.lstrip().startswith("Contents"):
            layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(number), "-l", str(number), path, "-"],
                                    capture_output=True, check=True).stdout.decode()
            for line in layout.splitlines():
                match = re.match(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line)
                if match:
                    contents.append({"title": match.group(1).strip(), "page": int(match.group(2))})
            break
    print(json.dumps({"pages": len(reader.pages), "outline": outline, "contents": contents,
                      "text": " ".join(text.split())}))


def anki(paths):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    folder = tempfile.mkdtemp()
    collection = Collection(os.path.join(folder, "collection.anki2"))
    results = []
    for path in paths:
        request = ImportAnkiPackageRequest(package_path=os.path.abspath(path),
                                           options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False))
        log = collection.import_anki_package(request).log
        notes = {}
        for note_id in collection.find_notes(""):
            note = collection.get_note(note_id)
            notes[note.guid] = {"type": note.note_type()["name"], "first": note.fields[0]}
        results.append({"new": len(log.new), "updated": len(log.updated), "duplicate": len(log.duplicate),
                        "conflicting": len(log.conflicting), "notes": collection.note_count(),
                        "cards": collection.card_count(), "decks": sorted(d.name for d in collection.decks.all_names_and_ids()),
                        "by_guid": notes})
    collection.close()
    print(json.dumps(results))


def cartridge(path):
    from pyslet.imscc_profilev1p1 import CommonCartridge
    from pyslet.imsqtiv1p2p1 import QTIDocument
    cc = CommonCartridge(path)
    try:
        found = {"webcontent": len(cc.cwcList), "assessments": []}
        for resource in cc.cp.manifest.root.Resources.Resource:
            if resource.id not in cc.laoTable:
                continue
            file = resource.File[0]
            document = QTIDocument(baseURI=str(file.resolve_uri(file.href)))
            document.read()
            assessment = document.root.Assessment
            items = [item for section in assessment.SectionMixin for item in section.SectionItemMixin]
            # An item's correct answer: the response its scoring gives 100 for.
            correct = sum(1 for item in items for processing in item.ResProcessing for condition in processing.ConditionMixin
                          if any(var.get_value().strip() == "100" for var in getattr(condition, "SetVar", [])))
            feedback = sum(1 for item in items if item.ItemFeedback)
            found["assessments"].append({"type": resource.type, "href": resource.href, "files": len(resource.File),
                                         "title": assessment.title, "items": len(items), "scored": correct,
                                         "feedback": feedback})
        print(json.dumps(found))
    finally:
        cc.close()


def sqlite(path):
    import sqlite3
    db = sqlite3.connect(path)
    counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    per_course = dict(db.execute("SELECT course_id, count(*) FROM modules GROUP BY course_id"))
    print(json.dumps({"version": db.execute("SELECT version FROM schema_version").fetchone()[0], "rows": counts,
                      "modules": per_course}))


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    {"pdf": lambda: pdf(arguments[0]), "anki": lambda: anki(arguments),
     "cartridge": lambda: cartridge(arguments[0]), "sqlite": lambda: sqlite(arguments[0])}[command]()
