import type { Tag, TagScope } from '../api/types.js';

/** A tag with its children, and `count`/`unread` summed over its subtree (the server counts each tag alone). */
export interface TagNode {
  tag: Tag;
  depth: number;
  children: TagNode[];
  total: number;
  totalUnread: number;
}

export function tagTree(tags: readonly Tag[], scope: TagScope): TagNode[] {
  const mine = tags.filter((t) => t.scope === scope);
  const byParent = new Map<string | null, Tag[]>();
  const ids = new Set(mine.map((t) => t.id));
  for (const tag of mine) {
    const parent = tag.parentId && ids.has(tag.parentId) ? tag.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), tag]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): TagNode[] =>
    (byParent.get(parent) ?? [])
      .filter((tag) => !seen.has(tag.id) && seen.add(tag.id))
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((tag) => {
        const children = build(tag.id, depth + 1);
        return {
          tag,
          depth,
          children,
          total: tag.count + children.reduce((n, c) => n + c.total, 0),
          totalUnread: tag.unread + children.reduce((n, c) => n + c.totalUnread, 0),
        };
      });
  return build(null, 0);
}

/** The tree in display order, skipping the children of collapsed tags. */
export function visibleTags(nodes: readonly TagNode[], expanded: ReadonlySet<string>): TagNode[] {
  return nodes.flatMap((node) => [node, ...(expanded.has(node.tag.id) ? visibleTags(node.children, expanded) : [])]);
}

/** One entry of a tag picker: the tag and its path (`项目 › 项目A › 需求沟通`). */
export interface TagChoice {
  id: string;
  label: string;
}

/**
 * Every tag of a scope in tree order — each tag right under its parent, siblings by position then name — labelled
 * with its path, for every tag picker (issue 23: never a flat, unsorted list).
 */
export function tagChoices(tags: readonly Tag[], scope: TagScope): TagChoice[] {
  const walk = (nodes: readonly TagNode[], path: string[]): TagChoice[] =>
    nodes.flatMap((n) => [
      { id: n.tag.id, label: [...path, n.tag.name].join(' › ') },
      ...walk(n.children, [...path, n.tag.name]),
    ]);
  return walk(tagTree(tags, scope), []);
}

/** May this session create, rename and delete organisation tags? */
export const managesOrganisationTags = (permissions: readonly string[] | undefined) =>
  !!permissions?.some((p) => p === 'message.manage' || p === 'org.admin');
