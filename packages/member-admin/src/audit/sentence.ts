// Issue 23: an audit entry as a sentence in the reader's language — "张三 sent “Q4 launch” to 技术部 (12 people)" —
// with the target's name as a separate piece, so that the tab can make it a link. The raw codes stay on the entry.
import type { MessageKey } from '@herald/core';
import type { AuditEntry } from '../api/types.js';
import { roleName } from '../shared/permission-words.js';

interface Translator {
  t(key: MessageKey, params?: Record<string, unknown>): string;
  has(key: string): key is MessageKey;
  plural(key: MessageKey, count: number): string;
}

/** The sentence around its target: `before` + target name (a link) + `after`; `target` is null when there is none. */
export interface AuditSentence {
  before: string;
  target: string | null;
  after: string;
  /** The whole sentence as text (headings, accessible names). */
  text: string;
}

const MARK = '\u0001';

export function auditActor(i18n: Translator, entry: Pick<AuditEntry, 'actorName' | 'actorKind' | 'actorId'>): string {
  return entry.actorName ?? (entry.actorKind === 'system' ? i18n.t('admin.audit.system') : (entry.actorId ?? ''));
}

/** The target's name as the reader should see it (built-in roles translated), or null. */
function targetName(i18n: Translator, entry: AuditEntry): string | null {
  if (!entry.targetName) return null;
  return entry.targetType === 'role'
    ? roleName(i18n, { name: entry.targetName, builtinKey: entry.targetKey })
    : entry.targetName;
}

export function auditSentence(i18n: Translator, entry: AuditEntry): AuditSentence {
  const actor = auditActor(i18n, entry);
  const name = targetName(i18n, entry);
  const shown = name ?? (entry.targetId ? i18n.t('admin.audit.gone') : '');
  const noun = `admin.audit.noun.${entry.targetType}`;
  const type = i18n.has(noun) ? i18n.t(noun) : entry.targetType;
  const params: Record<string, unknown> = { actor, type, target: MARK, action: entry.action };
  if (entry.action === 'message.send') {
    const count = entry.recipientCount ?? 0;
    params.audience = (entry.audience ?? [])
      .map((a) => a.name ?? i18n.t('admin.audit.gone'))
      .join(i18n.t('admin.listSeparator'));
    params.people = i18n.plural('admin.audit.people', count);
  }
  const says = `admin.audit.says.${entry.action}`;
  const verb = `admin.audit.verb.${entry.action.split('.').at(-1)}`;
  let template: string;
  if (i18n.has(says)) template = i18n.t(says, params);
  else if (i18n.has(verb))
    template = i18n.t(shown ? 'admin.audit.sentence' : 'admin.audit.sentenceUnnamed', {
      ...params,
      verb: i18n.t(verb),
    });
  else template = i18n.t(shown ? 'admin.audit.sentenceOther' : 'admin.audit.sentenceOtherUnnamed', params);
  const parts = template.split(MARK);
  if (parts.length === 2 && name !== null)
    return { before: parts[0]!, target: name, after: parts[1]!, text: parts.join(name) };
  const text = parts.join(shown);
  return { before: text, target: null, after: '', text };
}
