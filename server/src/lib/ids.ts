import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7): sortable by creation, safe to expose. */
export const newId = (): string => v7();
