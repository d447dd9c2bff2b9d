#!/usr/bin/python3
"""Make the sinusoidal-boundary fixtures in tests/fixtures/sinusoid/ (issue 16, item 1).

Sec. 11 of the appendix of Montufar, Pascanu, Cho and Bengio 2014 (the experiment behind Fig. 1 of the main
text): a shallow rectifier MLP with one hidden layer of 20 units and a deep one with two hidden layers of 10
units, trained on the same synthetic two-class data whose classes are separated by a sinusoid; the paper
keeps the best of several runs and reports 123 misclassified examples for the shallow net, 24 for the deep.

Run with Debian's packages and interpreter (a virtualenv or pyenv python3 does not see them):

    apt-get install -y python3-torch python3-onnx
    /usr/bin/python3 tools/sinusoid/make.py            # writes tests/fixtures/sinusoid/
    /usr/bin/python3 tools/sinusoid/make.py --out DIR  # writes elsewhere (e.g. to compare)

The data (all constants below):
    N = 2000 points, x = (x0, x1) drawn uniformly from the box [-1, 1]^2 by numpy.random.RandomState(SEED),
    rounded to float32; label 1 when x1 > AMPLITUDE * sin(2 pi FREQUENCY x0), else 0 (two periods of a sine of
    amplitude 0.5 across the box). No noise: the classes are separable by the sinusoid itself.

The networks (one output, a logit: class 1 where it is > 0):
    shallow  2 -> 20 -> 1, ReLU
    deep     2 -> 10 -> 10 -> 1, ReLU
trained on all N points (the paper reports training errors too) by full-batch Adam on the logistic loss
(BCEWithLogits): STEPS steps at lr 0.01, then FINE_STEPS at lr 0.001. The paper used a conjugate natural
gradient "to minimize the effect of optimization"; we use restarts instead: each network is trained from
RESTARTS seeds (SEED + 1 .. SEED + RESTARTS, torch.manual_seed before it is built) and the run with the
fewest misclassified training points is kept (ties: the lower loss), as the paper plots the best of
several runs. Every run's count is in manifest.json.

Outputs: sinusoid.csv (x0, x1, label), shallow_1x20.onnx, deep_2x10.onnx (torch.onnx.export as
tools/onnx-fixtures does: opset 13, input "input" [1, 2], output "logits" [1, 1], eval mode, constant
folding), manifest.json (recipe, box, seeds, per-run counts, torch's misclassified counts, versions, sha256).
Single-threaded and deterministic, so a re-run with the same package versions rewrites the same bytes.
"""

import argparse
import csv
import hashlib
import json
import os
import random
import sys

import numpy as np
import torch
import torch.nn as nn

try:
    import onnx
except ImportError:  # only the op lists of the manifest need it
    onnx = None

SEED = 11
N = 2000
BOX = {"lower": [-1.0, -1.0], "upper": [1.0, 1.0]}
AMPLITUDE = 0.5
FREQUENCY = 1.0
RESTARTS = 4
STEPS = 3000
FINE_STEPS = 1000
OPSET = 13

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "fixtures", "sinusoid")

NETWORKS = [
    # file stem, hidden widths, description
    ("shallow_1x20", [20], "shallow: Linear(2,20) -> ReLU -> Linear(20,1)"),
    ("deep_2x10", [10, 10], "deep: Linear(2,10) -> ReLU -> Linear(10,10) -> ReLU -> Linear(10,1)"),
]


def setup_determinism():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.use_deterministic_algorithms(True)


def f32(x):
    """Shortest text that reads back to the same float32 (9 significant digits always suffice)."""
    x = np.float32(x)
    for digits in range(6, 10):
        s = "%.*g" % (digits, x)
        if np.float32(s) == x:
            return s
    raise AssertionError(x)


def sinusoid_data():
    """N uniform points of the box as float32; label 1 above the sinusoid x1 = A sin(2 pi f x0)."""
    rng = np.random.RandomState(SEED)
    lo, hi = np.array(BOX["lower"]), np.array(BOX["upper"])
    x = (lo + (hi - lo) * rng.uniform(size=(N, 2))).astype(np.float32)
    # The label is decided on the float32 coordinates that are written, in double precision.
    x64 = x.astype(np.float64)
    y = (x64[:, 1] > AMPLITUDE * np.sin(2 * np.pi * FREQUENCY * x64[:, 0])).astype(np.float32)
    return x, y


