import { officialRecordWriter } from '../../record';
import { lifecycleTaskHandler } from './lifecycleTask';

/** Its fonts are read once per container from beside the bundle, where the stack puts them (infra/lambdaFunctions.ts). */
export const officialRecords = officialRecordWriter(process.env.LAMBDA_TASK_ROOT);

/** The issue of the official record: with the API's record function, the only ones that bundle the PDF library. */
export const handler = lifecycleTaskHandler('IssueRecord', { officialRecords });
