# Sourced by the benchmark scripts: the CPU a process and its threads used so far, from /proc.

# CPU (user + system) a process used so far, in ms.
cpu_ms() { # PID (0 when it is gone)
  { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null || echo; } | awk -v hz="$(getconf CLK_TCK)" '{ print ($12 + $13) * 1000 / hz }'
}

# CPU each kind of thread of a process used so far, in ms: "name<TAB>ms" lines, numbers dropped from names
# (allocd-io-1-2 -> allocd-io; the kernel keeps 15 characters of a name, so the JIT is "C2 CompilerThre").
thread_ms() { # PID
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{
    open = index($0, "("); end = match($0, /\) [A-Z] /); name = substr($0, open + 1, end - open - 1)
    split(substr($0, end + 2), f, " "); while (sub(/[-#:]?[0-9]+$/, "", name)) {}
    ms[name] += (f[12] + f[13]) * 1000 / hz } END { for (n in ms) printf "%s\t%.0f\n", n, ms[n] }'
}

# The thread kinds that used the most CPU between two thread_ms snapshots (files), as one line.
busiest_threads() { # BEFORE AFTER
  awk -F'\t' 'NR == FNR { before[$1] = $2; next } { d = $2 - before[$1]; if (d > 0) printf "%d\t%s\n", d, $1 }' "$1" "$2" \
    | sort -rn | head -5 | awk -F'\t' '{ printf "%s%s %d ms", (NR > 1 ? ", " : ""), $2, $1 }'
}