def mlp(widths):
    layers, previous = [], 2
    for w in widths:
        layers += [nn.Linear(previous, w), nn.ReLU()]
        previous = w
    layers.append(nn.Linear(previous, 1))
    return nn.Sequential(*layers)


def misclassified(model, x, y):
    with torch.no_grad():
        logits = model(torch.from_numpy(x)).numpy()[:, 0]
    return int(((logits > 0).astype(np.float32) != y).sum())


def train(widths, seed, x, y):
    torch.manual_seed(seed)
    model = mlp(widths)
    tx, ty = torch.from_numpy(x), torch.from_numpy(y).unsqueeze(1)
    loss_fn = nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    model.train()
    for step in range(STEPS + FINE_STEPS):
        if step == STEPS:
            for group in opt.param_groups:
                group["lr"] = 0.001
        opt.zero_grad()
        loss = loss_fn(model(tx), ty)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        final = float(loss_fn(model(tx), ty))
    return model, misclassified(model, x, y), final


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def op_types(path):
    if onnx is None:
        return None
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return sorted({n.op_type for n in m.graph.node})


def export(model, path, example):
    model.eval()
    with torch.no_grad():
        torch.onnx.export(model, example, path, export_params=True, opset_version=OPSET, do_constant_folding=True,
                          input_names=["input"], output_names=["logits"])


def write_csv(path, x, y):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["x0", "x1", "label"])
        for a, b in zip(x, y):
            w.writerow([f32(a[0]), f32(a[1]), int(b)])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder (default tests/fixtures/sinusoid)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    setup_determinism()
    random.seed(SEED)
    np.random.seed(SEED)

    x, y = sinusoid_data()
    write_csv(os.path.join(args.out, "sinusoid.csv"), x, y)
    entries = []
    for stem, widths, description in NETWORKS:
        runs, best = [], None
        for seed in range(SEED + 1, SEED + 1 + RESTARTS):
            model, wrong, loss = train(widths, seed, x, y)
            runs.append({"seed": seed, "misclassified": wrong, "loss": round(loss, 6)})
            print("%-13s seed %2d  misclassified %4d  loss %.5f" % (stem, seed, wrong, loss), file=sys.stderr)
            if best is None or (wrong, loss) < (best[1], best[2]):
                best = (model, wrong, loss, seed)
        model, wrong, loss, seed = best
        path = os.path.join(args.out, stem + ".onnx")
        export(model, path, torch.from_numpy(x[:1]))
        entries.append({
            "file": stem + ".onnx", "description": description, "hidden": widths,
            "parameters": sum(p.numel() for p in model.parameters()),
            "seed": seed, "misclassified": wrong, "loss": round(loss, 6), "runs": runs,
            "ops": op_types(path), "bytes": os.path.getsize(path), "sha256": sha256(path)})

    data_path = os.path.join(args.out, "sinusoid.csv")
    manifest = {
        "generator": "tools/sinusoid/make.py",
        "experiment": "Montufar, Pascanu, Cho, Bengio 2014, appendix Sec. 11 (Fig. 1 of the main text)",
        "data": {
            "file": "sinusoid.csv", "points": N, "seed": SEED, "box": BOX,
            "recipe": "x uniform in the box (numpy RandomState(seed).uniform, float32); label 1 iff x1 > %g sin(2 pi %g x0)"
                      % (AMPLITUDE, FREQUENCY),
            "class1": int(y.sum()), "bytes": os.path.getsize(data_path), "sha256": sha256(data_path)},
        "training": {
            "loss": "BCEWithLogits on one logit (class 1 where logit > 0), all points, full batch",
            "optimizer": "Adam, %d steps at lr 0.01 then %d at lr 0.001" % (STEPS, FINE_STEPS),
            "restarts": RESTARTS, "kept": "fewest misclassified training points, ties by lower loss"},
        "export": {"opset": OPSET, "input": {"name": "input", "shape": [1, 2]}, "output": {"name": "logits", "shape": [1, 1]}},
        "versions": {"torch": torch.__version__, "numpy": np.__version__,
                     "onnx": None if onnx is None else onnx.__version__,
                     "python": "%d.%d.%d" % sys.version_info[:3]},
        "models": entries,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
