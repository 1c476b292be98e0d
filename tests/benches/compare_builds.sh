#!/usr/bin/env bash
# Compares the full build of a generated archive by two checkouts of Insyn (say, main before
# and after a refactoring), alternating them build by build so that a slow spell of the
# machine hits both alike (in turns, each first half of the time), and prints each one's median wall and CPU time:
#
#   bash tests/benches/compare_builds.sh OLD_CHECKOUT NEW_CHECKOUT [PAGES] [RUNS]
#
# Each checkout needs its release binary (`cargo build --release`). Each generates the archive
# (default 10 000 pages, seed 1) with its own binary and theme, so the content is the same and
# each build uses the templates it was written for. Everything happens under /dev/shm, so the
# file system is left out; each build writes a fresh output folder.
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
pages=${3:-10000}
runs=${4:-9}
work=$(mktemp -d /dev/shm/insyn-compare.XXXX)
trap 'rm -rf "$work"' EXIT
for which in old new; do
  repo=$old
  [ "$which" = new ] && repo=$new
  (cd "$repo" && target/release/insyn dev generate --pages "$pages" --seed 1 --out "$work/$which" >/dev/null)
done
# The order alternates too (old new, new old, …): the second build of a pair runs a little
# slower (the first one's output is still being freed), which must not count against one side.
for ((i = 0; i < runs; i++)); do
  order="old new"
  ((i % 2)) && order="new old"
  for which in $order; do
    repo=$old
    [ "$which" = new ] && repo=$new
    rm -rf "$work/out" "$work/search-index"
    /usr/bin/time -f "$which %e %U %S" -a -o "$work/times" \
      "$repo/target/release/insyn" build -q --config "$work/$which/insyn.toml" --output "$work/out"
  done
done
echo "$pages pages, $runs builds each, alternating (median wall s, median cpu s):"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for which in old new; do
  wall=$(grep "^$which " "$work/times" | awk '{ print $2 }' | median)
  cpu=$(grep "^$which " "$work/times" | awk '{ print $3 + $4 }' | median)
  echo "  $which: wall $wall s, cpu $cpu s"
done
