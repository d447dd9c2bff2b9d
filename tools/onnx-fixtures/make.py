#!/usr/bin/python3
"""Train and export the small ONNX fixtures in tests/fixtures/onnx/ (issue 13, item 4).

Run with Debian's packages (not a virtualenv or pyenv Python: they do not see them):

    apt-get install -y python3-torch python3-sklearn python3-onnx
    /usr/bin/python3 tools/onnx-fixtures/make.py            # writes tests/fixtures/onnx/
    /usr/bin/python3 tools/onnx-fixtures/make.py --out DIR  # writes elsewhere (e.g. to compare)

Everything is seeded, single-threaded and uses deterministic algorithms, so a re-run with the same
package versions rewrites the same bytes (see README.md for the versions and the check).
No data is downloaded: make_moons is generated and load_digits ships with scikit-learn.
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
import sklearn
from sklearn.datasets import load_digits, make_moons

try:
    import onnx
except ImportError:  # the op lists in the manifest need it; everything else does not
    onnx = None

SEED = 13
PROBES = 8

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "fixtures", "onnx")


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def setup_determinism():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False


def f32(x):
    """Shortest text that reads back to the same float32 (9 significant digits always suffice)."""
    x = np.float32(x)
    for digits in range(6, 10):
        s = "%.*g" % (digits, x)
        if np.float32(s) == x:
            return s
    raise AssertionError(x)


# ---------------------------------------------------------------------------------------------
# Data


def moons_data():
    """400 points of make_moons, noise 0.15, as float32; the same points are written to moons.csv."""
    x, y = make_moons(n_samples=400, noise=0.15, random_state=SEED)
    return x.astype(np.float32), y.astype(np.int64)


def digits_data():
    """sklearn's 1797 8x8 digits, scaled to [0, 1] (pixel / 16, exact in float32), split 80/20."""
    d = load_digits()
    x = (d.data / 16.0).astype(np.float32)
    y = d.target.astype(np.int64)
    perm = np.random.RandomState(SEED).permutation(len(x))
    n_train = int(0.8 * len(x))
    tr, te = perm[:n_train], perm[n_train:]
    return x[tr], y[tr], x[te], y[te]


# ---------------------------------------------------------------------------------------------
# Models


class Normalize(nn.Module):
    """(x - mean) / std with constant buffers: exports as Sub and Div nodes."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))

    def forward(self, x):
        return (x - self.mean) / self.std


class Abs(nn.Module):
    def forward(self, x):
        return torch.abs(x)


def mlp(act, normalize=None):
    layers = [] if normalize is None else [normalize]
    layers += [nn.Linear(2, 16), act(), nn.Linear(16, 16), act(), nn.Linear(16, 2)]
    return nn.Sequential(*layers)


def mlp_bn():
    return nn.Sequential(
        nn.Linear(2, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.1),
        nn.Linear(16, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.1),
        nn.Linear(16, 2))


def mlp_prelu():
    return nn.Sequential(
        nn.Linear(2, 16), nn.PReLU(16, init=0.25), nn.Linear(16, 16), nn.PReLU(16, init=0.25),
        nn.Linear(16, 2))


class Residual(nn.Module):
    """2 -> Linear 8 -> ReLU -> [x + Linear(8,8)(ReLU(Linear(8,8)(x)))] -> ReLU -> Linear(8,2)."""

    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(2, 8)
        self.fc1 = nn.Linear(8, 8)
        self.fc2 = nn.Linear(8, 8)
        self.out = nn.Linear(8, 2)

    def forward(self, x):
        h = torch.relu(self.inp(x))
        h = h + self.fc2(torch.relu(self.fc1(h)))
        return self.out(torch.relu(h))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2),
        nn.Flatten(), nn.Linear(8 * 2 * 2, 10))


# ---------------------------------------------------------------------------------------------
# Training


def train(model, x, y, epochs, lr, batch=32, weight_decay=0.0):
    """Adam on cross-entropy, minibatches shuffled by a seeded generator."""
    g = torch.Generator().manual_seed(SEED)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            if len(idx) < 2:  # batch norm needs two samples in training mode
                continue
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
    model.eval()


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = model(torch.from_numpy(x)).argmax(dim=1).numpy()
    return float((pred == y).mean())


# ---------------------------------------------------------------------------------------------
# Output


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def op_types(path):
    if onnx is None:
        return None
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return sorted({n.op_type for n in m.graph.node})


def export(model, path, example, opset, dynamic_batch=False, preserve_bn=False):
    model.eval()
    kwargs = dict(
        export_params=True, opset_version=opset, do_constant_folding=True,
        input_names=["input"], output_names=["logits"])
    if dynamic_batch:
        kwargs["dynamic_axes"] = {"input": {0: "batch"}, "logits": {0: "batch"}}
    if preserve_bn:
        # The default (TrainingMode.EVAL) folds a BatchNorm that follows a Conv into the Conv's weights,
        # leaving no BatchNormalization node. PRESERVE on a model in eval mode exports the same
        # inference-mode graph without that folding, so importers meet a real BatchNormalization.
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
    with torch.no_grad():
        torch.onnx.export(model, example, path, **kwargs)
    undo_initializer_dedup(path)


def undo_initializer_dedup(path):
    """torch 1.13 always merges initializers with equal values and names the copies through Identity nodes
    (in the untrained CNN the batch norm's weight = running_var = 1 and bias = running_mean = 0). Put the
    copies back as initializers so every parameter is an initializer and no Identity node is left."""
    if onnx is None:
        return
    m = onnx.load(path)
    inits = {t.name: t for t in m.graph.initializer}
    keep = []
    changed = False
    for n in m.graph.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            t = onnx.TensorProto()
            t.CopyFrom(inits[n.input[0]])
            t.name = n.output[0]
            m.graph.initializer.append(t)
            changed = True
        else:
            keep.append(n)
    if changed:
        del m.graph.node[:]
        m.graph.node.extend(keep)
        onnx.checker.check_model(m)
        onnx.save(m, path)


def write_probes(model, path, inputs, in_shape):
    """One row per probe: the flattened input x0.. then PyTorch's output y0.. (float32, round-trip text)."""
    model.eval()
    with torch.no_grad():
        out = model(torch.from_numpy(inputs).reshape((-1,) + tuple(in_shape[1:]))).numpy()
    n_in = int(np.prod(in_shape[1:]))
    flat = inputs.reshape(len(inputs), n_in)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["x%d" % i for i in range(n_in)] + ["y%d" % i for i in range(out.shape[1])])
        for a, b in zip(flat, out):
            w.writerow([f32(v) for v in a] + [f32(v) for v in b])


