"""Makes the expected output (NAME.out) of every golden script NAME.py in one of this folder's
script folders (Scripts, NN, Functional, Train, IO, Summary) by running it under real PyTorch
(/work/venv/bin/python has torch 2.15.0, torchvision and torchsummary):

    /work/venv/bin/python Tests/BindingsTests/generate.py FOLDER [NAME ...]

Each .out holds the script's stdout; when the script exits with an error, the last line of
its traceback is appended (the Swift runners compare wick's output the same way).
Deterministic: scripts seed the generator and never print addresses or timings."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(folder, path):
    proc = subprocess.run([sys.executable, "-W", "ignore", path], cwd=folder, capture_output=True, text=True)
    out = proc.stdout
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.splitlines() if l.strip()]
        out += (lines[-1] if lines else "") + "\n"
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = os.path.join(HERE, sys.argv[1])
    names = sys.argv[2:] or sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py"))
    for name in names:
        with open(os.path.join(folder, name + ".out"), "w") as f:
            f.write(run(folder, os.path.join(folder, name + ".py")))
        print("wrote", os.path.join(sys.argv[1], name + ".out"))


if __name__ == "__main__":
    main()
