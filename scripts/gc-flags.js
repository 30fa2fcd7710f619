'use strict';
// V8's garbage collector marks, sweeps and scavenges on helper threads. With more than one core they
// run beside the server; confined to ONE core (a cpuset, taskset, or one process per core) they take
// turns with it instead, and the server's pauses grow. Measured on the bench (1,000 viewers, 50 posts/s,
// server pinned to one core): major-GC pauses of 9–14 ms became 5 ms and the delivery p99 went from
// 49–57 ms to 29–47 ms with --single-threaded-gc (docs/performance.md).

/** Node flags for a process that may use `cores` CPUs. */
function gcFlagsFor(cores) {
  return cores <= 1 ? ['--single-threaded-gc'] : [];
}

module.exports = { gcFlagsFor };
