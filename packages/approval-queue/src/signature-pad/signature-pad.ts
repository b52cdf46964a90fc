import { html } from 'lit';
import { query, state } from 'lit/decorators.js';
import { HeraldElement, LocalizeController } from '@herald/core';
import { HeraldSignatureChangeEvent } from '../events/signature-change.js';
import { approvalStrings } from '../i18n/index.js';
import { styles } from './signature-pad.styles.js';

/** Pixels per CSS pixel of the stored image: sharp on hi-DPI screens, and within the server's 2048×1024 bound. */
const MAX_SCALE = 2;
/** The ink: dark on the pad's white paper, stored on a transparent background. */
const INK = '#1b1f24';

/**
 * A signature pad for sign-off approvals (签批, issue 19 item 2): draw with a mouse, pen or finger (pointer events, so
 * touch works; the page does not scroll while drawing). The canvas is labelled and described; "Clear" starts again.
 * Keyboard users sign by typing their name instead (offered by `<herald-approval-queue>` beside the pad). Loaded as a
 * chunk of its own, only when a sign-off step is open.
 *
 * @tag herald-signature-pad
 * @fires {HeraldSignatureChangeEvent} herald-signature-change - A stroke ended or the pad was cleared.
 *   `detail.empty`.
 * @csspart canvas - The drawing surface.
 * @csspart clear - The "Clear" button.
 * @cssproperty --herald-signature-pad-width - The pad's largest width (default 480px; its height is a third of it).
 */
export class HeraldSignaturePad extends HeraldElement {
  static override catalogues = [approvalStrings];
  static override styles = styles;

  private readonly i18n = new LocalizeController(this);
  @query('canvas') private canvas!: HTMLCanvasElement;
  @state() private strokes = 0;
  private drawing: { id: number; x: number; y: number } | null = null;
  private scale = 1;

  /** True until something is drawn (and again after "Clear"). */
  get empty(): boolean {
    return this.strokes === 0;
  }

  /** The drawing as PNG bytes in base64 (no `data:` prefix), the way `POST /approvals/{id}/decision` takes it. */
  toPngBase64(): string {
    return this.canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  }

  /** Wipes the pad. */
  clear(): void {
    this.context()?.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.strokes = 0;
    this.emit(new HeraldSignatureChangeEvent({ empty: true }));
  }

  protected override firstUpdated(): void {
    this.size();
  }

  /** Sizes the bitmap to the pad's box (done before the first stroke, so the stored image matches what is seen). */
  private size(): void {
    const box = this.canvas.getBoundingClientRect();
    this.scale = Math.min(MAX_SCALE, Math.max(1, window.devicePixelRatio || 1));
    const width = Math.max(160, Math.round((box.width || 480) * this.scale));
    this.canvas.width = width;
    this.canvas.height = Math.round(width / 3);
  }

  private context(): CanvasRenderingContext2D | null {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    ctx.lineWidth = 2.5 * this.scale;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = INK;
    ctx.fillStyle = INK;
    return ctx;
  }

  /** Where a pointer is, in bitmap pixels. */
  private point(e: PointerEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - box.left) / (box.width || 1)) * this.canvas.width,
      y: ((e.clientY - box.top) / (box.height || 1)) * this.canvas.height,
    };
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0 || this.drawing) return;
    e.preventDefault();
    if (!this.strokes) this.size(); // the box may have changed since the pad was shown
    try {
      this.canvas.setPointerCapture(e.pointerId); // the stroke goes on when the pointer leaves the pad
    } catch {
      /* a pointer the browser no longer tracks (or a synthetic one): draw without capture */
    }
    const p = this.point(e);
    this.drawing = { id: e.pointerId, ...p };
    const ctx = this.context();
    ctx?.beginPath();
    ctx?.arc(p.x, p.y, ctx.lineWidth / 2, 0, Math.PI * 2); // a tap leaves a dot
    ctx?.fill();
  }

  private onMove(e: PointerEvent): void {
    if (!this.drawing || e.pointerId !== this.drawing.id) return;
    const ctx = this.context();
    // Coalesced events keep a fast stroke smooth where the browser reports them.
    const coalesced = e.getCoalescedEvents?.() ?? [];
    for (const ev of coalesced.length ? coalesced : [e]) {
      const p = this.point(ev);
      ctx?.beginPath();
      ctx?.moveTo(this.drawing.x, this.drawing.y);
      ctx?.lineTo(p.x, p.y);
      ctx?.stroke();
      this.drawing = { id: e.pointerId, ...p };
    }
  }

  private onUp(e: PointerEvent): void {
    if (!this.drawing || e.pointerId !== this.drawing.id) return;
    this.drawing = null;
    this.strokes++;
    this.emit(new HeraldSignatureChangeEvent({ empty: false }));
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const hint = t(this.empty ? 'approvals.signOff.padHint' : 'approvals.signOff.padSigned');
    return html`<div class="pad">
      <span id="pad-label">${t('approvals.signOff.padLabel')}</span>
      <canvas part="canvas" role="img" aria-labelledby="pad-label" aria-describedby="pad-hint"
        @pointerdown=${this.onDown} @pointermove=${this.onMove} @pointerup=${this.onUp}
        @pointercancel=${this.onUp}></canvas>
      <div class="row">
        <span id="pad-hint" class="hint">${hint}</span>
        <button type="button" part="clear" class="secondary" id="clear" ?disabled=${this.empty}
          @click=${() => this.clear()}>${t('approvals.signOff.clear')}</button>
      </div>
    </div>`;
  }
}
