#!/usr/bin/env bash
# Runs every test of Insyn on a Debian machine that has Rust: installs what the JavaScript and
# browser tests need first (Node.js, npm and Debian's Chromium from apt — never a downloaded
# browser — and the npm test packages), then runs `cargo test --all-targets`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if ((${#missing[@]})); then
  packages=("${missing[@]}" fonts-dejavu-core)
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "tests/run.sh: the tests need ${missing[*]}; as root, run:" >&2
    echo "  apt-get install -y --no-install-recommends ${packages[*]}" >&2
    exit 1
  fi
  echo "tests/run.sh: installing ${packages[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

npm ci --prefix tests/browser --no-audit --no-fund
cargo test --all-targets "$@"
