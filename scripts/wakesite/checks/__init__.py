"""Checkers of a built site or a published branch: they read what the build wrote, never the data.

- `published`: what a build or a release publishes (file kinds, one-page PDFs, self-links, the
  profile links); run by the build (wakesite.plugin) and by scripts/release.py;
- `linkcheck`: every link and anchor of a built site (used by `published` and the tests);
- `sitecheck`: pages and required sections of a built site (the tests).
"""
