/** Schemas shared by several result formats: provenance, the data source record, summary statistics. */
import { arr, bool, nullable, num, obj, oneOf, opt, str, tuple } from "../schema";

/** How a result was produced (lib/results `startProvenance`). */
export const provenance = obj({
  command: str, git_commit: str, git_dirty: bool, backend: str, seeds: arr(num), node: str,
  started_at: str, wall_s: num, profile: str, host_cpus: num,
});

/** A resumable run's provenance: its first invocation's, with one entry per invocation that trained epochs. */
export const runProvenance = obj({
  ...provenance.shape,
  invocations: arr(obj({ started_at: str, git_commit: str, git_dirty: bool, backend: str, first_epoch: num, threads: opt(num) })),
});

/** Where a dataset's pixels came from, as a loader reports it (lib/data `SourceInfo`) and a result records it. */
export const dataSource = obj({
  /** Where the pixels came from this time; "jpeg-lossy" for every load of a lossy JPEG copy (see `from`). */
  kind: oneOf("cache", "mirror", "download", "jpeg-lossy"),
  /** Where the bytes were read from this time: the decoded cache, the mirror folder, or a fresh download. */
  from: oneOf("cache", "mirror", "download"),
  /** The manifest source id (e.g. "binary", "jpeg-lossy") and its variant. */
  id: str,
  /** The manifest source's public label, when it has one (CIFAR-10: "official-binary" or "jpeg-q75"). */
  label: opt(str),
  variant: str,
  lossy: bool,
  /** The file read: the decoded-cache file, or the raw file (or folder of raw files). */
  path: str,
  /** The URL a fresh download came from. */
  url: opt(str),
  /** For kind "cache": where the cache was built from (raw file path or URL). */
  built_from: opt(str),
  /** The raw files' pinned checksums (and/or the content digest) that were verified. */
  files: arr(obj({ name: str, sha256: opt(str), md5: opt(str), bytes: opt(num) })),
  content_sha256: opt(str),
  note: opt(str),
});

/** lib/stats `summarize`: sample size, mean, sd (divisor n-1), standard error, extremes, 95 % prediction interval. */
export const stat = obj({ n: num, mean: num, std: num, se: nullable(num), min: num, max: num, prediction95: nullable(tuple(num, num)) });

/** Machine load around a timed measurement. */
export const machineLoad = obj({ loadavg_1_5_15_before: arr(num), loadavg_1_5_15_after: arr(num), cpus: num, note: opt(str) });

/** Load averages (1, 5, 15 min) before and after a benchmark. */
export const loadAverage = obj({ before: arr(num), after: arr(num) });
