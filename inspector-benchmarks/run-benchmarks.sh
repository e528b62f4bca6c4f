#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md, one after the other, and keeps the raw output in
# inspector-benchmarks/target/results/. Run it on a quiet machine: about 30 minutes on 2 cores.
#   bash inspector-benchmarks/run-benchmarks.sh            # everything
#   bash inspector-benchmarks/run-benchmarks.sh store load # only some groups
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q package -pl inspector-benchmarks -am -DskipTests
JAR=inspector-benchmarks/target/benchmarks.jar
OUT=inspector-benchmarks/target/results
mkdir -p "$OUT"
JMH=(-f 1 -wi 3 -i 5 -w 2s -r 2s)
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(store events session load)

run() { # name, command...
  local name=$1; shift
  echo "== $name: $*" | tee "$OUT/$name.txt"
  "$@" 2>&1 | tee -a "$OUT/$name.txt"
}

for g in "${groups[@]}"; do
  case $g in
    store)
      run store-acquire java -jar $JAR StoreAcquireBenchmark "${JMH[@]}" -rf json -rff "$OUT/store-acquire.json"
      run store-sweep java -jar $JAR StoreSweepBenchmark "${JMH[@]}" -rf json -rff "$OUT/store-sweep.json"
      run store-footprint java -Djdk.attach.allowAttachSelf -Djol.magicFieldOffset=true -Xmx2g \
        -XX:+UseParallelGC -cp $JAR dev.mcpinspector.benchmarks.store.StoreFootprint
      ;;
    events)
      run events-publish java -jar $JAR 'RpcPublishBenchmark' "${JMH[@]}" -p sessionCount=1,1000 \
        -p subscribers=false,true -t 1 -rf json -rff "$OUT/events-publish-1t.json"
      run events-publish-2t java -jar $JAR 'RpcPublishBenchmark' "${JMH[@]}" -p sessionCount=1000 \
        -p subscribers=true -t 2 -rf json -rff "$OUT/events-publish-2t.json"
      run events-snapshot java -jar $JAR RpcSnapshotBenchmark "${JMH[@]}" -rf json -rff "$OUT/events-snapshot.json"
      run events-footprint java -Djol.magicFieldOffset=true -Xmx3g -cp $JAR \
        dev.mcpinspector.benchmarks.events.RpcMemoryFootprint 100 5 1000
      ;;
    session)
      run session-1t java -jar $JAR SessionResolveBenchmark -f 1 -t 1 -rf json -rff "$OUT/session-1t.json"
      run session-2t java -jar $JAR SessionResolveBenchmark -f 1 -t 2 -rf json -rff "$OUT/session-2t.json"
      ;;
    load)
      run load java -Xmx1g -cp $JAR dev.mcpinspector.benchmarks.load.LoadDriver \
        --streams 1000 --rate 10000 --duration 30 || true
      run load-ramp java -Xmx2g -cp $JAR dev.mcpinspector.benchmarks.load.LoadDriver --ramp \
        --streams 1000 --max-streams 4000 --rate-per-stream 10 --duration 20 || true
      ;;
    *) echo "unknown group $g (store, events, session, load)" >&2; exit 2 ;;
  esac
done
