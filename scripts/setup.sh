#!/usr/bin/env bash
# One-time set-up for a fresh machine, run by every make target (cheap when already done):
# npm packages, the Debian packages the notebooks and figures need, and the project-local tslab kernelspec.
# Extras a target alone needs are named as arguments: `setup.sh torch` adds Debian's python3-torch (make bench),
# `setup.sh slurm` Debian's slurm-wlm and munge (make test, make test-slurm), optional: installed as root, otherwise
# a note, and the Slurm test skips saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "hqnn-ts needs Node.js >= 20 (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# 1. npm packages (never let a tool download its own browser; tfjs-node is optional and not installed).
# Reinstall only when package-lock.json's content differs from what was last installed.
lock_sha=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.hqnn-lock-sha256 2>/dev/null)" != "$lock_sha" ]; then
  echo "setup: npm ci" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_sha" > node_modules/.hqnn-lock-sha256
fi

# 2. Debian packages: Jupyter (nbclient) for notebooks, Chromium for static figures.
need=()
want_slurm() {
  local slurm=()
  [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && [ -x /usr/bin/sbatch ] || slurm+=(slurm-wlm)
  [ -x /usr/sbin/munged ] || slurm+=(munge)
  [ "${#slurm[@]}" -gt 0 ] || return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    need+=("${slurm[@]}")
  else
    echo "setup: not installing ${slurm[*]} (needs root and apt-get), so the Slurm test skips;" \
      "to run it: sudo apt-get install --no-install-recommends ${slurm[*]}, then make test-slurm as root" >&2
  fi
}
/usr/bin/python3 -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null || need+=(jupyter-nbconvert jupyter-client python3-ipython)
[ -x /usr/bin/chromium ] || need+=(chromium)
for extra in "$@"; do
  case "$extra" in
    torch) /usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch) ;;
    slurm) want_slurm ;;
    *) echo "setup.sh: unknown extra $extra (known: torch, slurm)" >&2; exit 2 ;;
  esac
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: apt-get install ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "hqnn-ts needs these Debian packages: ${need[*]}" >&2
    echo "install them with: sudo apt-get install --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
fi

# 3. Project-local kernelspec: tslab started from the repository root, so notebooks import ./lib/...
kdir=.jupyter/share/jupyter/kernels/hqnn-ts
mkdir -p "$kdir"
cat > "$kdir/kernel.json.tmp" <<JSON
{
  "argv": ["/bin/sh", "-c", "cd '$ROOT' && exec '$ROOT/node_modules/.bin/tslab' kernel --config-path \"\$0\"", "{connection_file}"],
  "display_name": "TypeScript (hqnn-ts)",
  "language": "typescript",
  "env": {"HQNN_NOTEBOOK": "1", "NODE_OPTIONS": "--require tsx/cjs --require ./scripts/tslab-nowatch.cjs"}
}
JSON
mv "$kdir/kernel.json.tmp" "$kdir/kernel.json"
