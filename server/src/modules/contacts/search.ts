import { searchText } from '../org/search-text.js';

/** What contact search matches: name (with pinyin), company (with pinyin), title, e-mail, phone and tags. */
export function contactSearchText(c: {
  name: string;
  company?: string | null;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
}): string {
  const parts = [searchText(c.name, c.title, c.email, c.phone, ...(c.tags ?? []))];
  if (c.company) parts.push(searchText(c.company));
  return parts.join(' ');
}
