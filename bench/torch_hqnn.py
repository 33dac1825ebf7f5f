#!/usr/bin/python3
"""PyTorch reference for the training-throughput comparison (experiments/bench-training.ts).

The same HQNN-Parallel as lib/nn/models.ts (conv 1->16 and 16->32, 5x5, BatchNorm, ReLU, MaxPool; dense
1568->20 + BatchNorm + ReLU; four 5-qubit circuits: RX angle embedding, 3 StronglyEntanglingLayers with
PennyLane's ranges, <Y> on each wire; BatchNorm(20); dense 20->10), trained with Adam on random MNIST-shaped
data. The quantum layer is a batched state-vector simulation written here in torch (no PennyLane: PyPI is
not reachable on these machines): the embedding is a product state, each entangling layer a 32x32 unitary
built from the weights once per step, gradients by torch autograd (backprop).

Prints one JSON line: {"framework": "pytorch", "torch": ..., "threads": ..., "batch": ..., "images_per_s": ...}
usage: torch_hqnn.py [--threads 2] [--batch 64] [--batches 60] [--warmup 5]
"""
import argparse
import json
import math
import time

import torch
from torch import nn

Q, LAYERS, CIRCUITS = 5, 3, 4
DIM = 2 ** Q


def kron_all(mats):
    out = mats[0]
    for m in mats[1:]:
        out = torch.kron(out, m)
    return out


def rot(phi, theta, omega):
    """PennyLane Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi) as a 2x2 complex matrix."""
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    e = lambda a: torch.exp(1j * a)
    return torch.stack([
        torch.stack([e(-(phi + omega) / 2) * c, -e((phi - omega) / 2) * s]),
        torch.stack([e(-(phi - omega) / 2) * s, e((phi + omega) / 2) * c]),
    ])


def cnot_matrix(control, target):
    m = torch.zeros(DIM, DIM, dtype=torch.complex128)
    for b in range(DIM):
        bits = [(b >> (Q - 1 - w)) & 1 for w in range(Q)]
        if bits[control]:
            bits[target] ^= 1
        m[sum(bit << (Q - 1 - w) for w, bit in enumerate(bits)), b] = 1
    return m


ENTANGLERS = []
for layer in range(LAYERS):
    r = layer % (Q - 1) + 1
    m = torch.eye(DIM, dtype=torch.complex128)
    for i in range(Q):
        m = cnot_matrix(i, (i + r) % Q) @ m
    ENTANGLERS.append(m)
PAULI_Y = torch.tensor([[0, -1j], [1j, 0]], dtype=torch.complex128)
EYE2 = torch.eye(2, dtype=torch.complex128)
Y_OPS = torch.stack([kron_all([PAULI_Y if w == i else EYE2 for w in range(Q)]) for i in range(Q)])


class Circuits(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.rand(CIRCUITS, LAYERS, Q, 3, dtype=torch.float64) * 2 * math.pi)

    def forward(self, x):
        x = x.double().view(-1, CIRCUITS, Q)
        c, s = torch.cos(x / 2).to(torch.complex128), (-1j * torch.sin(x / 2)).to(torch.complex128)
        outs = []
        for k in range(CIRCUITS):
            state = torch.ones(x.shape[0], 1, dtype=torch.complex128)
            for w in range(Q):  # product state of RX(x_w)|0>, wire 0 most significant
                qubit = torch.stack([c[:, k, w], s[:, k, w]], dim=1)
                state = (state.unsqueeze(2) * qubit.unsqueeze(1)).reshape(x.shape[0], -1)
            for layer in range(LAYERS):
                u = ENTANGLERS[layer] @ kron_all([rot(*self.weights[k, layer, w]) for w in range(Q)])
                state = state @ u.T
            outs.append(torch.einsum("bi,qij,bj->bq", state.conj(), Y_OPS, state).real)
        return torch.cat(outs, dim=1).float()


def model():
    block = lambda cin, cout: [nn.Conv2d(cin, cout, 5, padding=2), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2)]
    return nn.Sequential(*block(1, 16), *block(16, 32), nn.Flatten(), nn.Linear(1568, 20), nn.BatchNorm1d(20), nn.ReLU(),
                         Circuits(), nn.BatchNorm1d(20), nn.Linear(20, 10))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--batches", type=int, default=60)
    ap.add_argument("--warmup", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = model()
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    xs = torch.rand(a.batch, 1, 28, 28)
    ys = torch.randint(0, 10, (a.batch,))
    loss_fn = nn.CrossEntropyLoss()
    for i in range(a.warmup + a.batches):
        if i == a.warmup:
            t0 = time.perf_counter()
        opt.zero_grad()
        loss = loss_fn(net(xs), ys)
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - t0
    print(json.dumps({"framework": "pytorch", "torch": torch.__version__, "threads": a.threads, "batch": a.batch,
                      "batches": a.batches, "params": params, "seconds": seconds,
                      "images_per_s": a.batch * a.batches / seconds}))


if __name__ == "__main__":
    main()
