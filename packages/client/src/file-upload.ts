import { isAbort } from './abort.js';

/** What a form's `upload(file, options)` takes besides the file (MessageApi's, ConversationsApi's). */
interface UploadCall<A> {
  (file: File, options: { onProgress?: (loaded: number) => void; signal?: AbortSignal }): Promise<A>;
}

/**
 * One file a form uploads before it is sent (the inline reply, the new-conversation form): its progress, then what the
 * server answered or why it failed. A form leaving the page `interrupt`s it: an unfinished upload is cancelled and
 * says so in `error`, so the file shows why (the user removes it and attaches it again) instead of a progress bar that
 * never moves again, and the form is no longer waiting for it.
 */
export class FileUpload<A> {
  loaded = 0;
  result?: A;
  error?: string;
  private readonly controller = new AbortController();

  /** Starts the upload; `changed` is called on progress and when it ends, `describe` words a failure. */
  constructor(
    readonly file: File,
    upload: UploadCall<A>,
    changed: () => void,
    describe: (error: unknown) => string,
  ) {
    upload(file, { signal: this.controller.signal, onProgress: (loaded) => ((this.loaded = loaded), changed()) })
      .then(
        (result) => {
          // The server has it (an interrupt can come after the upload's last byte): attached after all, no error.
          this.result = result;
          this.error = undefined;
        },
        (error: unknown) => {
          if (!isAbort(error)) this.error = describe(error);
        },
      )
      .finally(changed);
  }

  /**
   * Why a form may not send with `files` yet: one still uploading (`pending`), or one listed with its error (`failed`:
   * not sent behind the user's back, they remove it or attach it again first); undefined when it may.
   */
  static blocking(files: ReadonlyArray<FileUpload<unknown>>): 'pending' | 'failed' | undefined {
    if (files.some((f) => f.pending)) return 'pending';
    if (files.some((f) => f.error !== undefined)) return 'failed';
    return undefined;
  }

  /** Neither uploaded nor failed (nor interrupted) yet. */
  get pending(): boolean {
    return this.result === undefined && this.error === undefined;
  }

  /** How much has been sent, in percent. */
  get percent(): number {
    return Math.round((100 * this.loaded) / Math.max(1, this.file.size));
  }

  /** Cancels the upload (the user removed the file). */
  cancel(): void {
    this.controller.abort();
  }

  /** The form left the page: an unfinished upload is cancelled, and `error` says so. */
  interrupt(error: string): void {
    if (!this.pending) return;
    this.error = error;
    this.controller.abort();
  }
}
