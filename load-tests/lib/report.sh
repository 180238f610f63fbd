#!/usr/bin/env bash
# report.sh RAW ROUNDS: turns compare.sh's wrk results (one "target kind<TAB>key=value…" line per run) into the
# Markdown tables of load-tests/README.md: medians over the rounds per target, then the ratios and budget lines.
set -euo pipefail
raw=$1
rounds=$2

awk -F'\t' -v rounds="$rounds" -v windowSeconds="${WINDOW_SECONDS:-5}" -v warmUpSeconds="${WARM_UP_SECONDS:-30}" '
function field(text, key,    n, parts, i, kv) {
  n = split(text, parts, " ")
  for (i = 1; i <= n; i++) { split(parts[i], kv, "="); if (kv[1] == key) return kv[2] }
  return ""
}
function median(key,    n, values, i, j, t) {
  n = split(store[key], values, " ")
  if (n == 0 || store[key] == "") return ""
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (values[j] + 0 < values[i] + 0) { t = values[i]; values[i] = values[j]; values[j] = t }
  return (n % 2) ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
}
function ms(us) { return us == "" ? "n/a" : sprintf("%.2f", us / 1000) }
function num(x) { return x == "" ? "n/a" : sprintf("%.0f", x) }
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "" : a / b }
function show(r) { return r == "" ? "n/a" : sprintf("%.2f×", r) }
# time90(t, steady): seconds from the first answer to the end of the first window at ≥ 90 % of steady ("> N s"
# when no window got there, "" when not measured); windows are recorded in order.
function time90(t, steady,    n, parts, i, kv, last) {
  if (windows[t] == "" || steady == "") return ""
  n = split(windows[t], parts, " ")
  for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); last = kv[1]; if (kv[2] + 0 >= 0.9 * steady) return kv[1] " s" }
  return "> " last " s"
}
function verdict(ok, known) { return known ? (ok ? "met" : "**not met**") : "not measured" }
{
  split($1, label, " ")
  target = label[1]; kind = label[2]
  if (kind == "ready") { ready[target] = field($2, "seconds"); next }
  seen[target] = 1
  if (kind == "first10") windows[target] = windows[target] " 10:" field($2, "rps")
  if (kind ~ /^warm[0-9]+$/) windows[target] = windows[target] " " substr(kind, 5) ":" field($2, "rps")
  for (k = 1; k <= 7; k++) {
    name = (k == 1) ? "rps" : (k == 2) ? "p50_us" : (k == 3) ? "p99_us" : (k == 4) ? "non2xx" : (k == 5) ? "socket_errors" : (k == 6) ? "tokens_wrapped" : "requests"
    v = field($2, name)
    key = target SUBSEP kind SUBSEP name
    store[key] = (store[key] == "" ? v : store[key] " " v)
    if (name == "non2xx" || name == "socket_errors") errors[target] += v
  }
}
END {
  order = "direct nginx haproxy-jwt bare-netty stock-scg gateway-baseline gateway"
  n = split(order, targets, " ")
  printf "Medians over %d round(s). Latencies in ms. Full load: %s; fixed rates: wrk `delay()` per connection.\n\n", rounds, "wrk --latency, all connections busy"
  print "| target | full load req/s | p50 | p99 | ~200 req/s: achieved, p50, p99 | ~1,000 req/s: achieved, p50, p99 | first 10 s req/s | non-2xx + socket errors (all runs) |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|"
  for (i = 1; i <= n; i++) {
    t = targets[i]
    if (!(t in seen)) continue
    full[t] = median(t SUBSEP "full" SUBSEP "rps")
    first[t] = median(t SUBSEP "first10" SUBSEP "rps")
    for (k = 1; k <= 2; k++) {
      rate = (k == 1) ? "rate200" : "rate1000"
      p50[t, rate] = median(t SUBSEP rate SUBSEP "p50_us")
      p99[t, rate] = median(t SUBSEP rate SUBSEP "p99_us")
      achieved[t, rate] = median(t SUBSEP rate SUBSEP "rps")
    }
    printf "| %s | %s | %s | %s | %s, %s, %s | %s, %s, %s | %s | %d |\n", t, num(full[t]),
      ms(median(t SUBSEP "full" SUBSEP "p50_us")), ms(median(t SUBSEP "full" SUBSEP "p99_us")),
      num(achieved[t, "rate200"]), ms(p50[t, "rate200"]), ms(p99[t, "rate200"]),
      num(achieved[t, "rate1000"]), ms(p50[t, "rate1000"]), ms(p99[t, "rate1000"]),
      (first[t] == "" ? "n/a" : num(first[t])), errors[t]
  }
  newtoken = median("gateway" SUBSEP "newtoken" SUBSEP "rps")
  wrapped = median("gateway" SUBSEP "newtoken" SUBSEP "tokens_wrapped")
  aot = median("gateway-aot" SUBSEP "first10" SUBSEP "rps")
  jdk25 = median("gateway-jdk25" SUBSEP "first10" SUBSEP "rps")
  print ""
  printf "Gateway, new token on every request: %s req/s (p50 %s ms, p99 %s ms)%s.\n", num(newtoken),
    ms(median("gateway" SUBSEP "newtoken" SUBSEP "p50_us")), ms(median("gateway" SUBSEP "newtoken" SUBSEP "p99_us")),
    (wrapped + 0 > 0 ? "; the token file ran out and " wrapped " requests reused a token (raise NEW_TOKENS_PER_ROUND)" : "; no token was used twice")
  if (jdk25 != "" || aot != "") printf "Gateway first 10 s on JDK 25 (extracted jar): %s req/s without AOT cache, %s req/s with it.\n", num(jdk25), num(aot)
  line = ""
  for (i = 1; i <= n; i++) {
    t = targets[i]
    if ((t in seen) && time90(t, full[t]) != "") line = line (line == "" ? "" : ", ") t " " time90(t, full[t])
  }
  if (line != "") printf "Time from the first answer to the first %s-s window at ≥ 90 %% of steady (the full-load median): %s.\n", windowSeconds, line
  if (time90("gateway-jdk25", full["gateway"]) != "" || time90("gateway-aot", full["gateway"]) != "")
    printf "On JDK 25, to 90 %% of the Java 17 gateway'"'"'s steady: %s without AOT cache, %s with it.\n", time90("gateway-jdk25", full["gateway"]), time90("gateway-aot", full["gateway"])
  print ""
  print "| ratio / budget line | measured | budget | verdict |"
  print "|---|---:|---:|---|"
  g = full["gateway"]
  r = ratio(g, full["stock-scg"]);  printf "| gateway / stock SCG, full-load throughput | %s | ≥ 1.0× | %s |\n", show(r), verdict(r >= 1.0, r != "")
  r = ratio(g, full["bare-netty"]); printf "| gateway / bare Netty, full-load throughput | %s | ≥ 0.35× | %s |\n", show(r), verdict(r >= 0.35, r != "")
  r = ratio(g, full["haproxy-jwt"]); printf "| gateway / HAProxy-JWT, full-load throughput | %s | (reported) | |\n", show(r)
  r = ratio(g, full["nginx"]);      printf "| gateway / nginx, full-load throughput | %s | (reported) | |\n", show(r)
  if ("gateway-baseline" in seen) {
    r = ratio(g, full["gateway-baseline"]); printf "| gateway / gateway-baseline (BASELINE_GATEWAY_JAR), full-load throughput | %s | (before/after) | |\n", show(r)
  }
  for (k = 1; k <= 2; k++) {
    rate = (k == 1) ? "rate200" : "rate1000"; name = (k == 1) ? "200" : "1,000"
    known = p50["gateway", rate] != "" && p50["direct", rate] != ""
    d50 = (p50["gateway", rate] - p50["direct", rate]) / 1000
    d99 = (p99["gateway", rate] - p99["direct", rate]) / 1000
    printf "| %s req/s: gateway p50 − direct p50 | %s | ≤ 1 ms | %s |\n", name, known ? sprintf("%+.2f ms", d50) : "n/a", verdict(d50 <= 1, known)
    printf "| %s req/s: gateway p99 − direct p99 | %s | ≤ 5 ms | %s |\n", name, known ? sprintf("%+.2f ms", d99) : "n/a", verdict(d99 <= 5, known)
  }
  r = ratio(newtoken, g); printf "| new token per request / cached, gateway throughput | %s | ≥ 0.5× | %s |\n", show(r), verdict(r >= 0.5, r != "")
  if ("gateway-baseline" in seen) {
    baseNew = median("gateway-baseline" SUBSEP "newtoken" SUBSEP "rps")
    r = ratio(baseNew, full["gateway-baseline"]); printf "| gateway-baseline: new token per request / cached | %s | (before/after) | |\n", show(r)
    r = ratio(newtoken, baseNew); printf "| gateway / gateway-baseline, new token per request | %s | (before/after) | |\n", show(r)
  }
  r = ratio(first["gateway"], g); printf "| gateway first 10 s / steady (targets JDK) | %s | ≥ 0.3× | %s |\n", show(r), verdict(r >= 0.3, r != "")
  r = ratio(aot, g); printf "| gateway first 10 s with JDK 25 AOT cache / steady | %s | ≥ 0.5× | %s |\n", show(r), verdict(r >= 0.5, r != "")
  warm = median("gateway-warm" SUBSEP "first10" SUBSEP "rps")
  aotWarm = median("gateway-aot-warm" SUBSEP "first10" SUBSEP "rps")
  r = ratio(warm, g); printf "| gateway first 10 s after readiness, %s-s warm-up (targets JDK) / steady | %s | ≥ 0.3× | %s |\n", warmUpSeconds, show(r), verdict(r >= 0.3, r != "")
  r = ratio(aotWarm, g); printf "| gateway first 10 s after readiness, %s-s warm-up, JDK 25 AOT cache / steady | %s | ≥ 0.5× | %s |\n", warmUpSeconds, show(r), verdict(r >= 0.5, r != "")
  printf "| gateway start to ready with the warm-up (targets JDK; JDK 25 AOT cache) | %s; %s | (reported) | |\n", (ready["gateway-warm"] == "" ? "n/a" : ready["gateway-warm"] " s"), (ready["gateway-aot-warm"] == "" ? "n/a" : ready["gateway-aot-warm"] " s")
  t90 = time90("gateway-warm", g); printf "| gateway time from readiness to 90 %% of steady, with the warm-up | %s | (reported) | |\n", (t90 == "" ? "n/a" : t90)
  t90 = time90("gateway", g); printf "| gateway time to 90 %% of steady (targets JDK) | %s | (reported) | |\n", (t90 == "" ? "n/a" : t90)
  t90 = time90("gateway-aot", g); printf "| gateway time to 90 %% of steady, JDK 25 AOT cache | %s | (reported) | |\n", (t90 == "" ? "n/a" : t90)
  r = ratio(first["stock-scg"], full["stock-scg"]); printf "| stock SCG first 10 s / steady | %s | (reported) | |\n", show(r)
  r = ratio(first["bare-netty"], full["bare-netty"]); printf "| bare Netty first 10 s / steady | %s | (reported) | |\n", show(r)
}' "$raw"
