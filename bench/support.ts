// Set-up shared by the benchmarks.
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
