/**
 * What `bench train` measures, apart from experiments/bench-training.ts so the CLI can parse its flags without
 * loading tfjs: the models (HQNN-Parallel and its CNN) and the datasets whose input shapes they train on.
 */
export const BENCH_MODELS = ["hqnn", "cnn"] as const;
export const BENCH_DATASETS = ["mnist", "cifar10"] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];
export type BenchDataset = (typeof BENCH_DATASETS)[number];
