// Set-up and measures shared by the benchmarks.
import { readFileSync } from 'node:fs';
import type { Db } from '../server/src/db/client.js';
import { newId } from '../server/src/lib/ids.js';
import { departments, members } from '../server/src/modules/org/schema.js';

/**
 * A department "全员" of `n` members (employee numbers B0…), written 500 rows a statement; answers its id and the member
 * ids.
 */
export async function departmentOfMembers(db: Db, n: number): Promise<{ deptId: string; ids: string[] }> {
  const t0 = Date.now();
  const deptId = newId();
  await db
    .insert(departments)
    .values({ id: deptId, name: '全员', parentId: null, path: `/${deptId}/`, createdAt: t0, updatedAt: t0 });
  const ids: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i += 500) {
      const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => {
        const id = newId();
        ids.push(id);
        return {
          id,
          employeeNo: `B${i + k}`,
          name: `成员${i + k}`,
          departmentId: deptId,
          searchText: '',
          createdAt: t0,
          updatedAt: t0,
        };
      });
      await tx.insert(members).values(rows);
    }
  });
  return { deptId, ids };
}

/**
 * The main thread's time on a core and waiting for one (Linux `schedstat`, nanoseconds); elsewhere the process's CPU
 * time (all threads) and no wait.
 */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
function threadTimes(): { cpu: number; queued: number } {
  try {
    const [cpu, queued] = readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
    return { cpu: cpu! / 1e6, queued: queued! / 1e6 };
  } catch {
    const { user, system } = process.cpuUsage();
    return { cpu: (user + system) / 1000, queued: 0 };
  }
}

/**
 * The longest gap between two turns of the event loop, split into the main thread's time on a core and waiting for
 * one, and the most CPU the thread spent between two turns in any gap. On a machine shared with other work a gap can
 * be the process waiting for a core, not Herald holding the loop: the last figure is what Herald's code held the loop
 * for, whatever the load (what is neither CPU nor waiting is the thread asleep in a call: a lock, the disk).
 */
export function longestGap() {
  let last = { at: performance.now(), ...threadTimes() };
  const worst = { gap: 0, cpu: 0, queued: 0, held: 0 };
  const timer = setInterval(() => {
    const now = { at: performance.now(), ...threadTimes() };
    if (now.at - last.at > worst.gap) {
      Object.assign(worst, { gap: now.at - last.at, cpu: now.cpu - last.cpu, queued: now.queued - last.queued });
    }
    worst.held = Math.max(worst.held, now.cpu - last.cpu); // the most CPU the thread spent between two turns
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return worst;
  };
}
