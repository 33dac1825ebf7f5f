/**
 * Learning rate per epoch. "constant": the base rate every epoch. "cosine": SGDR's cosine decay without restarts
 * (Loshchilov & Hutter 2017), stepped once per epoch: epoch e of E (1-based) trains at
 * base * (1 + cos(pi * (e - 1) / E)) / 2, from the base rate at epoch 1 down towards 0.
 */
export type Schedule = "constant" | "cosine";

export function learningRateAt(schedule: Schedule, base: number, epoch: number, epochs: number): number {
  if (!(Number.isInteger(epoch) && epoch >= 1 && epoch <= epochs)) throw new RangeError(`epoch must be in 1..${epochs}, got ${epoch}`);
  return schedule === "constant" ? base : (base * (1 + Math.cos((Math.PI * (epoch - 1)) / epochs))) / 2;
}
