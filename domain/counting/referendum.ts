import type { CountSheet } from './sheet';

export interface ReferendumInput {
  yes: number;
  no: number;
  abstain: number;
  majority: 'simple' | 'two-thirds';
  /** The share of registered voters that must vote yes, in percent. */
  quorumPercent?: number;
  registeredVoters: number;
}

/**
 * A referendum passes with its majority of the yes and no votes (simple: more yes than no;
 * two-thirds: 3 × yes ≥ 2 × (yes + no), and at least one yes) and, when it has a quorum, with yes
 * votes of at least that share of the registered voters, rounded up. Abstentions count for
 * neither side nor for the quorum: they are turnout only.
 */
export function countReferendum({ yes, no, abstain, majority, quorumPercent, registeredVoters }: ReferendumInput): CountSheet {
  const majorityHeld = majority === 'simple' ? yes > no : yes > 0 && 3 * yes >= 2 * (yes + no);
  const quorumVotes = quorumPercent === undefined ? undefined : Math.ceil((registeredVoters * quorumPercent) / 100);
  const quorumMet = quorumVotes === undefined || yes >= quorumVotes;
  const majorityText =
    majority === 'simple' ? `${yes} yes against ${no} no: ${majorityHeld ? 'a' : 'no'} simple majority` : `${yes} yes of ${yes + no} yes and no: ${majorityHeld ? '' : 'less than '}two thirds`;
  const quorumText = quorumVotes === undefined ? '' : `; the quorum of ${quorumPercent} % of ${registeredVoters} registered voters is ${quorumVotes} yes votes: ${quorumMet ? 'met' : 'not met'}`;
  const passed = majorityHeld && quorumMet;
  const reason = `${majorityText}${quorumText}; ${abstain} abstention${abstain === 1 ? '' : 's'} counted for neither side`;
  return {
    method: 'referendum',
    seats: 0,
    candidates: ['yes', 'no'],
    validBallots: yes + no,
    elected: [],
    vacant: 0,
    final: { yes: String(yes), no: String(no) },
    rounds: [{ round: 1, action: 'yes and no counted', votes: { yes: String(yes), no: String(no) }, elected: [], excluded: [] }],
    lots: [],
    referendum: { yes, no, abstain, majority, ...(quorumVotes !== undefined && { quorumVotes }), passed, reason },
  };
}
