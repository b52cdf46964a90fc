// Attachments: name, size, a type icon, download through the client's authenticated fetch (never a token in a
// URL), and previews of PNG/JPEG/GIF/WebP fetched as blobs (`?inline=1`) into object URLs revoked on disconnect.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { saveBlob } from '@herald/client';
import { formatBytes, InlineImageLoader, problemMessage, type MessageKey } from '@herald/core';
import type { MessageAttachment } from '../../api/message-types.js';
import type { MessageViewContext, MessageViewHost } from '../context.js';

const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function typeOf(a: MessageAttachment): { key: MessageKey; icon: string } {
  const type = a.contentType.toLowerCase();
  const name = a.name.toLowerCase();
  if (type.startsWith('image/')) return { key: 'messageView.fileType.image', icon: '🖼' };
  if (type === 'application/pdf') return { key: 'messageView.fileType.pdf', icon: '📕' };
  if (/sheet|excel|csv/.test(type) || /\.(xlsx?|csv|et)$/.test(name))
    return { key: 'messageView.fileType.sheet', icon: '📊' };
  if (/word|document|text\/plain|rtf|presentation|powerpoint/.test(type) || /\.(docx?|wps|pptx?|txt)$/.test(name))
    return { key: 'messageView.fileType.doc', icon: '📄' };
  if (/zip|rar|7z|tar|gzip/.test(type)) return { key: 'messageView.fileType.archive', icon: '🗜' };
  return { key: 'messageView.fileType.other', icon: '📎' };
}

export class AttachmentsController implements ReactiveController {
  /** Object URLs of the previews, by attachment id. */
  private previews = new Map<string, string>();
  private loading = new Set<string>();
  private abort = new AbortController();
  /** Issue 20 #9: the body's inline images (a new loader after each disconnect, so a body renders afresh). */
  images = this.imageLoader();

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort.abort();
    this.abort = new AbortController();
    for (const url of this.previews.values()) URL.revokeObjectURL(url);
    this.previews.clear();
    this.loading.clear();
    this.images.dispose();
    this.images = this.imageLoader();
  }

  private imageLoader(): InlineImageLoader {
    return new InlineImageLoader(async (id, signal) => {
      const api = this.ctx.api();
      if (!api) throw new Error('not connected');
      return api.inlineImage(id, signal);
    });
  }

  /** How many preview URLs are alive (tests). */
  get previewCount(): number {
    return this.previews.size;
  }

  size(bytes: number): string {
    return formatBytes(bytes, this.ctx.i18n.locale);
  }

  private preview(a: MessageAttachment): void {
    const api = this.ctx.api();
    if (!api || this.previews.has(a.id) || this.loading.has(a.id)) return;
    this.loading.add(a.id);
    const signal = this.abort.signal;
    api
      .inlineImage(a.id, signal)
      .then(
        (blob) => {
          if (signal.aborted) return;
          this.previews.set(a.id, URL.createObjectURL(blob));
          this.host.requestUpdate();
        },
        () => undefined,
      )
      .finally(() => this.loading.delete(a.id));
  }

  private async download(a: MessageAttachment): Promise<void> {
    const api = this.ctx.api();
    if (!api) return;
    try {
      const file = await api.attachment(a.id);
      saveBlob(file.blob, file.fileName ?? a.name);
    } catch (error) {
      this.ctx.announce(
        `${this.ctx.t('messageView.attachment.failed')} ${problemMessage(error, this.ctx.i18n)}`,
        'error',
      );
    }
  }

  render(list: MessageAttachment[], key = 'main'): TemplateResult | typeof nothing {
    if (!list.length) return nothing;
    const { t } = this.ctx;
    for (const a of list) if (PREVIEWABLE.has(a.contentType)) this.preview(a);
    const titleId = `attachments-title-${key}`;
    return html`<section part="attachments" aria-labelledby=${titleId}>
      <h3 id=${titleId}>${t('messageView.attachments')} <span class="muted">(${this.ctx.i18n.number(list.length)})</span
        ></h3>
      <ul class="attachments">
        ${list.map((a) => {
          const type = typeOf(a);
          const url = this.previews.get(a.id);
          return html`<li class="attachment" data-id=${a.id}>
            ${
              url
                ? html`<img class="preview" src=${url} alt=${t('messageView.attachment.preview', { name: a.name })}
              />`
                : nothing
            }
            <span class="file-icon" role="img" aria-label=${t(type.key)}>${type.icon}</span>
            <span class="file-name">${a.name}</span>
            <span class="muted file-size">${this.size(a.size)}</span>
            <button type="button" class="secondary small download"
              aria-label=${t('messageView.attachment.download', { name: a.name })}
              @click=${() => this.download(a)}>⤓</button>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}
