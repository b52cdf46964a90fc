// Preloaded into a server under measurement (`node --import ./bench/probe.mjs …`): on SIGUSR2 it prints one line
// `PROBE {"cpuUs":…,"sysUs":…,"eldMaxMs":…,"eldP99Ms":…}` — the process's CPU so far (`sysUs`: in the kernel) and the
// event-loop delay since the last report — and starts a new delay window. Benchmarks read it from the child's
// stdout; the server is not changed.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const eld = monitorEventLoopDelay({ resolution: 10 });
eld.enable();
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  const line = { cpuUs: user + system, sysUs: system, eldMaxMs: eld.max / 1e6, eldP99Ms: eld.percentile(99) / 1e6 };
  eld.reset();
  process.stdout.write(`PROBE ${JSON.stringify(line)}\n`);
});
