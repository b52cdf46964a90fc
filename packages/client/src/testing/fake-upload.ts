// A fake XMLHttpRequest for uploads (`client.upload`) in stories and stubbed tests: progress in four steps, then
// whatever `answer` says. Test and story code only; shared by the element packages' mock back ends.
import type { XhrFactory } from '../upload.js';

export interface FakeUploadOptions {
  /** Total time of one upload in ms (default 200); Infinity never finishes (a story frozen mid-upload). */
  uploadMs?: number;
  /** Called when the request is sent (to record the call). */
  onSend?: (name: string, body: Blob, url: string) => void;
  /** The answer once the last byte is "sent": status and JSON body. */
  answer: (name: string, body: Blob) => { status: number; body: unknown };
}

export function fakeUploadXhr(options: FakeUploadOptions): XhrFactory {
  return () => {
    const target = new EventTarget();
    const upload = new EventTarget();
    let url = '';
    let timer: ReturnType<typeof setInterval> | undefined;
    const fake = Object.assign(target, {
      upload,
      status: 0,
      statusText: '',
      response: null as Blob | null,
      withCredentials: false,
      responseType: '',
      open: (_method: string, u: string) => (url = u),
      setRequestHeader: () => undefined,
      getAllResponseHeaders: () => 'content-type: application/json\r\n',
      abort: () => (clearInterval(timer), target.dispatchEvent(new Event('abort'))),
      send: (body: Blob) => {
        const name = new URL(url, location.href).searchParams.get('name') ?? 'file';
        options.onSend?.(name, body, url);
        const total = options.uploadMs ?? 200;
        let step = 0;
        timer = setInterval(
          () => {
            step++;
            upload.dispatchEvent(
              Object.assign(new Event('progress'), {
                loaded: Math.min(body.size, Math.round((body.size * step) / 4)),
                total: body.size,
                lengthComputable: true,
              }),
            );
            if (step < 4 || !Number.isFinite(total)) return;
            clearInterval(timer);
            const answer = options.answer(name, body);
            fake.status = answer.status;
            fake.response = new Blob([JSON.stringify(answer.body)], { type: 'application/json' });
            target.dispatchEvent(new Event('load'));
          },
          Number.isFinite(total) ? total / 4 : 300,
        );
      },
    });
    return fake as unknown as XMLHttpRequest;
  };
}
