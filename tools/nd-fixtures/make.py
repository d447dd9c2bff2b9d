#!/usr/bin/python3
"""Make the n-D exact-enumeration fixtures in tests/fixtures/nd/ (issue 15, item 4).

Two random ReLU networks with PyTorch's default initialisation, the ones the issue timed:

    torch_3-32-32-32.json   3 inputs, three hidden ReLU layers of 32 units, counted in [-1, 1]^3
    torch_4-32-32-32.json   4 inputs, three hidden ReLU layers of 32 units, counted in [-1, 1]^4

Each is nn.Sequential(Linear(n0, 32), ReLU(), Linear(32, 32), ReLU(), Linear(32, 32), ReLU()) built right
after torch.manual_seed(0), so nn.Linear's default reset_parameters draws every weight and bias from
U(-1/sqrt(fan_in), 1/sqrt(fan_in)). No output layer: it would add no units to the activation pattern.

Run with Debian's packages and interpreter (a virtualenv or pyenv python3 does not see them):

    apt-get install -y python3-torch
    /usr/bin/python3 tools/nd-fixtures/make.py            # writes tests/fixtures/nd/
    /usr/bin/python3 tools/nd-fixtures/make.py --out DIR  # writes elsewhere (e.g. to compare)

The files are pwl-network/1 (docs/network-format.md) with meta.domain set to the box. Every float32
parameter is written as the shortest decimal of its exact double value, so the C# reader sees torch's bits.
Nothing is trained: with torch 1.13 (Debian's python3-torch 1.13.1) a re-run rewrites the same bytes.
"""

import argparse
import json
import os

import torch
import torch.nn as nn

SEED = 0
WIDTHS = [32, 32, 32]
INPUTS = [3, 4]


def build(inputs):
    torch.manual_seed(SEED)
    layers = []
    width = inputs
    for out in WIDTHS:
        layers += [nn.Linear(width, out), nn.ReLU()]
        width = out
    return nn.Sequential(*layers)


def document(inputs, model):
    layers = []
    for module in model:
        if isinstance(module, nn.Linear):
            layers.append({
                "activation": "relu",
                "weights": [[float(v) for v in row] for row in module.weight.detach().double()],
                "biases": [float(v) for v in module.bias.detach().double()],
            })
    name = "torch " + "-".join(str(w) for w in [inputs] + WIDTHS)
    return {
        "format": "pwl-network/1",
        "name": name,
        "inputs": inputs,
        "layers": layers,
        "meta": {
            "domain": {"lower": [-1.0] * inputs, "upper": [1.0] * inputs},
            "recipe": f"tools/nd-fixtures/make.py: torch.manual_seed({SEED}), nn.Linear default init",
            "torch": torch.__version__,
        },
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "..", "tests", "fixtures", "nd"))
    out = parser.parse_args().out
    os.makedirs(out, exist_ok=True)
    for inputs in INPUTS:
        path = os.path.join(out, "torch_" + "-".join(str(w) for w in [inputs] + WIDTHS) + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document(inputs, build(inputs)), f, indent=None, separators=(",", ":"))
            f.write("\n")
        print(path)


if __name__ == "__main__":
    main()
