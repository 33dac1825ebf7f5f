/**
 * A private single-node Slurm for tests, as root: munged, slurmctld and slurmd with every file (configuration,
 * key when the system has none, sockets, state, spool, logs, pid files) under one temporary folder, on free ports,
 * so it neither needs nor touches a system Slurm. A TaskProlog holds tasks at their start while the test asks (`hold()`).
 * `stop()` cancels its jobs and stops the daemons by their pid files.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const MUNGED = "/usr/sbin/munged", SLURMCTLD = "/usr/sbin/slurmctld", SLURMD = "/usr/sbin/slurmd";
const SYSTEM_KEY = "/etc/munge/munge.key";

/** Why the cluster cannot start here, or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root (munged, slurmctld, slurmd); run make test-slurm as root";
  const missing = [MUNGED, SLURMCTLD, SLURMD, "/usr/bin/sbatch"].filter((f) => !fs.existsSync(f));
  return missing.length ? `${missing.join(", ")} not installed: make test-slurm installs them (scripts/setup.sh slurm)` : undefined;
}

export interface Cluster {
  /** The environment that points Slurm's commands at this cluster. */
  env: NodeJS.ProcessEnv;
  /** Runs a Slurm command against this cluster; returns its stdout. */
  run(program: string, args: string[]): string;
  /**
   * While held, every task that starts stays at its start (RUNNING to Slurm, in the TaskProlog, before its
   * script), so a test can act on a running task without racing its end; release() lets them go on.
   */
  hold(): void;
  release(): void;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `ready` every `everyMs` until it returns a value other than undefined; throws `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, ready: () => T | undefined, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = ready();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

function slurmConf(dir: string, host: string, ports: number[]): string {
  return [
    "ClusterName=hqnntest", `SlurmctldHost=${host}`, "SlurmUser=root", "SlurmdUser=root",
    `SlurmctldPort=${ports[0]}`, `SlurmdPort=${ports[1]}`,
    "AuthType=auth/munge", `AuthInfo=socket=${dir}/munge.socket`,
    `StateSaveLocation=${dir}/state`, `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`, `SlurmdPidFile=${dir}/slurmd.pid`,
    `SlurmctldLogFile=${dir}/slurmctld.log`, `SlurmdLogFile=${dir}/slurmd.log`,
    "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "JobAcctGatherType=jobacct_gather/none", `TaskProlog=${dir}/task-prolog`,
    "SelectType=select/cons_tres", "SelectTypeParameters=CR_Core", "ReturnToService=2", "MpiDefault=none",
    `NodeName=${host} CPUs=2 RealMemory=20000 State=UNKNOWN`,
    `PartitionName=main Nodes=${host} Default=YES MaxTime=INFINITE State=UP`, "",
  ].join("\n");
}

function mungeKey(dir: string): string {
  if (fs.existsSync(SYSTEM_KEY)) return SYSTEM_KEY;
  const key = path.join(dir, "munge.key");
  fs.writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  return key;
}

function readPid(file: string): number | undefined {
  try {
    return Number(fs.readFileSync(file, "utf8").trim()) || undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a daemon by its pid file: SIGTERM, then SIGKILL if it is still there after 15 s. */
async function stopDaemon(pidFile: string): Promise<void> {
  const pid = readPid(pidFile);
  if (pid === undefined || !alive(pid)) return;
  process.kill(pid, "SIGTERM");
  try {
    await waitFor(`${pidFile} (pid ${pid}) to exit`, 15_000, () => (alive(pid) ? undefined : true), 200);
  } catch {
    process.kill(pid, "SIGKILL");
  }
}

export async function startCluster(): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hqnn-slurm-"));
  fs.chmodSync(dir, 0o755); // munged wants its socket's folder searchable by all
  for (const sub of ["state", "spool"]) fs.mkdirSync(path.join(dir, sub));
  const host = os.hostname().split(".")[0];
  const conf = path.join(dir, "slurm.conf");
  const env = { ...process.env, SLURM_CONF: conf };
  const run = (program: string, args: string[]) => execFileSync(program, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const pidFiles = ["slurmd", "slurmctld", "munged"].map((daemon) => path.join(dir, `${daemon}.pid`));
  // Interrupted (Ctrl-C, the runner's timeout), the test's after() does not run: stop the daemons here then.
  const onSignal = (signal: NodeJS.Signals) => {
    for (const pid of pidFiles.map(readPid)) if (pid !== undefined && alive(pid)) process.kill(pid, "SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(128 + os.constants.signals[signal]);
  };
  const holdFile = path.join(dir, "hold");
  const cluster: Cluster = {
    env, run,
    hold: () => fs.writeFileSync(holdFile, ""),
    release: () => fs.rmSync(holdFile, { force: true }),
    async stop() {
      process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
      cluster.release();
      if (readPid(path.join(dir, "slurmctld.pid")) !== undefined) await cancelEverything(run);
      for (const pidFile of pidFiles) await stopDaemon(pidFile);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    run(MUNGED, ["--force", `--socket=${dir}/munge.socket`, `--key-file=${mungeKey(dir)}`, `--log-file=${dir}/munged.log`,
      `--pid-file=${dir}/munged.pid`, `--seed-file=${dir}/munged.seed`]);
    fs.writeFileSync(path.join(dir, "task-prolog"), `#!/bin/sh\nwhile [ -e ${holdFile} ]; do sleep 0.1; done\n`, { mode: 0o755 });
    fs.writeFileSync(conf, slurmConf(dir, host, [await freePort(), await freePort()]));
    run(SLURMCTLD, ["-f", conf]);
    run(SLURMD, ["-f", conf]);
    await waitFor("the node to be idle", 60_000, () => (run("sinfo", ["--noheader", "--format=%T"]).trim() === "idle" ? true : undefined));
    return cluster;
  } catch (e) {
    const logs = ["slurmctld.log", "slurmd.log", "munged.log"].map((f) => path.join(dir, f)).filter(fs.existsSync)
      .map((f) => `${path.basename(f)}:\n${fs.readFileSync(f, "utf8").split("\n").slice(-8).join("\n")}`).join("\n");
    await cluster.stop();
    throw new Error(`${(e as Error).message}\n${logs}`);
  }
}

/** Cancels every job of the cluster and waits (bounded) until none is left running, so no task outlives the test. */
async function cancelEverything(run: Cluster["run"]): Promise<void> {
  try {
    run("scancel", ["--user=root"]);
    await waitFor("the cancelled jobs to end", 30_000, () =>
      (run("squeue", ["--noheader", "--states=RUNNING,COMPLETING,PENDING", "--format=%i"]).trim() === "" ? true : undefined), 500);
  } catch {
    // slurmctld is gone or slow: the daemons are stopped next either way
  }
}
