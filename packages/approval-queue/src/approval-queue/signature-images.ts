// Drawn sign-off signatures shown in the timeline and history (issue 19 item 2): each PNG is fetched with the client's
// credentials (the image route checks who may see the approval; no secret goes in a URL) and shown from an object URL,
// released when the element leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Fetch = (approvalId: string, signatureId: string) => Promise<Blob>;
type Entry = { url: string } | { failed: true } | 'loading';

export class SignatureImages implements ReactiveController {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetch: () => Fetch | undefined,
    /** Runs a fetch as a part of the element's update (`updateComplete` waits for it; it renders again after). */
    private readonly track: (load: () => Promise<unknown>) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const entry of this.entries.values())
      if (typeof entry === 'object' && 'url' in entry) URL.revokeObjectURL(entry.url);
    this.entries.clear();
  }

  /** The image's URL once fetched (starting the fetch the first time); `failed` when it could not be had. */
  src(approvalId: string, signatureId: string): string | 'failed' | undefined {
    const entry = this.entries.get(signatureId);
    if (entry === 'loading') return undefined;
    if (entry) return 'url' in entry ? entry.url : 'failed';
    const fetch = this.fetch();
    if (!fetch) return undefined;
    this.entries.set(signatureId, 'loading');
    this.track(() =>
      fetch(approvalId, signatureId).then(
        (blob) => void this.entries.set(signatureId, { url: URL.createObjectURL(blob) }),
        () => void this.entries.set(signatureId, { failed: true }),
      ),
    );
    return undefined;
  }
}
