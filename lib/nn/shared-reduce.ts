/**
 * An all-reduce (sum) of small float64 vectors between the threads of one process, over a SharedArrayBuffer:
 * every party writes its vector into its own slot and waits (Atomics) until all parties of the same round have
 * written; each then sums the slots in party order, so all parties get bit-identical results. Used by the
 * data-parallel training step (lib/nn/data-parallel.ts) for BatchNorm statistics.
 *
 * Rounds alternate between two halves of the buffer, so a fast party can start round r + 1 while a slow one still
 * reads round r; it cannot get two rounds ahead, because round r + 1 waits for every party.
 */

const HEADER_INTS = 4; // [round counter of half 0, of half 1, failure flag, unused]

export class SharedReducer {
  readonly buffer: SharedArrayBuffer;
  private readonly control: Int32Array;
  private readonly slots: Float64Array;
  private round = 0;

  /** Allocates the buffer for `parties` threads and vectors of at most `maxLength` numbers. */
  static create(parties: number, maxLength: number): SharedArrayBuffer {
    return new SharedArrayBuffer(HEADER_INTS * 4 + 2 * parties * maxLength * 8);
  }

  constructor(buffer: SharedArrayBuffer, readonly parties: number, readonly party: number, readonly maxLength: number,
    private readonly timeoutMs = 120_000) {
    this.buffer = buffer;
    this.control = new Int32Array(buffer, 0, HEADER_INTS);
    this.slots = new Float64Array(buffer, HEADER_INTS * 4, 2 * parties * maxLength);
  }

  /** Marks the group as failed: every party waiting now, or later, throws instead of hanging. */
  fail(): void {
    Atomics.store(this.control, 2, 1);
    Atomics.notify(this.control, 0);
    Atomics.notify(this.control, 1);
  }

  /** The element-wise sum of `local` over all parties (each must call with the same length, in the same round). */
  allReduce(local: Float64Array): Float64Array {
    if (local.length > this.maxLength) throw new Error(`SharedReducer: vector of ${local.length} > ${this.maxLength}`);
    const half = this.round % 2, generation = Math.floor(this.round / 2);
    this.round++;
    const base = (half * this.parties) * this.maxLength;
    this.slots.set(local, base + this.party * this.maxLength);
    // Counter of this half: parties * generation when the round starts, parties * (generation + 1) when all wrote.
    const target = this.parties * (generation + 1);
    const arrived = Atomics.add(this.control, half, 1) + 1;
    if (arrived === target) Atomics.notify(this.control, half);
    const deadline = Date.now() + this.timeoutMs;
    for (let seen = Atomics.load(this.control, half); seen < target; seen = Atomics.load(this.control, half)) {
      if (Atomics.load(this.control, 2)) throw new Error("SharedReducer: another party failed");
      if (Date.now() > deadline) { this.fail(); throw new Error("SharedReducer: timed out waiting for the other parties"); }
      Atomics.wait(this.control, half, seen, 1000);
    }
    if (Atomics.load(this.control, 2)) throw new Error("SharedReducer: another party failed");
    const out = new Float64Array(local.length);
    for (let p = 0; p < this.parties; p++) {
      const off = base + p * this.maxLength;
      for (let i = 0; i < local.length; i++) out[i] += this.slots[off + i];
    }
    return out;
  }
}
