import { html, nothing } from 'lit';
import { cssProps, type LocalizeController, type MessageKey } from '@herald/core';
import type { InboxView, Tag, TagScope } from '../api/types.js';
import { visibleTags, type TagNode } from '../state/tags.js';

/** The inline tag form: a new tag (under a parent) or a new name for one. */
export interface TagEdit {
  mode: 'create' | 'rename';
  scope: TagScope;
  parentId: string | null;
  tagId?: string;
  name: string;
  error?: string;
}

export interface SidebarModel {
  i18n: LocalizeController;
  view: InboxView;
  tagId: string | null;
  unread: number;
  urgent: number;
  /** Issue 19 #3: unread entries that mention the member, beside the Mentions view. */
  mentions: number;
  trees: { organisation: TagNode[]; personal: TagNode[] };
  expanded: ReadonlySet<string>;
  manageOrganisation: boolean;
  edit: TagEdit | null;
  tagsError?: string;
  onView(view: InboxView): void;
  onTag(tag: Tag): void;
  onToggle(tagId: string): void;
  onEdit(edit: TagEdit | null): void;
  onSaveEdit(name: string): void;
  onDelete(tag: Tag): void;
  /** The inline tag form for `edit` (tag-form.ts, in the inbox's lazy actions chunk, issue 16). */
  renderEditForm(label: string): unknown;
  /** Issue 19 #7: the Knowledge view, for members (a contact has no knowledge space). */
  knowledge?: boolean;
  /** Issue 19 #5: the customer conversations' entries (from their lazy chunk), after the views. */
  desk?: unknown;
  /** The desk is shown: no mailbox view is the current one. */
  away?: boolean;
}

const VIEWS: Array<{ view: InboxView; key: MessageKey }> = [
  { view: 'inbox', key: 'inbox.view.inbox' },
  { view: 'starred', key: 'inbox.view.starred' },
  { view: 'mentions', key: 'inbox.view.mentions' },
  { view: 'snoozed', key: 'inbox.view.snoozed' },
  { view: 'sent', key: 'inbox.view.sent' },
  { view: 'drafts', key: 'inbox.view.drafts' }, // issue 20 #2
  { view: 'archived', key: 'inbox.view.archived' },
  { view: 'trash', key: 'inbox.view.trash' },
  { view: 'knowledge', key: 'inbox.view.knowledge' },
];

// Through CSSOM, which a strict CSP (no 'unsafe-inline' styles) allows.
const depth = (n: number) => cssProps({ '--depth': n });

/** The inline tag form, or nothing while its chunk loads (the inbox renders again once it is here). */
const editForm = (m: SidebarModel, label: string) => m.renderEditForm(label);

function renderTag(m: SidebarModel, node: TagNode, editable: boolean) {
  const { tag } = node;
  const { i18n } = m;
  const open = m.expanded.has(tag.id);
  if (m.edit?.mode === 'rename' && m.edit.tagId === tag.id)
    return html`<li ${depth(node.depth)} class="tag-item"
      >${editForm(m, i18n.t('inbox.tags.renameLabel', { name: tag.name }))}</li>`;
  return html`<li class="tag-item" ${depth(node.depth)}>
    <div class="tag-line">
      ${
        node.children.length
          ? html`<button type="button" class="icon disclosure" aria-expanded=${open ? 'true' : 'false'}
            aria-label=${i18n.t(open ? 'inbox.tags.collapse' : 'inbox.tags.expand', { name: tag.name })}
            @click=${() => m.onToggle(tag.id)}>${open ? '▾' : '▸'}</button>`
          : html`<span class="disclosure-space"></span>`
      }
      <button type="button" class="nav tag-button" part="tag-link" aria-current=${m.tagId === tag.id ? 'true' : 'false'}
        @click=${() => m.onTag(tag)}>
        <span class="swatch color-${tag.color ?? 'gray'}" aria-hidden="true"></span>
        <span class="name">${tag.name}</span>
        <span class="count" title=${i18n.t('inbox.tags.countTitle', { count: node.total, unread: node.totalUnread })}>
          ${
            node.totalUnread
              ? html`<strong>${i18n.number(node.totalUnread)}</strong
            >/`
              : nothing
          }${i18n.number(node.total)}
          <span class="visually-hidden"
            >${i18n.t('inbox.tags.countTitle', { count: node.total, unread: node.totalUnread })}</span>
        </span>
      </button>
      ${
        editable
          ? html`<span class="tag-actions">
            <button type="button" class="icon" aria-label=${i18n.t('inbox.tags.addChild', { name: tag.name })}
              title=${i18n.t('inbox.tags.addChild', { name: tag.name })}
              @click=${() => m.onEdit({ mode: 'create', scope: tag.scope, parentId: tag.id, name: '' })}>+</button>
            <button type="button" class="icon" aria-label=${i18n.t('inbox.tags.rename', { name: tag.name })}
              title=${i18n.t('inbox.tags.rename', { name: tag.name })}
              @click=${() =>
                m.onEdit({
                  mode: 'rename',
                  scope: tag.scope,
                  parentId: tag.parentId,
                  tagId: tag.id,
                  name: tag.name,
                })}>✎</button>
            <button type="button" class="icon" aria-label=${i18n.t('inbox.tags.delete', { name: tag.name })}
              title=${i18n.t('inbox.tags.delete', { name: tag.name })}
              @click=${() => m.onDelete(tag)}>×</button>
          </span>`
          : nothing
      }
    </div>
    ${
      m.edit?.mode === 'create' && m.edit.parentId === tag.id
        ? html`<div class="child-form" ${depth(node.depth + 1)}
      >${editForm(m, i18n.t('inbox.tags.newChildLabel', { name: tag.name }))}</div>`
        : nothing
    }
  </li>`;
}

