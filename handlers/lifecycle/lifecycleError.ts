import type { DomainError } from '../../domain';

/**
 * A step that could not do its job. The name is what the state machine's Retry and Catch
 * match on (an error's name becomes the Lambda errorType).
 */
export class LifecycleStepFailed extends Error {
  override readonly name = 'LifecycleStepFailed';
  readonly code: DomainError['code'];
  constructor(step: string, error: DomainError) {
    super(`${step}: ${error.message} (${error.code})`);
    this.code = error.code;
  }
}

/** SES refused the whole call for its rate: the step is retried with backoff. */
export class MailThrottled extends Error {
  override readonly name = 'MailThrottled';
}
