import { pinyinPro } from '../../lib/heavy-modules.js';

/**
 * What people type to find someone, the way DingTalk and WeCom search: the name, its pinyin in full and as
 * initials (`zhangsan`, `zs` for 张三), and any other identifiers. Lower-case, space-separated.
 */
export function searchText(name: string, ...identifiers: Array<string | null | undefined>): string {
  const syllables = pinyinPro()
    .pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/\s+/g, ''))
    .filter(Boolean);
  const parts = [name, syllables.join(''), syllables.map((s) => s[0]).join(''), ...identifiers];
  return [...new Set(parts.filter((p): p is string => !!p).map((p) => p.toLowerCase().trim()))].join(' ');
}
