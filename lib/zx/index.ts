/**
 * lib/zx: ZX-calculus graph rewriting, after PyZX (self-contained: imports nothing else from lib/).
 * See README.md for conventions.
 */
export { Rational } from "./rational";
export { Phase, type SymbolValues } from "./phase";
export { ZXGraph, toggleEdgeType, type Edge, type EdgeType, type VertexData, type VertexType } from "./graph";
export {
  angleToPhase, checkCircuit, circuitToGraph, gateCounts, symbolizeCircuit, ZX_GATES,
  type Angle, type GateCounts, type ZXCircuit, type ZXCircuitOp, type ZXGateName,
} from "./circuit";
export { CircuitParseError, type ParsedCircuit } from "./circuit-file";
export { parseQasm, QASM_GATE_NAMES, toQasm } from "./qasm";
export { parseQc, QC_GATE_NAMES } from "./qc";
export { parseQuipper, QUIPPER_GATE_NAMES } from "./quipper";
export { applyRewrite, edgeRule, simp, vertexRule, type Rewrite } from "./rewrite";
export { checkFuse, fuseRule, unsafeFuse } from "./rules/fuse";
export { checkRemoveId, removeIdRule, unsafeRemoveId } from "./rules/remove-id";
export { colorChange, toGreenRule } from "./rules/color-change";
export { checkLcomp, lcompRule, unsafeLcomp } from "./rules/lcomp";
export { boundaryNeighbors, checkPivot, pivotCore, pivotRule, unsafePivot } from "./rules/pivot";
export { checkPivotBoundary, pivotBoundaryRule, unsafePivotBoundary } from "./rules/pivot-boundary";
export { checkPivotGadget, hasLeafNeighbor, pivotGadgetRule, unsafePivotGadget } from "./rules/pivot-gadget";
export { gadgetFusionRule, gadgetGroups, type Gadget } from "./rules/gadget-fusion";
export {
  cliffordSimp, fullReduce, gadgetSimp, idSimp, interiorCliffordSimp, isGraphLike, lcompSimp,
  nonCliffordCount, parametrizedSpiders, pivotBoundarySimp, pivotGadgetSimp, pivotSimp, spiderSimp, tCount, toGh,
} from "./simplify";
export { extractCircuit, extractedToCircuit, type ExtractedCircuit, type ExtractedGate } from "./extract";
export { compareTensors, diagramTensor, type Tensor } from "./tensor";
export { applyCircuit, circuitUnitary, gatesUnitary } from "./simulate";
export { contractionPlan, evaluateEach, evaluatePlan, MAX_CONTRACTION_VARS, type ContractionPlan } from "./contract";
export { DENSE_MAX_WIRES, MAX_STATE_WIRES, verifyCircuits, verifyDiagram, type Verdict, type VerifyMethod, type VerifyOptions } from "./verify";
export { drawSvg, type DrawOptions } from "./draw";
export { randomCircuit, randomCliffordT, seededRandom } from "./generate";
export { analyseSymbols, hqnnParallelBranch, type DiagramSummary, type SymbolAnalysis } from "./hqnn";
export { circuitBench, tcountBench, type BenchRow, type CircuitBenchRow } from "./bench";
export {
  BENCHMARK_NAME_FORMS, benchmarkCircuit, benchmarkQc, barencoTofQc, DEFAULT_BENCHMARK_CIRCUITS, GF2_POLYNOMIALS, gf2MultQc,
  MAX_TOFFOLI_CONTROLS, parseBenchmarkName, tofQc, type BenchmarkFamily, type BenchmarkName,
} from "./benchmark-circuits";
export {
  BENCHMARK_DIR, benchmarkNameForms, benchmarkSuite, isBenchmarkName, loadBenchmark, publishedFor, storedBenchmarkNames,
  type LoadedBenchmark, type PublishedFor,
} from "./benchmark-suite";
export { PYZX_PUBLISHED, PYZX_SOURCE, tparHeader, type PyzxPublished, type TparCounts } from "./published-tcounts";
