import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { renderField, type MessageKey } from '@herald/core';
import { saveBlob } from '../api/admin-api.js';
import type { ImportBatch, ImportRow } from '../api/types.js';
import { HeraldImportCommitEvent } from '../events/import-commit.js';
import { AdminTab } from '../shared/admin-tab.js';
import { styles } from './import.styles.js';
import { adminStrings } from '../i18n/index.js';
import { importStrings } from './i18n/index.js';

/** The template's columns per kind (the server's order); unknown extra fields are shown after them. */
const COLUMNS: Record<ImportBatch['kind'], string[]> = {
  members: ['employeeNo', 'name', 'department', 'position', 'email', 'phone'],
  contacts: ['kind', 'name', 'company', 'title', 'email', 'phone', 'tags'],
};

/**
 * The import tab: template download, upload (.xlsx/.csv, file input or drag-and-drop), per-cell errors next to the
 * values, inline fixes (one row at a time) or re-upload, the mode, confirmation (disabled while errors remain),
 * the result and the report.
 *
 * @tag herald-admin-import
 * @fires {HeraldImportCommitEvent} herald-import-commit - The import was confirmed. `detail.id` (the batch) and
 *   `detail.result`.
 * @csspart dropzone - The file drop area.
 * @csspart summary - Row and error counts.
 * @csspart rows - The table of rows.
 * @csspart row - One row.
 * @csspart cell-error - An error message beside a cell's value.
 * @csspart confirm - The confirm button.
 * @csspart result - The result after confirming.
 * @csspart toolbar - The template download and the mode above the rows.
 */
export class HeraldAdminImport extends AdminTab {
  static override catalogues = [adminStrings, importStrings];
  static override styles = styles;

  /** Resume an uploaded import batch by its id (e.g. after a page reload); otherwise start with an upload. */
  @property({ attribute: 'batch' }) batchId?: string;

  @state() private kind: ImportBatch['kind'] = 'members';
  @state() private mode: ImportBatch['mode'] = 'add';
  @state() private batch: ImportBatch | null = null;
  @state() private rows: ImportRow[] = [];
  @state() private moreRows: string | null = null;
  @state() private errorsOnly = true;
  @state() private errorCount = 0;
  @state() private fixing: number | null = null;
  @state() private draft: Record<string, string> = {};
  @state() private dragging = false;
  @state() private result: { added: number; updated: number; skipped: number } | null = null;

  /** The batch resumed by `batch`; leaving the tab aborts the load, coming back loads again (issue 16). */
  private readonly resume = this.loader(
    () => [''] as [string],
    ([id], signal) => this.api.importBatch(id, signal),
    (batch) => {
      this.batch = batch;
      this.kind = batch.kind;
      this.mode = batch.mode;
      this.errorCount = batch.errorCount;
      this.errorsOnly = batch.errorCount > 0;
      this.result = batch.result ?? null;
      void this.loadRows();
    },
  );

  /** The batch's rows (cursor null) or "Load more": a newer run (e.g. "errors only" toggled) aborts the older one. */
  private readonly rowsLoad = this.loader(
    () => ['', null] as [string, string | null],
    async ([id, cursor], signal) => ({ cursor, page: await this.api.importRows(id, this.errorsOnly, cursor, signal) }),
    ({ cursor, page }) => {
      this.rows = cursor ? [...this.rows, ...page.items] : page.items;
      this.moreRows = page.nextCursor;
    },
  );

  protected async load(): Promise<void> {
    if (!this.can('org.admin', 'department.manage')) this.kind = 'contacts';
    // A resumed batch loads again (its rows follow); an uploaded one reloads its rows (an abort may have cut them).
    if (this.batchId) await this.resume.run([this.batchId]);
    else await this.loadRows();
  }

