import { officialRecordWriter } from '../../record';
import { apiHandlerGiven } from './api';

/** Its fonts are read once per container from beside the bundle, where the stack puts them (infra/lambdaFunctions.ts). */
export const officialRecords = officialRecordWriter(process.env.LAMBDA_TASK_ROOT);

/** The official record's function: the only one that bundles the PDF library, so the others stay small. */
export const handler = apiHandlerGiven('record', { officialRecords });
