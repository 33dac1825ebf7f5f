import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { CHECK_KINDS, CLAIMS, Claim, claimProblems, RESULT_IDS, refsOf, registryProblems } from "../../lib/claims";

const PAPER = process.env.HQNN_PAPER ?? "/work/shared/paper/senokosov-2024-qml-image-classification.md";
const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

test("the registry is well formed (ids, locations, check kinds, result ids)", () => {
  assert.deepEqual(registryProblems(CLAIMS), []);
});

test("every entry has a paper location with a section and a quote", () => {
  for (const c of CLAIMS) {
    assert.ok(c.where.section.trim().length > 0, c.id);
    assert.ok(c.where.quote.trim().length >= 10, `${c.id}: quote too short to locate`);
  }
});

test("every entry points to a known checker kind, and result-based checks to known result ids", () => {
  const known = new Set<string>(RESULT_IDS);
  for (const c of CLAIMS) {
    assert.ok((CHECK_KINDS as readonly string[]).includes(c.check.kind), c.id);
    if (c.check.kind === "measure") {
      const refs = refsOf(c.check.value);
      assert.ok(refs.length > 0, c.id);
      for (const r of refs) assert.ok(known.has(r.result), `${c.id}: ${r.result}`);
    }
  }
});

test("every quote stands in the paper, verbatim up to whitespace", { skip: !fs.existsSync(PAPER) && `paper text not found at ${PAPER}` }, () => {
  const paper = normalise(fs.readFileSync(PAPER, "utf8"));
  for (const c of CLAIMS) {
    for (const loc of [c.where, ...(c.alsoAt ?? [])]) {
      assert.ok(paper.includes(normalise(loc.quote)), `${c.id}: not in the paper: ${loc.quote}`);
    }
  }
});

test("the validator rejects entries without a location, with unknown results, or with results inside a computation", () => {
  const base: Claim = { id: "x-claim", where: { section: "Abstract", quote: "some quote here" }, statement: "s", check: { kind: "not-checkable", reason: "r" } };
  assert.deepEqual(claimProblems(base), []);
  assert.ok(claimProblems({ ...base, where: { section: "", quote: "" } }).length > 0);
  assert.ok(claimProblems({ ...base, check: { kind: "measure", value: { ref: "nope" as any, field: "a" }, expect: { equals: 1 } } }).length > 0);
  assert.ok(claimProblems({ ...base, check: { kind: "computation", value: { ref: "fourier", field: "all_zero" }, expect: { equals: true } } }).length > 0);
  assert.ok(claimProblems({ ...base, check: { kind: "measure", value: 3, expect: { equals: 3 } } }).length > 0);
  assert.ok(claimProblems({ ...base, check: { kind: "oracle" } as any }).length > 0);
  assert.ok(registryProblems([base, base]).some((p) => p.includes("duplicate")));
});

test("the paper's headline numbers are all covered", () => {
  const text = JSON.stringify(CLAIMS);
  const numbers = [
    "99.21", "98.71", "99.97", "99.96", "82.78", "82.64", "45194", "372234", "247462", "247642", "81578", "81698",
    "0.0204", "0.0274", "0.0205", "0.0449", "0.00429", "0.00332", "0.00456", "0.00396", "0.3659", "0.5484", "0.3851", "0.5208",
    "0.67", "0.66", "0.53", "47163", "11791", "58954", "70000", "180",
  ];
  for (const n of numbers) assert.ok(text.includes(n), `no claim carries ${n}`);
  const ids = new Set(CLAIMS.map((c) => c.id));
  for (const id of ["medmnist-three-channels", "quanv-backprop-quicker-than-adjoint", "zx-every-parameter-on-own-node",
    "fourier-determinant-zero", "fourier-independence-interpretation", "abstract-eight-times-fewer-params"]) {
    assert.ok(ids.has(id), id);
  }
});
