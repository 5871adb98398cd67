import { holdsCredentials, type ElectionState } from '../../domain';
import { keys } from './keys';

/**
 * What a voter's credential mail item carries as it is written (registered, re-issued): held
 * without a place in the queue while the election holds credentials until voting opens, else
 * queued to send at `queuedAt`. Both adapters write it alike.
 */
export function credentialSendState(state: ElectionState, mailPk: string, queuedAt: string): { status: 'held' } | { status: 'pending'; due: string; queue: string } {
  return holdsCredentials(state) ? { status: 'held' } : { status: 'pending', due: queuedAt, queue: keys.queue(mailPk) };
}
