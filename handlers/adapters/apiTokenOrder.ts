import type { ApiTokenRecord } from '../ports';

/** A member's tokens as they are listed: oldest first, by id where two were made in the same instant. */
export const oldestFirst = (a: ApiTokenRecord, b: ApiTokenRecord): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
