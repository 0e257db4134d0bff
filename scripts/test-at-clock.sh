#!/usr/bin/env bash
# Runs the whole test suite with the clock of every test process moved, through libfaketime:
# to a wall time in India (today's date, or the date given), or a number of days ahead.
#
#   bash scripts/test-at-clock.sh 01:30          # inside Ozonetel's 00:00–03:00 IST migration
#   bash scripts/test-at-clock.sh 23:59 2026-11-24
#   bash scripts/test-at-clock.sh +45d           # past Ozonetel's 15-day and a month's retention
#   bash scripts/test-at-clock.sh +400d          # past a year: every fixture's date is long gone
#
# Tests take their clocks by injection and must pass at any hour and on any date; this proves
# it, because a test that reads the machine's clock for a decision fails at one of the hours
# CI picks, and a test that compares a fixed date with the machine's clock fails once the
# date has moved past a retention window.
# The clock is moved by an offset (FAKETIME="+Ns"), not pinned, so it still advances and
# every process (turbo, vitest workers, CLI children) sees the same moved time. Monotonic
# clocks are left alone: timers and timeouts keep real durations.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage="usage: test-at-clock.sh HH:MM [YYYY-MM-DD] | +Nd"
moved="${1:?$usage}"

library=""
find_library() {
  for candidate in /usr/lib/*/faketime/libfaketimeMT.so.1 /usr/lib/faketime/libfaketimeMT.so.1; do
    if [ -f "$candidate" ]; then library="$candidate"; return 0; fi
  done
  return 1
}
if ! find_library; then
  echo "test-at-clock: installing libfaketime (Debian package faketime)" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y -q faketime >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q faketime >/dev/null; }
  else
    sudo apt-get install -y -q faketime >/dev/null
  fi
  find_library || { echo "test-at-clock: libfaketime not found after installing faketime" >&2; exit 1; }
fi

if [[ "$moved" =~ ^\+([0-9]+)d$ ]]; then
  target=$(($(date +%s) + BASH_REMATCH[1] * 86400))
elif [[ "$moved" =~ ^[0-9]{2}:[0-9]{2}$ ]]; then
  day="${2:-$(TZ=Asia/Kolkata date +%F)}"
  target="$(date -d "$day $moved +0530" +%s)"
else
  echo "$usage" >&2
  exit 2
fi
offset=$((target - $(date +%s)))
sign=$([ "$offset" -ge 0 ] && echo + || echo -)
export LD_PRELOAD="$library${LD_PRELOAD:+:$LD_PRELOAD}"
export FAKETIME="$sign${offset#-}s"
export FAKETIME_DONT_FAKE_MONOTONIC=1

# The wrapper provisions the toolchain first; then prove the clock really moved for Node,
# so that a libfaketime that silently does nothing cannot pass for a run at that hour.
seen="$(./pnpmw exec node -e "process.stdout.write(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', dateStyle: 'short', timeStyle: 'short' }).format(new Date()))")"
expected="$(TZ=Asia/Kolkata date -d "@$target" '+%d/%m/%Y, %H:%M')"
expected_next="$(TZ=Asia/Kolkata date -d "@$((target + 60))" '+%d/%m/%Y, %H:%M')"
if [ "$seen" != "$expected" ] && [ "$seen" != "$expected_next" ]; then
  echo "test-at-clock: Node sees $seen IST, not $expected: libfaketime did not take" >&2
  exit 1
fi
echo "test-at-clock: running the test suite at $seen IST (clock offset $FAKETIME)" >&2

# --force: the same tests already passed at the real time, and turbo would replay that
# result from its cache instead of running them on the moved clock.
./pnpmw exec turbo run test --force --only --output-logs=errors-only
