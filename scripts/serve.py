"""Set everything up on a fresh machine, then serve the site on http://127.0.0.1:8000 with live reload.

    python3 scripts/serve.py [extra mkdocs serve options]
    WAKESITE_ENGINE=properdocs python3 scripts/serve.py   # served by ProperDocs
"""
import sys

import devenv


def main() -> int:
    try:
        command = devenv.engine_command("python")  # WAKESITE_ENGINE=properdocs serves with ProperDocs
        devenv.ensure_python_env()
    except devenv.SetupError as error:
        print(f"scripts/serve.py: {error}", file=sys.stderr)
        return 2
    return devenv.run_in_venv([*command, "serve", "--dev-addr", "127.0.0.1:8000", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
