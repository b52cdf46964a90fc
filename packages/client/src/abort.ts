/** A superseded, abandoned or cancelled request rejects with an AbortError: nothing to tell the user. */
export const isAbort = (error: unknown): boolean => (error as Error | undefined)?.name === 'AbortError';
