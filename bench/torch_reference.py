#!/usr/bin/python3
"""PyTorch references for the training-throughput comparison (experiments/bench-training.ts).

The models of lib/nn/models.ts and lib/nn/parallel-setups.ts, trained with Adam (lr 1e-3) on random data of
MNIST (28x28x1, conv 16, 32) or CIFAR-10 (32x32x3, conv 16, 32, 64) shape:
  hqnn  conv blocks (5x5 'same' conv, BatchNorm, ReLU, MaxPool 2), dense -> 20 + BatchNorm + ReLU, four 5-qubit
        circuits (RX angle embedding, 3 StronglyEntanglingLayers with PennyLane's ranges, <Y> on each wire),
        BatchNorm(20), dense 20 -> 10
  cnn   the same, with dense 20 -> 20 + ReLU in place of the circuits and their BatchNorm
The quantum layer is a state-vector simulation written here in torch (no PennyLane: PyPI is not reachable on
these machines), gradients by torch autograd, in two implementations with the same outputs:
  loop        the readable one: complex128, a Python loop over circuits and layers, Kronecker chains per step
  vectorised  the fast one: complex64; the rotations of all circuits and layers built at once, the Kronecker
              products by batched einsum, one unitary per circuit, one batched matmul for the whole batch and one
              gather for the <Y> expectations. The benchmark's reference: as fast as plain PyTorch makes it.
--channels-last runs the convolutions in NHWC memory format (oneDNN's preferred layout on some CPUs).

Prints one JSON line: {"framework": "pytorch", "torch": ..., "model": ..., "images_per_s": ...}
--check instead prints the largest differences between the two quantum layers' outputs and gradients (fixed
weights and inputs), for test/experiments/torch-reference.test.ts.
usage: torch_reference.py [--model hqnn|cnn] [--dataset mnist|cifar10] [--quantum vectorised|loop]
                          [--channels-last] [--threads 2] [--batch 64] [--batches 60] [--warmup 5] [--check]
"""
import argparse
import json
import math
import time

import torch
from torch import nn

Q, LAYERS, CIRCUITS = 5, 3, 4
DIM = 2 ** Q
SHAPES = {"mnist": ((1, 28, 28), (16, 32)), "cifar10": ((3, 32, 32), (16, 32, 64))}


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


def entangler_sources(layer):
    """The same CNOT ring as a basis permutation, out[b] = in[src[b]] (the vectorised layer's)."""
    r = layer % (Q - 1) + 1
    src = list(range(DIM))
    for i in range(Q):  # CNOT(i, i + r) applied after the earlier ones
        target = (i + r) % Q
        control_bit, target_bit = 1 << (Q - 1 - i), 1 << (Q - 1 - target)
        src = [src[b ^ target_bit] if b & control_bit else src[b] for b in range(DIM)]
    return src


def permutation_matrix(src, dtype):
    m = torch.zeros(DIM, DIM, dtype=dtype)
    m[torch.arange(DIM), torch.tensor(src)] = 1
    return m


def cnot_matrix(control, target):
    m = torch.zeros(DIM, DIM, dtype=torch.complex128)
    for b in range(DIM):
        bits = [(b >> (Q - 1 - w)) & 1 for w in range(Q)]
        if bits[control]:
            bits[target] ^= 1
        m[sum(bit << (Q - 1 - w) for w, bit in enumerate(bits)), b] = 1
    return m


def entangler_matrix(layer):
    """The CNOT ring of StronglyEntanglingLayers layer `layer`, as a product of CNOT matrices (the loop layer's)."""
    r = layer % (Q - 1) + 1
    m = torch.eye(DIM, dtype=torch.complex128)
    for i in range(Q):
        m = cnot_matrix(i, (i + r) % Q) @ m
    return m


ENTANGLERS = [entangler_matrix(layer) for layer in range(LAYERS)]
PAULI_Y = torch.tensor([[0, -1j], [1j, 0]], dtype=torch.complex128)
EYE2 = torch.eye(2, dtype=torch.complex128)
Y_OPS = torch.stack([kron_all([PAULI_Y if w == i else EYE2 for w in range(Q)]) for i in range(Q)])


class LoopCircuits(nn.Module):
    """The readable quantum layer: complex128, one circuit and one layer at a time."""

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


def rotations(w):
    """Rot(phi, theta, omega) for every (..., 3) angle triple at once: (..., 2, 2) complex64."""
    phi, theta, omega = w.unbind(-1)
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    a, d = (phi + omega) / 2, (phi - omega) / 2
    m00 = torch.complex(torch.cos(a) * c, -torch.sin(a) * c)
    m01 = torch.complex(-torch.cos(d) * s, -torch.sin(d) * s)
    m10 = torch.complex(torch.cos(d) * s, -torch.sin(d) * s)
    m11 = torch.complex(torch.cos(a) * c, torch.sin(a) * c)
    return torch.stack([torch.stack([m00, m01], -1), torch.stack([m10, m11], -1)], -2)


