import type { Department } from '../api/types.js';

/** Depth from the root (0 for a root), read from the `/a/b/c/` path. */
export const depth = (d: Department): number => d.path.split('/').filter(Boolean).length - 1;

/** Is `d` inside the subtree of `root` (itself included)? */
export const inSubtree = (d: Department, root: Department): boolean => d.path.startsWith(root.path);

export const childrenOf = (all: Department[], parentId: string | null): Department[] =>
  all.filter((d) => (d.parentId ?? null) === parentId).sort((a, b) => a.sortOrder - b.sortOrder);

/** Parents before children, siblings by sortOrder (the server's order, recomputed so local changes stay right). */
export function displayOrder(all: Department[]): Department[] {
  const out: Department[] = [];
  const walk = (parentId: string | null) => {
    for (const d of childrenOf(all, parentId)) {
      out.push(d);
      walk(d.id);
    }
  };
  walk(null);
  // Departments whose parent is out of the caller's view (a scoped admin) become roots.
  for (const d of all)
    if (!out.includes(d)) {
      out.push(d);
      walk(d.id);
    }
  return [...new Set(out)];
}

/** "总部 / 技术部 / 前端组" */
export function pathName(all: Department[], d: Department): string {
  const byId = new Map(all.map((x) => [x.id, x]));
  return d.path
    .split('/')
    .filter(Boolean)
    .map((id) => byId.get(id)?.name ?? '…')
    .join(' / ');
}

/** `<option>` labels indented by depth (non-breaking spaces survive in select lists). */
export const indented = (d: Department, base = 0): string =>
  `${'\u00a0\u00a0'.repeat(Math.max(0, depth(d) - base))}${d.name}`;