function renderTree(m: SidebarModel, scope: TagScope) {
  const { i18n } = m;
  const nodes = m.trees[scope];
  const editable = scope === 'personal' || m.manageOrganisation;
  const headingKey = scope === 'personal' ? 'inbox.tags.personal' : 'inbox.tags.organisation';
  if (!nodes.length && !editable) return nothing;
  return html`<section class="tags" aria-labelledby="tags-${scope}">
    <div class="tags-head">
      <h3 id="tags-${scope}">${i18n.t(headingKey)}</h3>
      ${
        editable
          ? html`<button type="button" class="icon"
            aria-label=${i18n.t('inbox.tags.new', { scope: i18n.t(headingKey) })}
            title=${i18n.t('inbox.tags.new', { scope: i18n.t(headingKey) })}
            @click=${() => m.onEdit({ mode: 'create', scope, parentId: null, name: '' })}>+</button>`
          : nothing
      }
    </div>
    ${
      m.edit?.mode === 'create' && m.edit.scope === scope && m.edit.parentId === null
        ? editForm(m, i18n.t('inbox.tags.newLabel'))
        : nothing
    }
    ${
      nodes.length
        ? html`<ul class="tree">${visibleTags(nodes, m.expanded).map((n) => renderTag(m, n, editable))}</ul
      >`
        : html`<p class="muted small">${i18n.t('inbox.tags.none')}</p>`
    }
  </section>`;
}

/** Views with the inbox's unread count, then the organisation and personal tag trees (R11). */
export function renderSidebar(m: SidebarModel) {
  const { i18n } = m;
  return html`<nav part="sidebar" class="sidebar" aria-label=${i18n.t('inbox.sidebar.label')}>
    <ul class="views">
      ${VIEWS.filter(({ view }) => view !== 'knowledge' || m.knowledge).map(
        ({ view, key }) => html`<li>
        <button type="button" class="nav" part="view"
          aria-current=${!m.away && m.view === view && (!m.tagId || view === 'sent') ? 'page' : 'false'}
          @click=${() => m.onView(view)}>
          <span class="name">${i18n.t(key)}</span>
          ${
            view === 'inbox' && m.unread
              ? html`<span class="count ${m.urgent ? 'urgent' : ''}"><span aria-hidden="true"
                >${m.unread > 99 ? '99+' : i18n.number(m.unread)}</span><span class="visually-hidden"
                >${i18n.t('inbox.unreadCount', { count: m.unread })}</span></span>`
              : view === 'mentions' && m.mentions
                ? html`<span class="count"><span aria-hidden="true">${i18n.number(m.mentions)}</span
                  ><span class="visually-hidden">${i18n.t('inbox.mentionCount', { count: m.mentions })}</span></span>`
                : nothing
          }
        </button>
      </li>`,
      )}
    </ul>
    ${m.desk}
    ${m.tagsError ? html`<p class="error small" role="alert">${m.tagsError}</p>` : nothing}
    ${renderTree(m, 'organisation')}
    ${renderTree(m, 'personal')}
  </nav>`;
}
