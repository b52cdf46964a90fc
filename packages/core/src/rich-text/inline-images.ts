// Issue 20 #9: the bytes of a body's inline images. They are attachments of the message, fetched with the reader's
// own credentials (the client's fetch puts the token in a header, never in a URL), so whoever may read the message
// sees them and nobody else; fetched only when an image nears the viewport, kept as object URLs until `dispose`.

/** Fetches an attachment's bytes for showing (`GET /attachments/{id}?inline=1`). */
export type FetchInlineImage = (attachmentId: string, signal: AbortSignal) => Promise<Blob>;

export class InlineImageLoader {
  private readonly urls = new Map<string, Promise<string | null>>();
  /** The object URLs made so far (revoked at once by `dispose`: a fetch started after it must already fail). */
  private readonly made = new Set<string>();
  private readonly waiting = new Map<Element, string>();
  private observer?: IntersectionObserver;
  private abort = new AbortController();

  constructor(private readonly fetchImage: FetchInlineImage) {}

  /** `renderRichText`'s `image` option: the image gets its bytes once it is near the viewport. */
  readonly attach = (img: HTMLImageElement, attachmentId: string): void => {
    if (typeof IntersectionObserver === 'undefined') return void this.load(img, attachmentId);
    this.observer ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = this.waiting.get(entry.target);
          if (!entry.isIntersecting || id === undefined) continue;
          this.observer?.unobserve(entry.target);
          this.waiting.delete(entry.target);
          void this.load(entry.target as HTMLImageElement, id);
        }
      },
      { rootMargin: '200px' },
    );
    this.waiting.set(img, attachmentId);
    this.observer.observe(img);
  };

  private async load(img: HTMLImageElement, attachmentId: string): Promise<void> {
    let url = this.urls.get(attachmentId);
    if (!url) {
      const signal = this.abort.signal;
      url = this.fetchImage(attachmentId, signal).then(
        (blob) => {
          if (signal.aborted) return null;
          const made = URL.createObjectURL(blob);
          this.made.add(made);
          return made;
        },
        () => null,
      );
      this.urls.set(attachmentId, url);
    }
    const src = await url;
    if (src) img.src = src;
    else img.classList.add('failed'); // its alt text stays
  }

  /** Stops what is loading and frees every object URL (the host disconnected). */
  dispose(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.observer?.disconnect();
    this.observer = undefined;
    this.waiting.clear();
    for (const url of this.made) URL.revokeObjectURL(url);
    this.made.clear();
    this.urls.clear();
  }
}
