/**
 * Section 2.3, HQNN-Quanv and its classical baselines CNN1 and CNN4, by concern:
 *   quanv-circuit.ts   the 4-qubit kernel circuit, 2x2 patches and their wiring into the quantum bridge
 *   quanv-layer.ts     the quanvolutional layer (Quanv2D), a thin use of the bridge in quantum-layer.ts
 *   quanv-models.ts    HQNN-Quanv, CNN1, CNN4; parameter counts; dead ReLU filters
 *   quanv-images.ts    the paper's 28x28 -> 14x14 image preparation
 *   quanv-job.ts       training through the one loop (train.ts) with Adam epsilon 1e-8; the thread-pool job
 * The statistics over seeds are lib/stats's aggregateRuns. This file re-exports all of them.
 */
export * from "./quanv-circuit";
export * from "./quanv-layer";
export * from "./quanv-models";
export * from "./quanv-images";
export * from "./quanv-job";
