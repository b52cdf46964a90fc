// R8 / S7: one file a form uploads, when the form leaves the page (interrupt) at every moment of its upload.
import { expect } from '@open-wc/testing';
import { FileUpload } from './file-upload.js';
import { until } from './testing/wait.js';

/** An upload the test finishes: `answer` resolves it, an abort rejects it as the real XHR upload does. */
function controlledUpload() {
  const made: { answer?: (id: string) => void; aborted: boolean } = { aborted: false };
  const upload = (_file: File, { signal }: { signal?: AbortSignal }) =>
    new Promise<{ id: string }>((resolve, reject) => {
      made.answer = (id) => resolve({ id });
      signal?.addEventListener('abort', () => {
        made.aborted = true;
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  return { made, upload };
}
const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });

describe('FileUpload', () => {
  it('interrupted while under way: cancelled, and the error says so (nothing pending any more)', async () => {
    const { made, upload } = controlledUpload();
    let changes = 0;
    const entry = new FileUpload(file, upload, () => changes++, String);
    expect(entry.pending).to.equal(true);
    entry.interrupt('interrupted');
    await until(() => changes > 0, 2000, 'the end told');
    expect(made.aborted).to.equal(true);
    expect([entry.error, entry.result, entry.pending]).to.deep.equal(['interrupted', undefined, false]);
  });

  it('the server answered just before the interrupt took effect: attached after all, no error', async () => {
    let finish!: (value: { id: string }) => void;
    // As when the XHR's `load` fired and its JSON is still being read: the abort comes too late to cancel anything.
    const upload = () => new Promise<{ id: string }>((resolve) => (finish = resolve));
    let changes = 0;
    const entry = new FileUpload(file, upload, () => changes++, String);
    entry.interrupt('interrupted');
    finish({ id: 'att-1' });
    await until(() => changes > 0, 2000, 'the end told');
    expect(entry.result).to.deep.equal({ id: 'att-1' });
    expect(entry.error).to.equal(undefined);
  });

  it('a finished upload is not touched by an interrupt', async () => {
    const { made, upload } = controlledUpload();
    let changes = 0;
    const entry = new FileUpload(file, upload, () => changes++, String);
    made.answer!('att-2');
    await until(() => changes > 0, 2000, 'the end told');
    entry.interrupt('interrupted');
    expect([entry.error, entry.pending]).to.deep.equal([undefined, false]);
    expect(made.aborted).to.equal(false);
  });

  it('blocking: a form waits for a file still uploading, and refuses one listed with its error', async () => {
    const { made, upload } = controlledUpload();
    let changes = 0;
    const done = new FileUpload(file, upload, () => changes++, String);
    made.answer!('att-3');
    await until(() => changes > 0, 2000, 'the end told');
    expect(FileUpload.blocking([done])).to.equal(undefined);
    const uploading = new FileUpload(file, controlledUpload().upload, () => undefined, String);
    expect(FileUpload.blocking([done, uploading])).to.equal('pending');
    uploading.interrupt('interrupted');
    expect(FileUpload.blocking([done, uploading])).to.equal('failed');
  });
});
