/**
 * Figure 4: the HQNN-Parallel architecture, drawn from a built tfjs model, never from hand-typed boxes.
 *
 * `describeArchitecture(model)` walks `model.layers` in order and groups them into the blocks of section 2.2:
 * a Conv2D with the BatchNorm / ReLU / MaxPool layers after it, Flatten, a Dense with its BatchNorm / ReLU, the
 * quantum layer (any layer of a class that is not a classical tfjs layer) with the BatchNorm after it, and the
 * last Dense (the output). Each block carries its layers' class names, output shapes and trainable parameter
 * counts (PyTorch convention, as countTrainableParams: BatchNorm scale and shift count, running statistics do
 * not), so the blocks' counts add up to the model's.
 *
 * The circuit detail (one of the c parallel circuits) is drawn from the engine's own circuit,
 * `hqnnBranchCircuit` in lib/quantum, built from the quantum layer's configuration (nCircuits, nQubits, nLayers,
 * embedding, template, measure, as lib/nn/quantum-layer.ts reports them): its gates placed column by column as
 * early as their wires allow. The description is checked against the model: the quantum layer must have
 * c · (weights of one circuit) trainable parameters and c · q outputs.
 */
import * as tf from "@tensorflow/tfjs";
import type { Figure } from "../plot";
import type { NamedFigure } from "../plot";
import { buildParallelModel, ModelConfig } from "../nn/models";
import { quantumHead } from "../nn/parallel-head";
import { BranchOptions, branchWeightCount, Circuit, CircuitOp, hqnnBranchCircuit } from "../quantum";

/** c parallel circuits of one kind, each reading q = branch.nQubits of the n = c · q features. */
export interface ParallelCircuits {
  circuits: number;
  branch: BranchOptions;
}


export type BlockKind = "input" | "conv" | "flatten" | "dense" | "replacement" | "quantum" | "output";

export interface LayerInfo {
  className: string;
  name: string;
  /** Output shape without the batch dimension (tfjs: H×W×C for images). */
  outputShape: number[];
  params: number;
}

export interface ArchitectureBlock {
  kind: BlockKind;
  layers: LayerInfo[];
  inputShape: number[];
  outputShape: number[];
  /** Trainable parameters of the block's layers. */
  params: number;
  /** What the block does, one short line each, read from the layers' configurations. */
  lines: string[];
}

export interface ArchitectureDescription {
  title: string;
  blocks: ArchitectureBlock[];
  /** Present when the model has a quantum block. */
  circuits?: ParallelCircuits;
  totalParams: number;
}

/** A figure that also carries the blocks it draws. */
export interface ArchitectureFigure extends Figure {
  blocks: ArchitectureBlock[];
}

// ---------------------------------------------------------------------------------------------------------
// Model → blocks

const CONVOLUTIONS = new Set(["Conv2D", "Conv2dSame"]);
const BATCH_NORMS = new Set(["BatchNormalization", "HqnnBatchNorm"]);
const CLASSICAL = new Set(["InputLayer", ...CONVOLUTIONS, ...BATCH_NORMS, "ReLU", "Activation", "MaxPooling2D", "Flatten", "Dense", "Dropout"]);
/** Layers that belong to the block of the layer before them. */
const FOLLOWERS = new Set([...BATCH_NORMS, "ReLU", "Activation", "MaxPooling2D", "Dropout"]);

