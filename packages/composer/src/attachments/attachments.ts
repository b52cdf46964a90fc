// Attachments: the drop zone and file picker, size checks before upload, one upload (with progress and
// cancel) per file, and the list of uploaded files. Uploaded files live in the composer's state.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatBytes, problemMessage } from '@herald/core';
import { DEFAULT_LIMITS } from '../api/composer-api.js';
import type { Attachment } from '../api/types.js';
import type { ComposerContext, ComposerHost } from '../composer/context.js';

/** A file being uploaded, or one that was refused (uploaded files live in the state's `attachments`). */
export interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** 0–1 while uploading. */
  progress: number;
  error?: string;
  controller?: AbortController;
}

/** Drives the composer's updates through `host.requestUpdate()`; needs no lifecycle hooks, so it is not registered. */
export class AttachmentsController {
  pending: PendingFile[] = [];
  /** Server errors on single attachments, by id. */
  itemErrors = new Map<string, string>();
  limits = DEFAULT_LIMITS;
  private uploadStatus = '';
  private dragging = false;
  private fileSeq = 0;

  constructor(
    private readonly host: ComposerHost,
    private readonly ctx: ComposerContext,
  ) {}

  /** Files still uploading (the message may not be sent before they are done). */
  get uploading(): boolean {
    return this.pending.some((p) => !p.error);
  }

  setLimits(limits: typeof DEFAULT_LIMITS): void {
    this.limits = limits;
    this.host.requestUpdate();
  }

  setErrors(errors: Map<string, string>): void {
    this.itemErrors = errors;
    this.host.requestUpdate();
  }

  /** Forgets every file; with `abort`, uploads under way are stopped. */
  reset(abort = false): void {
    if (abort) for (const p of this.pending) p.controller?.abort();
    this.pending = [];
    this.itemErrors = new Map();
    this.host.requestUpdate();
  }

  private usedBytes(): number {
    return (
      this.ctx.state().attachments.reduce((n, a) => n + a.size, 0) +
      this.pending.filter((p) => !p.error).reduce((n, p) => n + p.size, 0)
    );
  }

  /** Checks sizes before anything is sent, then uploads each accepted file with its own progress. */
  addFiles(files: Iterable<File>): void {
    for (const file of files) void this.add(file);
    this.ctx.clearError('attachments');
  }

  /**
   * Issue 20 #9: an image pasted, dropped or picked in the text: one more attachment (the same size checks, progress
   * and list), answered once uploaded; a refusal is thrown as a problem-like `{ detail }` or the server's problem.
   */
  async addImage(file: File): Promise<Attachment> {
    const attachment = await this.add(file, true);
    if (!attachment) throw { detail: this.uploadStatus };
    return attachment;
  }

  private add(file: File, rethrow = false): Promise<Attachment | null> {
    const locale = this.ctx.i18n.locale;
    const { t } = this.ctx;
    const key = `f${++this.fileSeq}`;
    const entry: PendingFile = { key, name: file.name, size: file.size, progress: 0 };
    if (file.size > this.limits.maxFileBytes) {
      entry.error = t('composer.attachments.tooLarge', {
        name: file.name,
        max: formatBytes(this.limits.maxFileBytes, locale),
      });
    } else if (this.usedBytes() + file.size > this.limits.maxMessageBytes) {
      entry.error = t('composer.attachments.totalTooLarge', {
        name: file.name,
        max: formatBytes(this.limits.maxMessageBytes, locale),
      });
    }
    this.pending = [...this.pending, entry];
    this.host.requestUpdate();
    if (entry.error) {
      this.uploadStatus = entry.error;
      return Promise.resolve(null);
    }
    return this.upload(file, entry, rethrow);
  }

  private patchPending(key: string, patch: Partial<PendingFile>): void {
    this.pending = this.pending.map((p) => (p.key === key ? { ...p, ...patch } : p));
    this.host.requestUpdate();
  }

  private setStatus(text: string): void {
    this.uploadStatus = text;
    this.host.requestUpdate();
  }

  private async upload(file: File, entry: PendingFile, rethrow: boolean): Promise<Attachment | null> {
    const { t } = this.ctx;
    const controller = new AbortController();
    this.patchPending(entry.key, { controller });
    this.setStatus(t('composer.attachments.progress', { name: file.name, percent: 0 }));
    let announced = 0;
    try {
      const attachment = await this.ctx.api()!.upload(file, {
        signal: controller.signal,
        onProgress: (loaded, total) => {
          const progress = total ? loaded / total : 0;
          this.patchPending(entry.key, { progress });
          // Announce in quarters, not on every event.
          const quarter = Math.floor(progress * 4);
          if (quarter > announced && quarter < 4) {
            announced = quarter;
            this.setStatus(t('composer.attachments.progress', { name: file.name, percent: quarter * 25 }));
          }
        },
      });
      this.pending = this.pending.filter((p) => p.key !== entry.key);
      this.ctx.update({ attachments: [...this.ctx.state().attachments, attachment] }, 'attachments');
      this.setStatus(t('composer.attachments.uploaded', { name: file.name }));
      return attachment;
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return null;
      const message = problemMessage(error, this.ctx.i18n);
      this.patchPending(entry.key, { error: message, controller: undefined });
      this.setStatus(`${file.name}: ${message}`);
      if (rethrow) throw error;
      return null;
    }
  }

