/**
 * How the roll tells people apart. Student ids that differ only in case or width (`twice`,
 * `TWICE`, `ｔｗｉｃｅ`) are one student; e-mail addresses likewise are one mailbox (mail
 * systems treat addresses case-insensitively in practice).
 */
const foldCaseAndWidth = (text: string): string => text.normalize('NFKC').toLowerCase();

export const studentIdKey = foldCaseAndWidth;
export const emailKey = foldCaseAndWidth;
/** Voter groups (voterGroups.ts) are folded the same way, outer spaces dropped. */
export const voterGroupKey = (text: string): string => foldCaseAndWidth(text).trim();
