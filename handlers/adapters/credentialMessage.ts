import type { CredentialRef } from '../ports';

/** What the MAC covers: the JSON array cannot be read two ways, whatever a student id holds. */
export const credentialMessage = ({ electionId, studentId, generation }: CredentialRef): Buffer =>
  Buffer.from(JSON.stringify(['student-election/credential/v1', electionId, studentId, generation]), 'utf8');
