/**
 * The studies that are not training runs: the datasets' audit (`datasets`), the parameter-count search
 * (`param-counts`), gradient-method scaling (`gradient-scaling`), the ZX reduction of the HQNN circuit
 * (`zx-reduction`) and the Fourier expressivity study (`fourier`).
 */
import { arr, bool, either, Infer, nullable, num, obj, opt, rec, str } from "../schema";
import { machineLoad, provenance } from "./common";

/** A dataset with a published train/test split (`split` names it). */
const datasetAudit = obj({
  train: num, test: num, total: num, classes: num, class_names: arr(str), shape: arr(num), channels: num,
  lossy: bool, source_kind: str,
  class_counts: obj({ train: arr(num), test: arr(num) }),
  duplicates: obj({ extra_copies: num, distinct: num, by_class: rec(num), cross_class: num, test_with_copy_in_train: num }),
  /** The published split's name; Medical MNIST has none, so ours is drawn, and recorded how. */
  split: either(str, obj({ seed: num, test_fraction: num, train: num, test: num, stratified: bool, method: str })),
  notes: arr(str),
});
/** A dataset that could not be loaded when the facts were recorded. */
const unavailable = obj({ error: str });

export const datasets = obj({
  experiment: str,
  mnist: either(datasetAudit, unavailable),
  medmnist: either(datasetAudit, unavailable),
  cifar10: either(datasetAudit, unavailable),
  provenance,
});
export type Datasets = Infer<typeof datasets>;

export const paramCounts = obj({
  experiment: str, search_note: str,
  models: rec(obj({ paper: num, ours: num, ours_description: str, searched: num, reconciling: arr(str), natural_reconciling: arr(str) })),
  provenance,
});
export type ParamCounts = Infer<typeof paramCounts>;

const perMethod = <T>(s: import("../schema").Schema<T>) => obj({ adjoint: s, "parameter-shift": s, backprop: s });

export const gradientScaling = obj({
  experiment: str, claim: str, circuit: str, gradient: str, methods: arr(str), batch: num, timing: str, memory: str,
  sweeps: rec(obj({
    values: arr(num),
    fixed: obj({ wires: opt(num), layers: opt(num) }),
    seconds: perMethod(arr(num)),
    seconds_per_repeat: perMethod(arr(arr(num))),
    slope_log_seconds: perMethod(num),
    slope_definition: str,
    most_favourable: str,
    memory_bytes: perMethod(arr(num)),
    slope_log_memory_bytes: perMethod(num),
    max_abs_gradient_difference: arr(num),
  })),
  methods_agree: bool, agreement_tolerance: num, max_abs_gradient_difference: num,
  machine_load: machineLoad,
  config: obj({
    wires: arr(num), layers_of_wire_sweep: num, layers: arr(num), wires_of_layer_sweep: num, batch: num, repeats: num,
    min_seconds_per_repeat: num, seed: num,
  }),
  provenance,
});
export type GradientScaling = Infer<typeof gradientScaling>;

const diagramSize = obj({ vertices: num, edges: num, parametrized_spiders: num, max_params_per_spider: num });

export const zxReduction = obj({
  experiment: str, circuit: str,
  before: diagramSize, after_spider_fusion: diagramSize, after: diagramSize,
  symbols: num, every_symbol_on_own_spider: bool,
  shared_spiders: arr(obj({ vertex: num, phase: str, symbols: arr(str) })),
  split_symbols: arr(str), lost_symbols: arr(str),
  tensor_equal: bool, tensor_draws: num,
  extracted: obj({ gates: num, two_qubit_gates: num, original_gates: num, original_cnots: num, equal_to_original: bool }),
  symbol_spiders: rec(obj({ vertex: num, phase: str, place: str, qubit: num, row: num })),
  gadget_leaves: arr(str),
  sensitivity: obj({
    circuit: str, method: str, points_per_draw: num, sampling: str, rank_rel_tol: num, gradient_tol: num,
    engine_matches_zx_circuit: bool, finite_difference_max_abs_error: num, no_dead_parameter: bool,
    dead_parameters: arr(str), max_abs_gradient: rec(num), zero_for_output: arr(arr(str)),
    input_jacobian_min_rank: num, weights: num, full_rank: bool,
    draws: arr(obj({
      seed: num, rows: num, columns: num, rank: num, rank_numpy_default_tol: num, rank_by_points: arr(num),
      singular_values: arr(num), smallest_over_largest: num, null_directions: arr(rec(num)),
    })),
  }),
  provenance,
});
export type ZxReduction = Infer<typeof zxReduction>;

const pearsonReading = obj({
  description: str, variables: arr(str),
  per_wire: arr(obj({
    wire: num, size: num, zero_variance: arr(str),
    exact_pairs: arr(obj({ a: str, b: str, r: num })),
    determinant: nullable(num), rank: nullable(num), eigenvalues: nullable(arr(num)),
  })),
});
const spectrumOf = obj({
  template: str, n_weights: num, seed: num,
  per_wire: arr(obj({
    wire: num, mean_power: num,
    orders: arr(obj({ order: num, n_freqs: num, n_reachable: num, mean_abs: num, mean_variance: num, power: num, max_abs: num })),
  })),
});

export const fourier = obj({
  experiment: str, convention: str,
  config: obj({
    n_qubits: num, n_layers: num, n_samples: num, weight_seed: num, basic_seed: num, fixed_input_seed: num, violin_wire: num,
    embedding: str, template: str, measure: str, n_weights: num, inputs: arr(num), degree: num, fixed_inputs: arr(num), weight_range: arr(num),
  }),
  correlation_determinants: arr(num), all_zero: bool, primary_reading: str, zero_tolerance: num, explanation: str,
  identities: arr(obj({ wire: num, max_conj_symmetry_defect: num, max_abs_im_c00: num })),
  readings: rec(pearsonReading),
  fixed_input_variants: arr(obj({
    name: str, fixed_inputs: arr(num),
    per_wire: arr(obj({ wire: num, primary_determinant: nullable(num), primary_rank: nullable(num), independent_determinant: nullable(num), independent_rank: nullable(num) })),
  })),
  violins: obj({ wire: num, freqs: arr(arr(num)), re: arr(arr(num)), im: arr(arr(num)) }),
  spectrum: obj({
    inputs: arr(num), degree: num, n_coefficients: num, sel: spectrumOf, basic: spectrumOf,
    beyond_encoding_max_abs: obj({ degree: num, sel: num, basic: num }),
  }),
  seeds: arr(num),
  provenance,
});
export type Fourier = Infer<typeof fourier>;
