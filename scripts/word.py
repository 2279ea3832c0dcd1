"""The town's Word document in and out (wakesite.word): set up, then run in the project's .venv.

    python3 scripts/word.py export-guideline guideline.docx
    python3 scripts/word.py import revised.docx [--dry-run]
    python3 scripts/word.py comparison --from 1.0 --to worktree 新旧対照表.docx   (and 新旧対照表.pdf)
"""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project this script belongs to: given to the package


def _in_venv_or_reexec() -> None:
    """Run under the project's .venv (python-docx, Playwright), set up first if needed."""
    try:
        import docx  # noqa: F401
        import playwright  # noqa: F401
        import wakesite  # noqa: F401
        return
    except ImportError:
        pass
    import devenv  # scripts/ is on the path: Python puts a script's own directory there

    try:
        devenv.ensure_python_env()
    except devenv.SetupError as error:
        print(f"scripts/word.py: {error}", file=sys.stderr)
        sys.exit(2)
    python = str(devenv.venv_python())
    os.execv(python, [python, str(Path(__file__).resolve()), *sys.argv[1:]])


if __name__ == "__main__":
    _in_venv_or_reexec()
    from wakesite.word.cli import main

    sys.exit(main(sys.argv[1:], ROOT))