  private cancelUpload(entry: PendingFile): void {
    entry.controller?.abort();
    this.pending = this.pending.filter((p) => p.key !== entry.key);
    if (entry.controller) this.uploadStatus = this.ctx.t('composer.attachments.cancelled', { name: entry.name });
    this.host.requestUpdate();
  }

  private async removeAttachment(attachment: Attachment): Promise<void> {
    this.ctx.update({ attachments: this.ctx.state().attachments.filter((a) => a.id !== attachment.id) }, 'attachments');
    this.itemErrors.delete(attachment.id);
    this.setStatus(this.ctx.t('composer.attachments.removed', { name: attachment.name }));
    await this.ctx
      .api()
      ?.deleteAttachment(attachment.id)
      .catch(() => undefined);
  }

  private onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this.dragging = false;
    this.host.requestUpdate();
    if (e.dataTransfer?.files.length) this.addFiles(e.dataTransfer.files);
  };

  private onFilesPicked = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    if (input.files) this.addFiles([...input.files]);
    input.value = '';
  };

  private setDragging(on: boolean): void {
    this.dragging = on;
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const { t } = this.ctx;
    const locale = this.ctx.i18n.locale;
    const attachments = this.ctx.state().attachments;
    return html`<div class="field wide">
      <span class="label" id="attachments-label">${t('composer.attachments')}</span>
      <div part="dropzone" class="dropzone ${this.dragging ? 'dragging' : ''}" aria-describedby="attachments-limits"
        @dragover=${(e: DragEvent) => (e.preventDefault(), this.setDragging(true))}
          @dragleave=${() => this.setDragging(false)} @drop=${this.onDrop}>
        ${t('composer.attachments.drop')}
        <input id="files" type="file" multiple class="visually-hidden" @change=${this.onFilesPicked}
          aria-describedby="attachments-limits" />
        <label for="files" class="pick">${t('composer.attachments.pick')}</label>
        <span class="muted" id="attachments-limits">${t('composer.attachments.limits', {
          file: formatBytes(this.limits.maxFileBytes, locale),
          total: formatBytes(this.limits.maxMessageBytes, locale),
        })}</span>
      </div>
      ${
        attachments.length || this.pending.length
          ? html`<ul class="files" aria-labelledby="attachments-label">
            ${repeat(
              attachments,
              (a) => a.id,
              (a) => {
                const error = this.itemErrors.get(a.id);
                return html`<li part="file" class=${error ? 'invalid' : ''}>
                <span class="file-name">${a.name}</span> <span class="muted">${formatBytes(a.size, locale)}</span>
                <button type="button" class="small secondary"
                  aria-label=${t('composer.attachments.remove', { name: a.name })}
                  @click=${() => this.removeAttachment(a)}><span aria-hidden="true">×</span></button>
                ${error ? html`<span class="field-error">${error}</span>` : nothing}
              </li>`;
              },
            )}
            ${repeat(
              this.pending,
              (p) => p.key,
              (p) => html`<li part="file" class=${p.error ? 'invalid' : 'uploading'}>
              <span class="file-name">${p.name}</span> <span class="muted">${formatBytes(p.size, locale)}</span>
              ${
                p.error
                  ? html`<span class="field-error">${p.error}</span>
                    <button type="button" class="small secondary"
                      aria-label=${t('composer.attachments.remove', { name: p.name })}
                      @click=${() => this.cancelUpload(p)}><span aria-hidden="true">×</span></button>`
                  : html`<progress max="100" .value=${Math.round(p.progress * 100)}
                    aria-label=${t('composer.attachments.progressLabel', { name: p.name })}></progress>
                    <button type="button" class="small secondary"
                      aria-label=${t('composer.attachments.cancel', { name: p.name })}
                      @click=${() => this.cancelUpload(p)}><span aria-hidden="true">×</span></button>`
              }
            </li>`,
            )}
          </ul>`
          : nothing
      }
      <p class="visually-hidden" role="status" id="upload-status">${this.uploadStatus}</p>
      ${this.ctx.renderError('attachments')}
    </div>`;
  }
}
