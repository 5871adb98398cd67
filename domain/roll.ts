/**
 * How the roll tells people apart. Student ids that differ only in case or width (`twice`,
 * `TWICE`, `ｔｗｉｃｅ`) are one student; e-mail addresses likewise are one mailbox.
 */
export function studentIdKey(studentId: string): string {
  return studentId.normalize('NFKC').toLowerCase();
}

/** Mail systems treat addresses case-insensitively in practice, so the roll does too. */
export function emailKey(email: string): string {
  return email.normalize('NFKC').toLowerCase();
}
