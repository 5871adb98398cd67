import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What `election login` keeps for one API: the refresh token that signs the member in again, and who they are. */
export interface SavedSignIn {
  api: string;
  refreshToken: string;
  name: string;
  role: string;
  signedInAt: string;
}

/**
 * Where the command line keeps its sign-ins: `$XDG_CONFIG_HOME/election/sign-in.json`
 * (`~/.config/election/…` by default), readable by the member alone, like an SSH key. One entry
 * per API address, so that a member signed in to a rehearsal and to the real deployment keeps both.
 */
export function savedSignInFile(environment: NodeJS.ProcessEnv = process.env): string {
  const configHome = environment.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'election', 'sign-in.json');
}

/** The API addresses as the member types them, with or without a trailing slash. */
const sameApi = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

async function readAll(file: string): Promise<SavedSignIn[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const saved = (JSON.parse(text) as { signIns?: unknown }).signIns;
  if (!Array.isArray(saved)) throw new Error(`${file} is not a sign-in file of this command line: remove it and run \`election login\` again`);
  return saved as SavedSignIn[];
}

async function writeAll(file: string, signIns: SavedSignIn[]): Promise<void> {
  if (signIns.length === 0) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify({ signIns }, null, 2)}\n`, { mode: 0o600 });
  // A file there before keeps its mode through writeFile: the refresh token is the member's alone.
  await chmod(file, 0o600);
}

export const savedSignIns = (file: string) => ({
  async find(api: string): Promise<SavedSignIn | undefined> {
    return (await readAll(file)).find((saved) => sameApi(saved.api, api));
  },
  async save(signIn: SavedSignIn): Promise<void> {
    await writeAll(file, [...(await readAll(file)).filter((saved) => !sameApi(saved.api, signIn.api)), signIn]);
  },
  async forget(api: string): Promise<void> {
    await writeAll(
      file,
      (await readAll(file)).filter((saved) => !sameApi(saved.api, api)),
    );
  },
});

export type SavedSignIns = ReturnType<typeof savedSignIns>;
