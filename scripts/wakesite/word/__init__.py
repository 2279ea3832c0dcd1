"""The town's Word document, in and out (issue 30): everything about it is in this folder.

- `model`: the guideline as Word sees it, a tree of the clauses that carry Japanese text (chapter
  and section headings, paragraphs, items, table rows), made from guideline.yml with the site's
  own loaders (errata applied: Word gets the text the site publishes) or read from a .docx;
- `docx_out`: the guideline as a .docx (A4, the source's numbering as text, Word headings, the
  edition and its dates in the header);
- `docx_in`: reads a revised .docx, refusing what it cannot read faithfully (not a .docx, a .doc or
  password-protected file, a damaged one, tracked changes or comments left in), numbering written
  as text and Word's automatic numbering (numPr) alike;
- `matching`: which clause of the document is which clause of guideline.yml (unchanged, reworded,
  moved, new, removed), the review printed before anything is written;
- `yamltext`: writes the result into guideline.yml, changing only the lines of what changed;
- `comparison_out`: the 新旧対照表 of two versions as .docx and as PDF (Chromium);
- `cli`: `python3 scripts/word.py` (export-guideline, import, comparison).

The project root is passed in (`Project`), never derived from where this code sits; the rest of
the package is used only through its loaders (guideline, errata, edition, site, comparison, render's
UI strings).
"""
