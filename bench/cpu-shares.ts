/**
 * Where a machine's CPU went during a measurement, from /proc (Linux): the processes' user + system
 * ticks, grouped by who they are. Tells whether a throughput number is the portal's limit or the
 * machine's (the database, the proxy and the load generator share its cores).
 */
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function ticksByProcess(): Map<number, { name: string; ticks: number }> {
  const result = new Map<number, { name: string; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the fields after it are plain.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result.set(Number(entry), { name, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return result;
}

/** Starts counting; the returned function gives each group's share of all cores since then, in %. */
export function startCpuShares(groupOf: (pid: number, name: string) => string): () => Record<string, number> {
  const before = ticksByProcess();
  const started = process.hrtime.bigint();
  return () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const capacity = seconds * TICKS_PER_SECOND * os.availableParallelism();
    const shares: Record<string, number> = {};
    for (const [pid, { name, ticks }] of ticksByProcess()) {
      const used = ticks - (before.get(pid)?.ticks ?? 0);
      if (used <= 0) continue;
      const group = groupOf(pid, name);
      shares[group] = (shares[group] ?? 0) + (used / capacity) * 100;
    }
    return shares;
  };
}
