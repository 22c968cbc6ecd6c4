#!/usr/bin/env python3
"""Writes NAME.out next to every NAME.py in this folder by running it under CPython 3.11.

Files named helper_* are modules that other scripts import; they are not run on their own.
The expected output is the script's stdout; when the script ends in an uncaught exception,
the last line of the traceback (e.g. `ZeroDivisionError: division by zero`) is appended.
Run from anywhere: python3 Tests/Conformance/generate.py [NAME.py ...]
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def expected_output(path):
    proc = subprocess.run([sys.executable, os.path.basename(path)], cwd=os.path.dirname(path),
                          capture_output=True, text=True, timeout=60)
    out = proc.stdout
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.splitlines() if l.strip()]
        out += (lines[-1] if lines else "") + "\n"
    return out


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("generate.py must run under CPython 3.11")
    names = sys.argv[1:] or sorted(f for f in os.listdir(HERE)
                                   if f.endswith(".py") and f != "generate.py" and not f.startswith("helper_"))
    for name in names:
        path = os.path.join(HERE, os.path.basename(name))
        with open(path[:-3] + ".out", "w") as f:
            f.write(expected_output(path))
    print(f"wrote {len(names)} expected outputs")


if __name__ == "__main__":
    main()
