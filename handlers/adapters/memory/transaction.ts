import type { ItemKey } from './itemMap';

/** DynamoDB's limit of items in one TransactWriteItems call. */
const MAX_TRANSACTION_ITEMS = 100;

/** DynamoDB's answer to a request it refuses before reading any item (the name its SDK gives the error). */
export class ValidationException extends Error {
  override readonly name = 'ValidationException';
}

/** A transaction that a condition cancelled and that the port has no answer of its own for: DynamoDB's error, passed on. */
export class TransactionCanceledException extends Error {
  override readonly name = 'TransactionCanceledException';
}

/** What DynamoDB holds every transaction to before its conditions: at most 100 items, and none twice. */
export function checkTransaction(items: readonly ItemKey[]): void {
  if (items.length > MAX_TRANSACTION_ITEMS) throw new ValidationException(`a transaction holds at most ${MAX_TRANSACTION_ITEMS} items, not ${items.length}`);
  const seen = new Set<string>();
  for (const { pk, sk } of items) {
    const id = `${pk}\u0000${sk}`;
    if (seen.has(id)) throw new ValidationException('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
}

/** Whether `value` is set and before `bound`: DynamoDB's `<` on ISO times, false on a missing attribute. */
export const isBefore = (value: string | undefined, bound: string): boolean => value !== undefined && value < bound;

/** The item without these attributes: an update's REMOVE. */
export function without<T extends object, K extends keyof T>(item: T, ...names: K[]): Omit<T, K> {
  const rest: Partial<T> = { ...item };
  for (const name of names) delete rest[name];
  return rest as Omit<T, K>;
}