  private get kinds(): Array<ImportBatch['kind']> {
    const out: Array<ImportBatch['kind']> = [];
    if (this.can('org.admin', 'department.manage')) out.push('members');
    if (this.can('org.admin', 'message.send.external')) out.push('contacts');
    return out;
  }

  private label(field: string): string {
    const key = `admin.import.col.${field}` as MessageKey;
    return this.i18n.has(key) ? this.t(key) : field;
  }

  private async downloadTemplate() {
    const file = await this.run(() => this.api.template(this.kind, this.i18n.catalogue));
    if (file) saveBlob(file.blob, file.fileName ?? `herald-${this.kind}-template.xlsx`);
  }

  private async upload(file: File | undefined) {
    if (!file) return;
    this.result = null;
    this.fixing = null;
    if (this.batch) {
      const old = this.batch;
      this.batch = null;
      await this.api.discardImport(old.id).catch(() => undefined);
    }
    const batch = await this.run(() => this.api.upload(this.kind, this.mode, file));
    if (!batch) return;
    this.batch = batch;
    this.errorCount = batch.errorCount;
    this.errorsOnly = batch.errorCount > 0;
    await this.loadRows();
    this.notice = this.t('admin.import.uploaded', {
      file: batch.fileName,
      rows: batch.rowCount,
      errors: batch.errorCount,
    });
  }

  private async loadRows(more = false) {
    if (this.batch) await this.rowsLoad.run([this.batch.id, more ? this.moreRows : null]);
  }

  /** The batch's error count as the server now sees it (a fix can clear or create duplicates elsewhere in the file). */
  private async refreshErrorCount() {
    const batch = this.batch;
    if (!batch) return;
    const fresh = await this.run(() => this.api.importBatch(batch.id));
    if (fresh) this.errorCount = fresh.errorCount;
  }

  private async setMode(mode: ImportBatch['mode']) {
    this.mode = mode;
    const batch = this.batch;
    if (!batch) return;
    const updated = await this.run(() => this.api.setImportMode(batch.id, mode));
    if (!updated) return;
    this.batch = updated;
    this.errorCount = updated.errorCount;
    await this.loadRows();
  }

  private startFix(row: ImportRow) {
    this.fixing = row.rowNo;
    this.draft = Object.fromEntries(Object.entries(row.data).map(([k, v]) => [k, v ?? '']));
    void this.updateComplete.then(() => {
      const first = row.errors[0]?.field ?? Object.keys(row.data)[0];
      this.renderRoot.querySelector<HTMLInputElement>(`#fix-${row.rowNo}-${first}`)?.focus();
    });
  }

