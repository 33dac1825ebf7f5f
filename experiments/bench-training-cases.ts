/**
 * What `bench train` measures, apart from experiments/bench-training.ts so the CLI can parse its flags without
 * loading tfjs: the models (HQNN-Parallel and its CNN), the datasets whose input shapes they train on, and the
 * Python that runs the PyTorch reference.
 */
export const BENCH_MODELS = ["hqnn", "cnn"] as const;
export const BENCH_DATASETS = ["mnist", "cifar10"] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];
export type BenchDataset = (typeof BENCH_DATASETS)[number];

/** The Python that runs the PyTorch reference: Debian's, where python3-torch installs (HQNN_TORCH_PYTHON overrides). */
export const TORCH_PYTHON = process.env.HQNN_TORCH_PYTHON ?? "/usr/bin/python3";
