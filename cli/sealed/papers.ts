import { fillBallot, type BallotChoice, type CastChoice } from '../../domain/ballot';
import type { BallotContent } from '../../domain/election';
import type { PublicElectionView } from '../../contract/views';

/**
 * The voter's papers as the command line takes them, `--papers '<json>'`: by contest id,
 * `{ "<contest>": { "choices": [...] } }` (or `{ "abstain": true }`), or for an election of one
 * contest the choice alone, as the API's cast takes them. Filled as the cast fills them
 * (fillBallot), so that a sealed paper holds exactly what the cast would have stored.
 */
export function readPapersOption(text: string | undefined): CastChoice {
  if (text === undefined) throw new Error('--papers is required, like --papers \'{"choices": ["Ada Lovelace"]}\' or --papers \'{"council": {"abstain": true}}\'');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`--papers is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(value)) throw new Error('--papers: give an object, by contest id or, in an election of one contest, the choice alone');
  if ('choices' in value || 'abstain' in value) return choiceOf(value, '--papers');
  return { papers: Object.fromEntries(Object.entries(value).map(([contest, choice]) => [contest, choiceOf(choice, `--papers.${contest}`)])) };
}

function choiceOf(value: unknown, path: string): BallotChoice {
  if (isObject(value) && Object.keys(value).length === 1) {
    if (value.abstain === true) return { abstain: true };
    if (Array.isArray(value.choices) && value.choices.every((name) => typeof name === 'string')) return { choices: value.choices as string[] };
  }
  throw new Error(`${path}: give { "choices": [names] } or { "abstain": true }`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each paper's content by contest, in the election's order of contests, or the paper that is not valid, named as the cast names it. */
export function fillVoterPapers(election: PublicElectionView, cast: CastChoice): { contestId: string; content: BallotContent }[] {
  const ids = election.contests.map((c) => c.id);
  if (!('papers' in cast) && ids.length > 1) throw new Error(`--papers: ${election.id} has ${ids.length} contests (${ids.join(', ')}): give a paper for each one you vote in, by contest id`);
  const papers = 'papers' in cast ? cast.papers : { [ids[0]!]: cast };
  const stray = Object.keys(papers).find((id) => !ids.includes(id));
  if (stray !== undefined) throw new Error(`--papers.${stray}: not a contest of ${election.id} (${ids.join(', ')})`);
  const filled = election.contests.flatMap((contest) => {
    if (!Object.hasOwn(papers, contest.id)) return [];
    const content = fillBallot(contest, papers[contest.id]!);
    if (!content.ok) throw new Error(`--papers${ids.length > 1 ? `.${contest.id}` : ''}: ${content.error.message}`);
    return [{ contestId: contest.id, content: content.value }];
  });
  if (filled.length === 0) throw new Error('--papers: give at least one paper (an abstention counts)');
  return filled;
}
