/** A superseded or abandoned load rejects with an AbortError: nothing to tell the user (issue 16). */
export const isAbort = (error: unknown): boolean => (error as Error | undefined)?.name === 'AbortError';