def y_tables():
    """For <Y_q> = Im(sum_i sign_q(i) conj(psi_i) psi_{flip_q(i)}): flip_q(i) = i with wire q's bit flipped,
    sign_q(i) = +1 where that bit is 0, -1 where it is 1 (Y = [[0, -i], [i, 0]])."""
    bits = [1 << (Q - 1 - q) for q in range(Q)]
    flip = torch.tensor([[i ^ b for i in range(DIM)] for b in bits])
    sign = torch.tensor([[1.0 if not i & b else -1.0 for i in range(DIM)] for b in bits])
    return flip, sign


class VectorisedCircuits(nn.Module):
    """The same layer as LoopCircuits in complex64, with no Python loop over circuits, layers or samples."""

    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.rand(CIRCUITS, LAYERS, Q, 3) * 2 * math.pi)
        self.register_buffer("entanglers", torch.stack([permutation_matrix(entangler_sources(l), torch.complex64)
                                                        for l in range(LAYERS)]))
        flip, sign = y_tables()
        self.register_buffer("flip", flip)
        self.register_buffer("sign", sign)

    def unitaries(self):
        """One 32x32 unitary per circuit: entangler_l . (Rot x ... x Rot) multiplied over the layers."""
        r = rotations(self.weights)  # (C, L, Q, 2, 2)
        k = r[:, :, 0]
        for w in range(1, Q):
            n = k.shape[-1] * 2
            k = torch.einsum("klab,klcd->klacbd", k, r[:, :, w]).reshape(CIRCUITS, LAYERS, n, n)
        u = self.entanglers @ k
        return u[:, 2] @ u[:, 1] @ u[:, 0]

    def forward(self, x):
        x = x.view(-1, CIRCUITS, Q)
        half = x / 2  # RX(x)|0> = cos(x/2)|0> - i sin(x/2)|1>
        amp0 = torch.complex(torch.cos(half), torch.zeros_like(half))
        amp1 = torch.complex(torch.zeros_like(half), -torch.sin(half))
        state = torch.stack([amp0[..., 0], amp1[..., 0]], -1)
        for w in range(1, Q):  # product state of RX(x_w)|0>, wire 0 most significant
            wire = torch.stack([amp0[..., w], amp1[..., w]], -1)
            state = (state.unsqueeze(-1) * wire.unsqueeze(-2)).flatten(-2)
        state = torch.einsum("cij,bcj->bci", self.unitaries(), state)
        flipped = state[..., self.flip]  # (B, C, Q, 32)
        y = (self.sign * (state.conj().unsqueeze(2) * flipped)).sum(-1).imag
        return y.reshape(x.shape[0], CIRCUITS * Q)


def model(kind, dataset, quantum):
    (channels, size, _), convs = SHAPES[dataset]
    layers, cin = [], channels
    for cout in convs:
        layers += [nn.Conv2d(cin, cout, 5, padding=2), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2)]
        cin, size = cout, size // 2
    layers += [nn.Flatten(), nn.Linear(cin * size * size, 20), nn.BatchNorm1d(20), nn.ReLU()]
    if kind == "hqnn":
        layers += [VectorisedCircuits() if quantum == "vectorised" else LoopCircuits(), nn.BatchNorm1d(20)]
    else:
        layers += [nn.Linear(20, 20), nn.ReLU()]
    return nn.Sequential(*layers, nn.Linear(20, 10))


def check():
    """Largest differences between the loop and vectorised layers on fixed weights and inputs."""
    torch.manual_seed(0)
    loop, fast = LoopCircuits(), VectorisedCircuits()
    with torch.no_grad():
        fast.weights.copy_(loop.weights.float())
    x = torch.randn(16, CIRCUITS * Q) * 2
    coeffs = torch.randn(16, CIRCUITS * Q)
    diffs = {}
    grads = []
    for layer in (loop, fast):
        xi = x.clone().requires_grad_(True)
        out = layer(xi)
        (out * coeffs).sum().backward()
        grads.append((out.detach(), layer.weights.grad.float(), xi.grad))
    for name, a, b in zip(("output", "weight_gradient", "input_gradient"), *grads):
        diffs[name] = float((a - b).abs().max())
        diffs[name + "_scale"] = float(a.abs().max())
    print(json.dumps({"check": "loop vs vectorised", "max_abs_difference": diffs}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=("hqnn", "cnn"), default="hqnn")
    ap.add_argument("--dataset", choices=tuple(SHAPES), default="mnist")
    ap.add_argument("--quantum", choices=("vectorised", "loop"), default="vectorised")
    ap.add_argument("--channels-last", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--batches", type=int, default=60)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.check:
        return check()
    torch.manual_seed(0)
    fmt = torch.channels_last if a.channels_last else torch.contiguous_format
    net = model(a.model, a.dataset, a.quantum).to(memory_format=fmt)
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    xs = torch.rand(a.batch, *SHAPES[a.dataset][0]).contiguous(memory_format=fmt)
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
    print(json.dumps({"framework": "pytorch", "torch": torch.__version__, "model": a.model, "dataset": a.dataset,
                      "quantum": a.quantum if a.model == "hqnn" else None, "channels_last": a.channels_last,
                      "threads": a.threads, "batch": a.batch, "batches": a.batches, "params": params,
                      "seconds": seconds, "images_per_s": a.batch * a.batches / seconds}))


if __name__ == "__main__":
    main()