  private async saveFix(event: Event, row: ImportRow) {
    event.preventDefault();
    const batch = this.batch!;
    const updated = await this.run(() => this.api.fixRow(batch.id, row.rowNo, this.draft));
    if (!updated) return;
    this.rows = this.rows.map((r) => (r.rowNo === row.rowNo ? updated : r));
    this.fixing = null;
    const count = (updated as { errorCount?: number }).errorCount;
    if (typeof count === 'number') this.errorCount = count;
    else await this.refreshErrorCount();
    this.notice = updated.errors.length
      ? this.t('admin.import.stillErrors', { row: row.rowNo })
      : this.t('admin.import.fixed', { row: row.rowNo });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-row="${row.rowNo}"] button`)?.focus();
  }

  private async commit() {
    const batch = this.batch!;
    const result = await this.run(() => this.api.commitImport(batch.id));
    if (!result) return;
    this.result = result;
    this.emit(new HeraldImportCommitEvent({ id: batch.id, result }));
    this.notice = this.t('admin.import.done', result);
  }

  private async report() {
    const batch = this.batch!;
    const file = await this.run(() => this.api.importReport(batch.id, this.i18n.catalogue));
    if (file) saveBlob(file.blob, file.fileName ?? `herald-import-${batch.id}.xlsx`);
  }

  private async discard() {
    const batch = this.batch!;
    await this.run(() => this.api.discardImport(batch.id));
    this.batch = null;
    this.rows = [];
    this.result = null;
  }

  private onDrop(event: DragEvent) {
    event.preventDefault();
    this.dragging = false;
    void this.upload(event.dataTransfer?.files[0]);
  }

  override render() {
    const batch = this.batch;
    return html`
      <div role="alert" part="alert"
        >${this.error || this.loadProblem(this.resume) || this.loadProblem(this.rowsLoad)}</div>
      <div role="status" part="status">${this.notice}</div>
      <div part="toolbar">
        ${
          this.kinds.length > 1
            ? html`<fieldset class="radios"><legend>${this.t('admin.import.kind')}</legend>
          ${this.kinds.map(
            (k) => html`<label><input type="radio" name="kind" value=${k} .checked=${this.kind === k}
              ?disabled=${!!batch && !this.result}
            @change=${() => (this.kind = k)} />${this.t(`admin.import.kind.${k}`)}</label>`,
          )}</fieldset>`
            : nothing
        }
        <fieldset class="radios"><legend>${this.t('admin.import.mode')}</legend>
          ${(['add', 'upsert'] as const).map(
            (m) => html`<label><input type="radio" name="mode" value=${m} .checked=${this.mode === m}
              ?disabled=${!!this.result}
            @change=${() => this.setMode(m)}
              />${this.t(
                m === 'upsert' && this.kind === 'contacts'
                  ? 'admin.import.mode.upsert.contacts'
                  : `admin.import.mode.${m}`,
              )}</label>`,
          )}</fieldset>
        <button class="secondary" @click=${this.downloadTemplate} ?disabled=${this.busy}
          >${this.t('admin.import.template')}</button>
      </div>
      <div part="dropzone" class=${this.dragging ? 'dropzone dragging' : 'dropzone'}
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dragging = true;
        }} @dragleave=${() => (this.dragging = false)} @drop=${this.onDrop}>
        ${renderField(
          {
            id: 'file',
            label: this.t(batch ? 'admin.import.reupload' : 'admin.import.choose'),
            hint: this.t('admin.import.hint'),
          },
          (w) => html`<input id="file" type="file" aria-describedby=${w.describedBy}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            ?disabled=${this.busy} @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              void this.upload(input.files?.[0]).then(() => (input.value = ''));
            }} />`,
        )}
      </div>
      ${batch ? this.renderBatch(batch) : nothing}
    `;
  }

  private renderBatch(batch: ImportBatch) {
    const columns = [...new Set([...COLUMNS[batch.kind], ...this.rows.flatMap((r) => Object.keys(r.data))])];
    return html`
      <p part="summary"
        >${this.t('admin.import.summary', { file: batch.fileName, rows: batch.rowCount, errors: this.errorCount })}</p>
      ${this.result ? html`<p part="result">${this.t('admin.import.done', this.result)}</p>` : nothing}
      <div class="actions">
        <button part="confirm" ?disabled=${this.errorCount > 0 || this.busy || !!this.result}
          aria-describedby="confirm-hint" @click=${this.commit}>${this.t('admin.import.confirm')}</button>
        <button class="secondary" @click=${this.report} ?disabled=${this.busy}>${this.t('admin.import.report')}</button>
        ${
          this.result
            ? nothing
            : html`<button class="secondary" @click=${this.discard} ?disabled=${this.busy}
          >${this.t('admin.import.discard')}</button>`
        }
        <label class="check"><input type="checkbox" .checked=${this.errorsOnly}
          @change=${(e: Event) => {
            this.errorsOnly = (e.target as HTMLInputElement).checked;
            void this.loadRows();
          }} />${this.t('admin.import.errorsOnly')}</label>
      </div>
      <p id="confirm-hint" class="muted"
        >${this.errorCount > 0 ? this.t('admin.import.fixFirst') : this.result ? '' : this.t('admin.import.ready')}</p>
      ${
        this.rows.length
          ? html`<div class="scroll"><table part="rows">
        <caption class="visually-hidden">${this.t('admin.import.rows')}</caption>
        <thead><tr><th scope="col">${this.t('admin.import.row')}</th>${columns.map(
          (c) => html`<th scope="col"
          >${this.label(c)}</th>`,
        )}<th scope="col"><span class="visually-hidden">${this.t('admin.actions')}</span></th
          ></tr></thead>
        <tbody
          >${this.rows.map((row) =>
            this.fixing === row.rowNo ? this.renderFix(row, columns) : this.renderRow(row, columns),
          )}</tbody>
      </table></div>`
          : html`<p class="muted">${this.t(this.errorsOnly ? 'admin.import.noErrors' : 'admin.import.noRows')}</p>`
      }
      ${
        this.moreRows
          ? html`<button class="secondary" @click=${() => this.loadRows(true)}
        >${this.t('admin.loadMore')}</button>`
          : nothing
      }
    `;
  }

  private cellErrors(row: ImportRow, field: string) {
    return row.errors.filter((e) => e.field === field);
  }

  private errorText(e: ImportRow['errors'][number], field: string): string {
    const key = `admin.import.error.${e.code}` as MessageKey;
    return this.i18n.has(key) ? this.t(key, { field: this.label(field) }) : e.message;
  }

  private renderRow(row: ImportRow, columns: string[]) {
    return html`<tr part="row" data-row=${row.rowNo} class=${row.errors.length ? 'has-errors' : ''}>
      <th scope="row">${row.rowNo}</th>
      ${columns.map((c) => {
        const errors = this.cellErrors(row, c);
        return html`<td class=${errors.length ? 'bad' : ''}><span class="value">${row.data[c] ?? ''}</span>
          ${errors.map((e) => html`<span part="cell-error" class="field-error">${this.errorText(e, c)}</span>`)}</td>`;
      })}
      <td>${row.errors
        .filter((e) => !columns.includes(e.field))
        .map(
          (e) => html`<span part="cell-error"
        class="field-error">${e.message}</span>`,
        )}
        ${
          this.result
            ? nothing
            : html`<button class="small secondary" @click=${() => this.startFix(row)}
          aria-label=${this.t('admin.import.fixRow', { row: row.rowNo })}>${this.t('admin.import.fix')}</button>`
        }</td>
    </tr>`;
  }

  private renderFix(row: ImportRow, columns: string[]) {
    const formId = `fix-form-${row.rowNo}`;
    return html`<tr part="row" data-row=${row.rowNo} class="fixing">
      <th scope="row">${row.rowNo}</th>
      ${columns.map((c) => {
        const errors = this.cellErrors(row, c);
        const id = `fix-${row.rowNo}-${c}`;
        return html`<td><label class="visually-hidden" for=${id}
          >${this.t('admin.import.cellLabel', { row: row.rowNo, column: this.label(c) })}</label>
          <input id=${id} form=${formId} .value=${this.draft[c] ?? ''} aria-invalid=${errors.length ? 'true' : 'false'}
            aria-describedby=${errors.length ? `${id}-error` : nothing}
              @input=${(e: Event) => (this.draft = { ...this.draft, [c]: (e.target as HTMLInputElement).value })} />
          ${
            errors.length
              ? html`<span id="${id}-error" part="cell-error" class="field-error"
            >${errors.map((e) => this.errorText(e, c)).join(' ')}</span>`
              : nothing
          }</td>`;
      })}
      <td><form id=${formId} class="actions" @submit=${(e: Event) => this.saveFix(e, row)}>
        <button type="submit" class="small" ?disabled=${this.busy}>${this.t('admin.save')}</button>
        <button type="button" class="small secondary" @click=${() => (this.fixing = null)}
          >${this.t('admin.cancel')}</button>
      </form></td>
    </tr>`;
  }
}
