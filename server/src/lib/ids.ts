import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// Random bytes drawn 4 KB at a time (issue 15): asking the platform for 16 bytes per id cost more than the rest of
// making it, and a send makes several.
const pool = new Uint8Array(4096);
let used = pool.length;
function random16(): Uint8Array {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

// uuid's own rule for ids made in the same millisecond, kept here since ours pass their own random bytes: a new
// millisecond starts from a random sequence, the same one counts up, so ids stay ordered by creation.
let msecs = -Infinity;
let seq = 0;

/** Time-ordered ids (UUIDv7): sortable by creation, safe to expose. */
export function newId(): string {
  const random = random16();
  const t = Date.now();
  if (t > msecs) {
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    msecs = t;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return v7({ random, msecs, seq });
}
