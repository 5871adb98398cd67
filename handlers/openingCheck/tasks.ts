import type { Deps } from '../ports';

const pending =
  (name: string) =>
  (_deps: Deps) =>
  async (_input: unknown): Promise<unknown> => {
    throw new Error(`${name} is being written`);
  };
export const planOpeningCheck = pending('PlanOpeningCheck');
export const checkOpeningPart = pending('CheckOpeningPart');
export const concludeOpeningCheck = pending('ConcludeOpeningCheck');
export const recordOpeningCheckFailure = pending('RecordOpeningCheckFailure');
