// The retention routes of the in-memory back office (docs/api.md "Retention"): the purge's policy, checked as the
// server checks it, and the last run's figures. Stories and tests only.
import { json, problemResponse as problem } from '@herald/client/test-helpers';
import type { RetentionSettings } from '../api/types.js';

type FieldError = { path: string; code: string; message: string };
const MAX_DAYS = 3650;

/** A last run that emptied a few expired messages and deleted old ones, as the server reports it. */
export const SAMPLE_RUN: NonNullable<RetentionSettings['lastRun']> = {
  startedAt: Date.UTC(2026, 11, 5, 3, 0),
  finishedAt: Date.UTC(2026, 11, 5, 3, 0, 4),
  expiredMessages: 12,
  retentionMessages: 340,
  sparedMessages: 27,
  contentBytes: 1_234_567,
  files: 58,
  fileBytes: 734_003_200,
  pendingBlobs: 0,
  error: null,
};

export function createRetentionMock(options: { retentionRun?: boolean }) {
  const state: { policy: Omit<RetentionSettings, 'lastRun'>; lastRun: RetentionSettings['lastRun']; puts: unknown[] } =
    {
      policy: { expiredGraceDays: 30, retentionDays: null, spareArchived: true, spareTagged: true },
      lastRun: options.retentionRun ? structuredClone(SAMPLE_RUN) : null,
      puts: [],
    };
  const view = () => json({ ...state.policy, lastRun: state.lastRun });

  function put(b: Record<string, unknown>): Response {
    state.puts.push(structuredClone(b));
    const errors: FieldError[] = [];
    const days = (key: 'expiredGraceDays' | 'retentionDays', min: number) => {
      const v = b[key];
      if (v === undefined || v === null) return;
      if (!Number.isInteger(v)) errors.push({ path: key, code: 'invalid-type', message: 'Not a whole number' });
      else if ((v as number) < min) errors.push({ path: key, code: 'too-small', message: 'Too small' });
      else if ((v as number) > MAX_DAYS) errors.push({ path: key, code: 'too-big', message: 'Too big' });
    };
    days('expiredGraceDays', 0);
    days('retentionDays', 1);
    if (errors.length) return problem(400, 'validation', { errors });
    state.policy = { ...state.policy, ...(b as Partial<RetentionSettings>) };
    return view();
  }

  function handle(method: string, path: string, b: Record<string, unknown>, isOrgAdmin: boolean) {
    if (path !== '/settings/retention') return undefined;
    if (!isOrgAdmin) return problem(403, 'forbidden');
    if (method === 'GET') return view();
    if (method === 'PUT') return put(b);
    return undefined;
  }

  return { handle, state };
}
