import { lifecycleTaskHandler } from './lifecycleTask';

export const handler = lifecycleTaskHandler('AwaitAcceptance');
