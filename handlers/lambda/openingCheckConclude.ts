import { openingCheckTaskHandler } from './openingCheckTask';

export const handler = openingCheckTaskHandler('ConcludeOpeningCheck');