def write_moons_csv(path, x, y):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["x0", "x1", "label"])
        for a, b in zip(x, y):
            w.writerow([f32(a[0]), f32(a[1]), int(b)])


def write_digits_csv(path, x, y):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["p%02d" % i for i in range(64)] + ["label"])
        for a, b in zip(x, y):
            w.writerow([f32(v) for v in a] + [int(b)])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder (default tests/fixtures/onnx)")
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)
    setup_determinism()

    entries = []

    # ---- moons -------------------------------------------------------------------------------
    mx, my = moons_data()
    write_moons_csv(os.path.join(out, "moons.csv"), mx, my)
    mean = mx.mean(axis=0).astype(np.float32)
    std = mx.std(axis=0).astype(np.float32)
    # Probes: the first six moons points and two points off the data.
    moon_probes = np.concatenate(
        [mx[:6], np.array([[0.0, 0.0], [-1.5, 1.25]], dtype=np.float32)]).astype(np.float32)
    box = {"lower": [-1.5, -1.0], "upper": [2.5, 1.5]}

    moons_models = [
        # name, builder, opset, dynamic batch, description
        ("mlp_moons_relu",
         lambda: mlp(nn.ReLU, Normalize(mean.tolist(), std.tolist())), 13, False,
         "Normalize (Sub mean, Div std, constants) -> Linear(2,16) -> ReLU -> Linear(16,16) -> ReLU -> Linear(16,2)"),
        ("mlp_moons_leaky", lambda: mlp(lambda: nn.LeakyReLU(0.1)), 13, True,
         "Linear(2,16) -> LeakyReLU(0.1) -> Linear(16,16) -> LeakyReLU(0.1) -> Linear(16,2); dynamic batch axis"),
        ("mlp_moons_hardtanh", lambda: mlp(nn.Hardtanh), 9, False,
         "Linear(2,16) -> Hardtanh[-1,1] -> Linear(16,16) -> Hardtanh[-1,1] -> Linear(16,2); opset 9 (Clip with min/max attributes)"),
        ("mlp_moons_bn", mlp_bn, 13, False,
         "Linear(2,16) -> BatchNorm1d -> ReLU -> Dropout(0.1) -> Linear(16,16) -> BatchNorm1d -> ReLU -> Dropout(0.1) -> Linear(16,2); eval mode"),
        ("residual_moons", Residual, 17, False,
         "Linear(2,8) -> ReLU -> [h + Linear(8,8)(ReLU(Linear(8,8)(h)))] -> ReLU -> Linear(8,2); opset 17"),
        ("mlp_abs", lambda: mlp(Abs), 13, False,
         "Linear(2,16) -> Abs -> Linear(16,16) -> Abs -> Linear(16,2)"),
        ("mlp_prelu", mlp_prelu, 13, False,
         "Linear(2,16) -> PReLU(16 per-channel slopes) -> Linear(16,16) -> PReLU(16) -> Linear(16,2)"),
    ]
    for name, build, opset, dyn, desc in moons_models:
        seed_everything(SEED)
        model = build()
        train(model, mx, my, epochs=200, lr=0.01)
        acc = accuracy(model, mx, my)
        path = os.path.join(out, name + ".onnx")
        export(model, path, torch.from_numpy(mx[:1]), opset, dynamic_batch=dyn)
        write_probes(model, os.path.join(out, name + ".probe.csv"), moon_probes, (1, 2))
        entries.append(dict(
            file=name + ".onnx", description=desc, opset=opset,
            input={"name": "input", "shape": ["batch" if dyn else 1, 2]},
            output={"name": "logits", "shape": ["batch" if dyn else 1, 2]},
            data="moons.csv", input_box=box,
            train_accuracy=round(acc, 4), probe=name + ".probe.csv"))
        print("%-22s opset %2d  train acc %.4f" % (name, opset, acc), file=sys.stderr)

    # ---- digits ------------------------------------------------------------------------------
    xtr, ytr, xte, yte = digits_data()
    # digits.csv: the first 4 test images of each class, ordered by class (40 rows).
    pick = np.concatenate([np.where(yte == c)[0][:4] for c in range(10)])
    write_digits_csv(os.path.join(out, "digits.csv"), xte[pick], yte[pick])
    digit_probes = xte[pick][::5][:PROBES].reshape(-1, 1, 8, 8)  # one image each of 8 classes
    img = lambda a: a.reshape(-1, 1, 8, 8)

    seed_everything(SEED)
    model = cnn()
    init_state = {k: v.clone() for k, v in model.state_dict().items()}
    stages = []
    # Untrained: same seed, same architecture, weights as constructed (batch norm: mean 0, var 1).
    stages.append(("cnn_digits_init", "untrained (initial weights of cnn_digits.onnx, seed %d)" % SEED,
                   accuracy(model, img(xtr), ytr), accuracy(model, img(xte), yte)))
    export(model, os.path.join(out, "cnn_digits_init.onnx"), torch.zeros(1, 1, 8, 8), 13, preserve_bn=True)
    write_probes(model, os.path.join(out, "cnn_digits_init.probe.csv"), digit_probes, (1, 1, 8, 8))
    model = cnn()
    model.load_state_dict(init_state)
    train(model, img(xtr), ytr, epochs=30, lr=0.01)
    stages.append(("cnn_digits", "trained 30 epochs of Adam on 1437 training images",
                   accuracy(model, img(xtr), ytr), accuracy(model, img(xte), yte)))
    export(model, os.path.join(out, "cnn_digits.onnx"), torch.zeros(1, 1, 8, 8), 13, preserve_bn=True)
    write_probes(model, os.path.join(out, "cnn_digits.probe.csv"), digit_probes, (1, 1, 8, 8))
    arch = ("Conv2d(1,4,3,pad 1) -> BatchNorm2d(4) -> ReLU -> MaxPool2d(2) -> Conv2d(4,8,3,pad 1) -> ReLU "
            "-> AvgPool2d(2) -> Flatten -> Linear(32,10); input pixel/16 in [0,1]")
    for name, what, tr_acc, te_acc in stages:
        entries.append(dict(
            file=name + ".onnx", description=arch + "; " + what, opset=13,
            input={"name": "input", "shape": [1, 1, 8, 8]},
            output={"name": "logits", "shape": [1, 10]},
            data="digits.csv", input_range_each_pixel=[0.0, 1.0],
            train_accuracy=round(tr_acc, 4), test_accuracy=round(te_acc, 4), probe=name + ".probe.csv"))
        print("%-22s opset 13  train acc %.4f  test acc %.4f" % (name, tr_acc, te_acc), file=sys.stderr)

    # ---- manifest ----------------------------------------------------------------------------
    for e in entries:
        path = os.path.join(out, e["file"])
        e["ops"] = op_types(path)
        e["bytes"] = os.path.getsize(path)
        e["sha256"] = sha256(path)
    data = {f: {"sha256": sha256(os.path.join(out, f)), "bytes": os.path.getsize(os.path.join(out, f))}
            for f in ("moons.csv", "digits.csv")}
    manifest = {
        "generator": "tools/onnx-fixtures/make.py",
        "seed": SEED,
        "versions": {"torch": torch.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
                     "onnx": None if onnx is None else onnx.__version__,
                     "python": "%d.%d.%d" % sys.version_info[:3]},
        "data": data,
        "models": entries,
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
