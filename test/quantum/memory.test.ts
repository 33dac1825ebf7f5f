import assert from "node:assert/strict";
import { totalmem } from "node:os";
import { afterEach, test } from "node:test";
import { CircuitError, MemoryLimitError, SpecError, buildCircuit, constant, forward, jacobian, vjp } from "../../lib/quantum";
import { bytesNeeded, memoryLimit } from "../../lib/quantum/memory";
import { planFor } from "../../lib/quantum/plan";

/** RX on every wire in turn, `nOps` ops, <Z> on wire 0: no input or weight, so every call is cheap to set up. */
const chain = (nWires: number, nOps: number) => buildCircuit(
  nWires,
  Array.from({ length: nOps }, (_, i) => ({ gate: "RX" as const, wires: [i % nWires], params: [constant(0.1)] })),
  [{ pauli: "Z", wire: 0 }],
);

// The default limit is under test too: start and end every test without the override.
delete process.env.HQNN_MAX_MEMORY_MB;
afterEach(() => delete process.env.HQNN_MAX_MEMORY_MB);

test("bytesNeeded: (ops + 2) state vectors for backprop, one or two chunks of lanes plus index tables otherwise", () => {
  const plan = planFor(chain(24, 2000)), dim = 2 ** 24;
  assert.equal(plan.lanes, 1);
  assert.equal(bytesNeeded(plan, "backprop"), 2002 * 16 * dim);
  assert.equal(bytesNeeded(plan, "adjoint"), 37 * dim);
  assert.equal(bytesNeeded(plan, "forward"), 21 * dim);
  assert.equal(bytesNeeded(plan, "parameter-shift"), 21 * dim);
  const small = planFor(chain(3, 4));
  assert.equal(bytesNeeded(small, "forward"), 16 * 8 * small.lanes + 5 * 8);
});

test("backprop on 24 wires and 2000 ops is refused before allocating, naming the bytes, the limit and the adjoint method", () => {
  const circuit = chain(24, 2000);
  assert.throws(() => vjp(circuit, [], [], 1, [1], "backprop"), (e: Error) => {
    assert.ok(e instanceof MemoryLimitError && e instanceof CircuitError && e instanceof SpecError);
    assert.match(e.message, /^backprop on 24 wires and 2000 ops needs 537,407,782,912 bytes \(500\.5 GiB\) of state vectors/);
    assert.match(e.message, /half of the total memory by default; use the adjoint method/);
    return true;
  });
  assert.throws(() => jacobian(circuit, [], [], "backprop"), MemoryLimitError);
});

test("HQNN_MAX_MEMORY_MB sets the limit for forward and every gradient method; a bad value is an error", () => {
  assert.equal(memoryLimit().bytes, Math.floor(totalmem() / 2));
  const circuit = chain(16, 3); // forward: 21 * 2^16 bytes = 1.3 MiB
  process.env.HQNN_MAX_MEMORY_MB = "1";
  assert.equal(memoryLimit().bytes, 2 ** 20);
  assert.throws(() => forward(circuit, [], [], 1), /: forward on 16 wires and 3 ops needs 1,376,256 bytes \(1\.3 MiB\) .* set by HQNN_MAX_MEMORY_MB=1; use fewer wires/);
  for (const method of ["adjoint", "parameter-shift", "backprop"] as const) {
    assert.throws(() => vjp(circuit, [], [], 1, [1], method), MemoryLimitError, method);
  }
  process.env.HQNN_MAX_MEMORY_MB = "2";
  assert.equal(forward(circuit, [], [], 1).length, 1);
  process.env.HQNN_MAX_MEMORY_MB = "lots";
  assert.throws(() => forward(circuit, [], [], 1), /HQNN_MAX_MEMORY_MB must be a number of MiB > 0, got "lots"/);
});
