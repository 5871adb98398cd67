import { dirname, join, normalize } from 'node:path';

/** A Markdown file as the repository holds it: its path from the repository's root, and its text. */
export interface Doc {
  path: string;
  text: string;
}

/** What the docs may name: the repository's files, package.json's scripts, and the command line's commands by group. */
export interface Repository {
  exists(path: string): boolean;
  scripts: ReadonlySet<string>;
  cliCommands: Readonly<Record<string, readonly string[]>>;
}

/** The repository's top-level folders: a code span starting with one of them names a file or folder. */
const REPOSITORY_PATH = /^(?:\.ci|bench|cli|docs|domain|handlers|infra|test|web|workflows)\/[\w.@/-]*$/;
/** A file or folder, or a module named as it is imported (`workflows/lifecycle`). */
const existsAsFileOrModule = (repository: Repository, path: string) => repository.exists(path) || repository.exists(`${path}.ts`);
/** A path with a placeholder (`<election>`, `*`, `…`, `{id}`) names a pattern, not a file. */
const PLACEHOLDER = /[<>*…{}]/;

/** A fenced block's lines, each with its line number; and the text outside fences, fences blanked so offsets keep their lines. */
function splitFences(text: string): { fenced: { line: number; text: string }[]; prose: string } {
  const fenced: { line: number; text: string }[] = [];
  let inFence = false;
  const prose = text
    .split('\n')
    .map((line, index) => {
      if (/^\s*```/.test(line)) {
        inFence = !inFence;
        return '';
      }
      if (inFence) {
        fenced.push({ line: index + 1, text: line });
        return '';
      }
      return line;
    })
    .join('\n');
  return { fenced, prose };
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Inline code spans (one backtick; they may wrap a line but not cross a blank one), with their lines. */
function codeSpans(prose: string): { line: number; text: string }[] {
  return [...prose.matchAll(/`((?:[^`\n]|\n(?!\s*\n))+)`/g)].map((m) => ({ line: lineAt(prose, m.index), text: m[1]!.replace(/\s+/g, ' ').trim() }));
}

/**
 * The anchor GitHub gives a heading: its text as rendered (link targets, code and emphasis marks
 * dropped), lower case, without punctuation but hyphens and underscores, spaces as hyphens.
 */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor of a document, a repeated heading's with -1, -2… as GitHub numbers them. */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of splitFences(text).prose.split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const anchor = headingAnchor(heading[1]!);
    const times = seen.get(anchor) ?? 0;
    seen.set(anchor, times + 1);
    anchors.add(times === 0 ? anchor : `${anchor}-${times}`);
  }
  return anchors;
}

/** Every relative link and anchor of a document that leads nowhere. */
function linkProblems(doc: Doc, docs: ReadonlyMap<string, Doc>, repository: Repository): string[] {
  const { prose } = splitFences(doc.text);
  // Code spans hold brackets that are no links (`GET //[`); blank them, keeping offsets.
  const text = prose.replace(/`(?:[^`\n]|\n(?!\s*\n))+`/g, (span) => span.replace(/[^\n]/g, ' '));
  const problems: string[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
    const where = `${doc.path}:${lineAt(text, m.index)}`;
    const [pathPart = '', anchor] = target.split('#', 2);
    const path = pathPart === '' ? doc.path : normalize(join(dirname(doc.path), decodeURIComponent(pathPart)));
    if (path.startsWith('..')) {
      problems.push(`${where}: ${target} leads out of the repository`);
      continue;
    }
    if (!repository.exists(path)) {
      problems.push(`${where}: ${target} names ${path}, which does not exist`);
      continue;
    }
    if (anchor === undefined) continue;
    const linked = docs.get(path);
    if (!linked) problems.push(`${where}: ${target} has an anchor, but ${path} is not one of the documents checked`);
    else if (!anchorsOf(linked.text).has(anchor)) problems.push(`${where}: ${target}: ${path} has no heading with the anchor #${anchor}`);
  }
  return problems;
}

/** Every command a piece of code shows that does not exist: npm scripts, files run or tested, the command line's subcommands, paths. */
function codeProblems(code: string, where: string, repository: Repository, wholeSpan: boolean): string[] {
  const problems: string[] = [];
  for (const m of code.matchAll(/\bnpm run ([\w:-]+)/g)) if (!repository.scripts.has(m[1]!)) problems.push(`${where}: npm run ${m[1]}: package.json has no script "${m[1]}"`);
  const run = [...code.matchAll(/\bnpx (?:tsx|vitest run) ([^\s;&|]+)/g)];
  for (const [shown, path] of run) if (!PLACEHOLDER.test(path!) && !repository.exists(normalize(path!))) problems.push(`${where}: ${shown}: there is no ${path}`);
  const cli = [
    ...code.matchAll(/\bnpm run cli -- +([a-z][\w-]*)(?: +([^\s;&|]+))?/g),
    ...code.matchAll(/^(?:\$ +)?election +([a-z][\w-]*)(?: +([^\s;&|]+))?/g),
    ...(wholeSpan ? code.matchAll(/^(admin|audit) +([^\s;&|]+)/g) : []),
  ];
  for (const [, group, command] of cli) {
    // `npm run cli -- audit …` shows the group, not a command.
    if (command !== undefined && PLACEHOLDER.test(command)) continue;
    const commands = Object.hasOwn(repository.cliCommands, group!) ? repository.cliCommands[group!]! : undefined;
    if (!commands) problems.push(`${where}: the command line has no command "${group}"`);
    else if (commands.length > 0 && command === undefined) problems.push(`${where}: "${group}" takes one of ${commands.join(', ')}`);
    else if (commands.length > 0 && !commands.includes(command!)) problems.push(`${where}: the command line has no command "${group} ${command}"`);
  }
  const paths = wholeSpan ? [code] : code.split(/\s+/).map((word) => word.replace(/^["'(]+|["'),:;.]+$/g, ''));
  const runPaths = new Set(run.map(([, path]) => path));
  for (const path of paths)
    if (!runPaths.has(path) && REPOSITORY_PATH.test(path) && !PLACEHOLDER.test(path) && !existsAsFileOrModule(repository, normalize(path))) problems.push(`${where}: ${path} does not exist`);
  return problems;
}

/** Everything in the documents that leads nowhere: links and anchors, and the commands and paths their code shows. */
export function docsProblems(docs: readonly Doc[], repository: Repository): string[] {
  const byPath = new Map(docs.map((doc) => [normalize(doc.path), doc]));
  return docs.flatMap((doc) => {
    const { fenced, prose } = splitFences(doc.text);
    return [
      ...linkProblems(doc, byPath, repository),
      ...fenced.flatMap(({ line, text }) => codeProblems(text, `${doc.path}:${line}`, repository, false)),
      ...codeSpans(prose).flatMap(({ line, text }) => codeProblems(text, `${doc.path}:${line}`, repository, true)),
    ];
  });
}
