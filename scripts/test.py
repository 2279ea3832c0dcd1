"""Set everything up on a fresh machine (Python packages, Chromium, fonts, poppler), then run
the whole test suite: unit, build and browser tests.

    python3 scripts/test.py [extra pytest options]
"""
import sys

import devenv


def main() -> int:
    try:
        devenv.ensure_python_env()
        devenv.ensure_system_packages()
    except devenv.SetupError as error:
        print(f"scripts/test.py: {error}", file=sys.stderr)
        return 2
    return devenv.run_in_venv(["python", "-m", "pytest", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
