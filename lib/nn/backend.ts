/**
 * TensorFlow.js backend selection.
 *
 * Order: `@tensorflow/tfjs-node` (native TensorFlow) when the user has really installed it, else the wasm
 * backend (with our conv-gradient kernels, wasm-kernels.ts, and faster memory-bound kernels,
 * wasm-memory-kernels.ts, and the fused BatchNorm kernels of batch-norm.ts), else the pure-JS cpu backend.
 * `HQNN_BACKEND=tensorflow|wasm|cpu` forces one (an error if it cannot be used).
 */
import * as tf from "@tensorflow/tfjs";
import { registerWasmConvGradients } from "./wasm-kernels";
import { registerWasmMemoryKernels } from "./wasm-memory-kernels";
import { registerWasmBatchNormKernels } from "./batch-norm";

export type BackendName = "tensorflow" | "wasm" | "cpu";

/** The command that adds native TensorFlow (its install downloads libtensorflow, so it needs internet access). */
export const TFJS_NODE_INSTALL = "npm install --no-save @tensorflow/tfjs-node@4.22.0";

/** True when the user has installed tfjs-node (it is not a dependency of the package). */
function hasNativeTfjsNode(): boolean {
  try {
    require.resolve("@tensorflow/tfjs-node");
    return true;
  } catch {
    return false;
  }
}

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === "tensorflow") {
      if (!hasNativeTfjsNode()) return false;
      require("@tensorflow/tfjs-node");
    }
    if (name === "wasm") require("@tensorflow/tfjs-backend-wasm");
    const ok = await tf.setBackend(name);
    if (ok && name === "wasm") {
      registerWasmConvGradients();
      registerWasmMemoryKernels();
      registerWasmBatchNormKernels();
    }
    return ok;
  } catch {
    return false;
  }
}

let chosen: BackendName | undefined;

/** Picks and initialises the backend once; later calls return the same name. */
export async function initBackend(forced: string | undefined = process.env.HQNN_BACKEND): Promise<BackendName> {
  if (chosen && (!forced || forced === chosen)) return chosen;
  tf.enableProdMode();
  if (forced) {
    if (!["tensorflow", "wasm", "cpu"].includes(forced)) {
      throw new Error(`HQNN_BACKEND=${forced} is not one of tensorflow, wasm, cpu`);
    }
    if (!(await tryBackend(forced as BackendName))) {
      const hint = forced === "tensorflow" ? ` (install it with: ${TFJS_NODE_INSTALL})` : "";
      throw new Error(`HQNN_BACKEND=${forced}: that tfjs backend could not be initialised${hint}`);
    }
    return (chosen = forced as BackendName);
  }
  for (const name of ["tensorflow", "wasm", "cpu"] as BackendName[]) {
    if (await tryBackend(name)) return (chosen = name);
  }
  throw new Error("no TensorFlow.js backend could be initialised");
}

export { tf };
