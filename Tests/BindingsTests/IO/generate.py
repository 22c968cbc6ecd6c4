"""Makes the expected output (NAME.out) of every golden serialization script NAME.py in this folder by
running it under real PyTorch (/work/venv/bin/python has torch 2.15.0):

    /work/venv/bin/python Tests/BindingsTests/IO/generate.py [NAME ...]

Each .out holds the script's stdout; when the script exits with an error, the last line of
its traceback is appended (BindingsScriptTests compares wick's output the same way).
Deterministic: scripts seed the generator and never print addresses or timings."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(path):
    proc = subprocess.run([sys.executable, "-W", "ignore", path], cwd=HERE, capture_output=True, text=True)
    out = proc.stdout
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.splitlines() if l.strip()]
        out += (lines[-1] if lines else "") + "\n"
    return out


def main():
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py") and f != "generate.py")
    for name in names:
        path = os.path.join(HERE, name + ".py")
        with open(os.path.join(HERE, name + ".out"), "w") as f:
            f.write(run(path))
        print("wrote", name + ".out")


if __name__ == "__main__":
    main()