function layerParams(layer: tf.layers.Layer): number {
  return layer.trainableWeights.reduce((s, w) => s + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
}

function shapeOf(s: tf.Shape | tf.Shape[]): number[] {
  return ((Array.isArray(s[0]) ? s[0] : s) as tf.Shape).slice(1) as number[];
}

function layerInfo(layer: tf.layers.Layer): LayerInfo {
  return { className: layer.getClassName(), name: layer.name, outputShape: shapeOf(layer.outputShape), params: layerParams(layer) };
}

export const formatShape = (s: number[]) => s.join("×");
export const formatCount = (n: number) => n.toLocaleString("en-US");

function blockLines(kind: BlockKind, layers: tf.layers.Layer[], inputShape: number[], circuits?: ParallelCircuits): string[] {
  const cfg = (l: tf.layers.Layer) => l.getConfig() as Record<string, any>;
  const followers = layers.slice(1).map((l) => {
    const c = l.getClassName();
    if (BATCH_NORMS.has(c)) return "BatchNorm";
    if (c === "MaxPooling2D") return `MaxPool ${[cfg(l).poolSize].flat()[0]}`;
    return c === "Activation" ? String(cfg(l).activation) : c;
  });
  const tail = followers.length > 2 ? [followers.slice(0, 2).join(" · "), followers.slice(2).join(" · ")]
    : followers.length ? [followers.join(" · ")] : [];
  switch (kind) {
    case "input":
      return ["input image"];
    case "conv": {
      const c = cfg(layers[0]);
      const k = [c.kernelSize].flat()[0] as number, stride = [c.strides].flat()[0] as number;
      const pad = c.padding === "same" ? (k - 1) / 2 : 0;
      return [`Conv2D ${k}×${k}, ${inputShape[2]}→${c.filters}`, `stride ${stride}, pad ${pad}`, ...tail];
    }
    case "flatten":
      return ["Flatten"];
    case "quantum": {
      const b = circuits!.branch;
      return [`${circuits!.circuits} parallel PQCs × ${b.nQubits} qubits`, `${b.nLayers} layers each` + (tail.length ? `; then ${tail.join(" · ")}` : "")];
    }
    default: {
      const units = cfg(layers[0]).units as number;
      const head = kind === "replacement" ? [`Dense ${inputShape[0]}→${units}`, "(replaces the PQCs)"] : [`Dense ${inputShape[0]}→${units}`];
      return [...head, ...tail];
    }
  }
}

/** Groups a model's layers into the blocks of section 2.2 (see the file comment). */
export function describeArchitecture(model: tf.LayersModel, opts: { circuits?: ParallelCircuits; title?: string } = {}): ArchitectureDescription {
  const groups: tf.layers.Layer[][] = [];
  for (const layer of model.layers) {
    if (FOLLOWERS.has(layer.getClassName()) && groups.length > 0 && groups[groups.length - 1][0].getClassName() !== "InputLayer") {
      groups[groups.length - 1].push(layer);
    } else {
      groups.push([layer]);
    }
  }
  const quantumGroups = groups.filter((g) => !CLASSICAL.has(g[0].getClassName()));
  if (quantumGroups.length > 1) throw new Error(`describeArchitecture: ${quantumGroups.length} non-classical layers; expected one quantum layer`);
  const circuits = quantumGroups.length ? opts.circuits ?? circuitsOf(quantumGroups[0][0]) : undefined;
  const lastDense = groups.map((g) => g[0].getClassName()).lastIndexOf("Dense");
  let inputShape = shapeOf(model.inputs[0].shape);
  const blocks = groups.map((g, i): ArchitectureBlock => {
    const cls = g[0].getClassName();
    const kind: BlockKind = cls === "InputLayer" ? "input" : CONVOLUTIONS.has(cls) ? "conv" : cls === "Flatten" ? "flatten"
      : !CLASSICAL.has(cls) ? "quantum" : i === lastDense ? "output" : g[0].name === "classical_replacement" ? "replacement" : "dense";
    const layers = g.map(layerInfo);
    const block: ArchitectureBlock = {
      kind, layers, inputShape, outputShape: layers[layers.length - 1].outputShape,
      params: layers.reduce((s, l) => s + l.params, 0), lines: blockLines(kind, g, inputShape, circuits),
    };
    if (kind === "quantum") checkQuantumBlock(block, circuits!);
    inputShape = block.outputShape;
    return block;
  });
  return { title: opts.title ?? model.name, blocks, circuits, totalParams: blocks.reduce((s, b) => s + b.params, 0) };
}

/** The circuits a quantum layer runs, from its configuration (lib/nn/quantum-layer.ts's option names). */
function circuitsOf(layer: tf.layers.Layer): ParallelCircuits {
  const c = layer.getConfig() as Record<string, any>;
  if (![c.nCircuits, c.nQubits, c.nLayers].every(Number.isInteger)) {
    throw new Error(`describeArchitecture: layer ${layer.name} (${layer.getClassName()}) does not report nCircuits, nQubits, nLayers; pass opts.circuits`);
  }
  return { circuits: c.nCircuits, branch: { nQubits: c.nQubits, nLayers: c.nLayers, embedding: c.embedding, template: c.template, basicRotation: c.basicRotation, measure: c.measure } };
}

function checkQuantumBlock(block: ArchitectureBlock, spec: ParallelCircuits): void {
  const q = block.layers[0];
  const weights = spec.circuits * branchWeightCount(spec.branch), width = spec.circuits * spec.branch.nQubits;
  if (q.params !== weights || q.outputShape[0] !== width) {
    throw new Error(`quantum layer ${q.name} has ${q.params} trainable parameters and ${q.outputShape[0]} outputs; ` +
      `${spec.circuits} circuits of ${spec.branch.nQubits} qubits and ${spec.branch.nLayers} layers have ${weights} and ${width}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Drawing

type Shape = Record<string, unknown>;
const COLORS = { input: "#eeeeee", conv: "#fce5cd", flatten: "#fff2cc", dense: "#d9ead3", replacement: "#f4cccc", quantum: "#9fc5e8", output: "#d9ead3" };

const text = (x: number, y: number, s: string, size = 11, extra: object = {}) =>
  ({ x, y, text: s, showarrow: false, font: { size }, xref: "x", yref: "y", ...extra });
const arrow = (x0: number, y0: number, x1: number, y1: number) =>
  ({ x: x1, y: y1, ax: x0, ay: y0, xref: "x", yref: "y", axref: "x", ayref: "y", text: "", showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: 1.2, arrowcolor: "#555" });
const rect = (x0: number, y0: number, x1: number, y1: number, fill: string, extra: object = {}): Shape =>
  ({ type: "rect", x0, y0, x1, y1, fillcolor: fill, line: { color: "#555", width: 1 }, ...extra });

/**
 * Column of each op: the first column after every op already placed on the wires it spans; a new group
 * (embedding, template layer) starts after every op of the previous group.
 */
export function circuitColumns(circuit: Circuit, groupOf: number[] = circuit.ops.map(() => 0)): number[] {
  const free = new Array(circuit.nWires).fill(0);
  return circuit.ops.map((op, i) => {
    if (i > 0 && groupOf[i] !== groupOf[i - 1]) free.fill(Math.max(...free));
    const lo = Math.min(...op.wires), hi = Math.max(...op.wires);
    let col = 0;
    for (let w = lo; w <= hi; w++) col = Math.max(col, free[w]);
    for (let w = lo; w <= hi; w++) free[w] = col + 1;
    return col;
  });
}

/** Which template layer an op belongs to: -1 for the embedding, else the layer of the last trainable gate seen. */
function templateLayers(circuit: Circuit, weightsPerLayer: number): number[] {
  let current = -1;
  return circuit.ops.map((op: CircuitOp) => {
    const w = op.params.find((p) => p.src === "weight");
    if (w && w.src === "weight") current = Math.floor(w.index / weightsPerLayer);
    return op.params.some((p) => p.src === "input") ? -1 : current;
  });
}

function drawCircuit(spec: ParallelCircuits, box: { x0: number; x1: number; y0: number; y1: number }, shapes: Shape[], notes: object[]): void {
  const circuit = hqnnBranchCircuit(spec.branch);
  const layerOf = templateLayers(circuit, branchWeightCount({ ...spec.branch, nLayers: 1 }));
  const q = circuit.nWires, cols = circuitColumns(circuit, layerOf), nCols = Math.max(...cols) + 1;
  const left = box.x0 + 1.4, right = box.x1 - 1.5, dx = (right - left) / (nCols + 1);
  const colX = (c: number) => left + dx * (c + 0.5);
  const top = box.y1 - 1.5, wy = (w: number) => top - (w * (top - box.y0 - 0.5)) / (q - 1);
  const measureX = colX(nCols) + 0.1, half = Math.min(0.42 * dx, 0.45), gateH = 0.34;
  for (let w = 0; w < q; w++) {
    shapes.push({ type: "line", x0: left - 0.2, x1: measureX, y0: wy(w), y1: wy(w), line: { color: "#333", width: 1 } });
    notes.push(text(box.x0 + 0.6, wy(w), `|0⟩  q${w + 1}`, 11));
  }
  circuit.ops.forEach((op, i) => {
    const x = colX(cols[i]);
    if (op.gate === "CNOT") {
      const [c, t] = op.wires.map(wy);
      shapes.push({ type: "line", x0: x, x1: x, y0: c, y1: t + (t < c ? 0.15 : -0.15), line: { color: "#333", width: 1 } });
      shapes.push({ type: "circle", x0: x - 0.07, x1: x + 0.07, y0: c - 0.07, y1: c + 0.07, fillcolor: "#333", line: { color: "#333" } });
      shapes.push({ type: "circle", x0: x - 0.15, x1: x + 0.15, y0: t - 0.15, y1: t + 0.15, fillcolor: "#fff", line: { color: "#333", width: 1 } });
      shapes.push({ type: "line", x0: x - 0.15, x1: x + 0.15, y0: t, y1: t, line: { color: "#333", width: 1 } });
      shapes.push({ type: "line", x0: x, x1: x, y0: t - 0.15, y1: t + 0.15, line: { color: "#333", width: 1 } });
      return;
    }
    const y = wy(op.wires[0]);
    const input = op.params.find((p) => p.src === "input");
    shapes.push(rect(x - half, y - gateH, x + half, y + gateH, input ? "#cfe2f3" : "#f4cccc"));
    notes.push(text(x, y, input && input.src === "input" ? `${op.gate}(φ${input.index + 1})` : op.gate, 10));
  });
  for (let w = 0; w < q; w++) {
    shapes.push(rect(measureX - 0.05, wy(w) - gateH, measureX + 0.75, wy(w) + gateH, "#d9ead3"));
    notes.push(text(measureX + 0.35, wy(w), `⟨${spec.branch.measure ?? "Y"}⟩`, 11), text(measureX + 1.25, wy(w), `v${w + 1}`, 11));
  }
  // Group labels over the columns of the embedding and of each template layer.
  const groups = new Map<number, number[]>();
  cols.forEach((c, i) => groups.set(layerOf[i], [...(groups.get(layerOf[i]) ?? []), c]));
  for (const [layer, cs] of groups) {
    const x0 = colX(Math.min(...cs)) - half, x1 = colX(Math.max(...cs)) + half;
    const label = layer < 0 ? `R${spec.branch.embedding ?? "X"} angle embedding` : `${spec.branch.template ?? "StronglyEntanglingLayers"} ${layer + 1}`;
    shapes.push({ type: "line", x0, x1, y0: top + 0.55, y1: top + 0.55, line: { color: "#777", width: 1 } });
    notes.push(text((x0 + x1) / 2, top + 0.85, label, 10));
  }
  notes.push(text(measureX + 0.35, top + 0.85, "measure", 10));
  const b = spec.branch, w = branchWeightCount(b);
  notes.push(text((box.x0 + box.x1) / 2, box.y1 - 0.3,
    `one of the c = ${spec.circuits} circuits: q = ${b.nQubits} qubits, i = ${b.nLayers} layers, ` +
    `${w} trainable weights (q·3i); all ${spec.circuits}: ${formatCount(spec.circuits * w)} (q·3i·c)`, 13));
}

function blockLabel(b: ArchitectureBlock): string {
  return b.lines.join("<br>");
}

/** "448 params (416 + 32)": the block's count and, when several layers have weights, each layer's. */
function paramsLabel(b: ArchitectureBlock): string {
  const parts = b.layers.filter((l) => l.params > 0).map((l) => formatCount(l.params));
  return `${formatCount(b.params)} params` + (parts.length > 1 ? `<br>(${parts.join(" + ")})` : "");
}

/**
 * The architecture diagram: the pipeline of blocks (shapes and parameter counts under each) and, when the model
 * has a quantum block, one circuit in detail above it. Accepts a built model or its description.
 */
export function architectureFigure(input: tf.LayersModel | ArchitectureDescription, opts: { circuits?: ParallelCircuits; title?: string } = {}): ArchitectureFigure {
  const desc = input instanceof tf.LayersModel ? describeArchitecture(input, opts) : input;
  const shapes: Shape[] = [], notes: object[] = [];
  const width = 26, slot = width / (desc.blocks.length + 0.7), boxW = 0.78 * slot, yMid = 3.6, boxH = 1.5;
  const centre = (i: number) => slot * (i + 0.55);
  const left = (i: number) => centre(i) - boxW / 2, right = (i: number) => centre(i) + boxW / 2;
  /** Where arrows leave / enter block i: one point, or one per circuit for the quantum block. */
  const ports: number[][] = [];
  desc.blocks.forEach((b, i) => {
    const x = centre(i);
    if (b.kind === "quantum") {
      const c = desc.circuits!.circuits, q = desc.circuits!.branch.nQubits, gap = 0.14;
      const h = (2 * boxH + 0.9 - gap * (c - 1)) / c, y0 = yMid - boxH - 0.45;
      const ys: number[] = [];
      for (let k = 0; k < c; k++) {
        const yb = y0 + (c - 1 - k) * (h + gap);
        shapes.push(rect(left(i), yb, right(i), yb + h, COLORS.quantum));
        notes.push(text(x, yb + h / 2, `PQC ${k + 1}: φ${k * q + 1}…φ${(k + 1) * q}`, 10));
        ys.push(yb + h / 2);
      }
      ports.push(ys);
    } else {
      shapes.push(rect(left(i), yMid - boxH, right(i), yMid + boxH, COLORS[b.kind]));
      notes.push(text(x, yMid, blockLabel(b), 11));
      ports.push([yMid]);
    }
    // Under the circuits: the layers that follow them (BatchNorm); the circuits themselves are detailed above.
    const followers = b.kind === "quantum" ? b.layers.slice(1).map((l) => (BATCH_NORMS.has(l.className) ? "BatchNorm" : l.className)).join(" · ") : "";
    notes.push(text(x, yMid - boxH - 0.8, `${followers ? `${followers} ` : ""}→ ${formatShape(b.outputShape)}`, 11));
    if (b.kind !== "input") notes.push(text(x, yMid - boxH - 1.6, paramsLabel(b), 11, { font: { size: 11, color: "#7f0000" } }));
    if (i === 0) return;
    // Split into / merge out of the parallel circuits; otherwise one arrow.
    const from = ports[i - 1], to = ports[i];
    for (const y0 of from) for (const y1 of to) if (from.length === 1 || to.length === 1) notes.push(arrow(right(i - 1), y0, left(i), y1));
  });
  const n = desc.blocks.length, last = desc.blocks[n - 1];
  notes.push(arrow(right(n - 1), yMid, right(n - 1) + 0.3 * slot, yMid));
  notes.push(text(width - 0.4, yMid + 0.5, `${last.outputShape[0]}<br>logits`, 11));
  let top = yMid + boxH + 0.3;
  if (desc.circuits) {
    const qi = desc.blocks.findIndex((b) => b.kind === "quantum");
    const detail = { x0: 0.4, x1: width - 0.2, y0: top + 1.4, y1: top + 9.4 };
    shapes.push(rect(detail.x0, detail.y0, detail.x1, detail.y1, "rgba(0,0,0,0)", { line: { color: "#3d85c6", width: 1.2, dash: "dash" } }));
    const qTop = ports[qi][0] + (2 * boxH + 0.9) / (2 * desc.circuits.circuits);
    shapes.push({ type: "line", x0: left(qi), y0: qTop, x1: detail.x0 + 6, y1: detail.y0, line: { color: "#3d85c6", width: 1, dash: "dot" } });
    shapes.push({ type: "line", x0: right(qi), y0: qTop, x1: detail.x1 - 6, y1: detail.y0, line: { color: "#3d85c6", width: 1, dash: "dot" } });
    drawCircuit(desc.circuits, detail, shapes, notes);
    top = detail.y1;
  }
  notes.push(text(width / 2, top + 0.55, `${desc.title}: ${formatCount(desc.totalParams)} trainable parameters (shapes H×W×C, without the batch)`, 15));
  const yRange = [-0.3, top + 1.0];
  return {
    data: [{ x: [0], y: [0], type: "scatter", mode: "markers", marker: { opacity: 0 }, showlegend: false, hoverinfo: "skip" }],
    layout: {
      xaxis: { range: [0, width], visible: false, fixedrange: true }, yaxis: { range: yRange, visible: false, fixedrange: true },
      shapes, annotations: notes, margin: { l: 5, r: 5, t: 5, b: 5 }, plot_bgcolor: "#fff", showlegend: false,
    },
    width: 1300, height: Math.round(((yRange[1] - yRange[0]) / width) * 1290) + 10,
    blocks: desc.blocks,
  };
}

/**
 * Figure 4 for one model configuration (the MNIST set-up of lib/nn/parallel-setups.ts in the paper's case):
 * the hybrid (`fig4-hqnn-parallel-architecture`) and its classical counterpart (`fig4-cnn-architecture`).
 */
export function architectureFigures(cfg: ModelConfig, datasetName = "MNIST"): NamedFigure[] {
  const hybrid = buildParallelModel(cfg, "quantum", quantumHead), cnn = buildParallelModel(cfg, "dense");
  try {
    return [
      { name: "fig4-hqnn-parallel-architecture", figure: architectureFigure(hybrid, { title: `HQNN-Parallel (${datasetName})` }) },
      { name: "fig4-cnn-architecture", figure: architectureFigure(cnn, { title: `CNN counterpart (${datasetName}), as section 2.2.4 describes it` }) },
    ];
  } finally {
    hybrid.dispose();
    cnn.dispose();
  }
}
