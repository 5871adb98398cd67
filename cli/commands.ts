/**
 * Every command of the command line, by group: `main.ts` dispatches on exactly these names (the
 * compiler holds its switches to them), and the documentation's test holds every command the docs
 * show to them. `count <file>`, `vote <election>`, `login`, `logout` and `whoami` are groups with no
 * subcommand.
 */
export const CLI_COMMANDS = {
  admin: [
    'create',
    'import-voters',
    'add-candidates',
    'set-window',
    'lock',
    'start',
    'accept',
    'status',
    'results',
    'retry',
    'mail',
    'correct-email',
    'reissue',
    'postal',
    'postal-papers',
    'set-observers',
  ],
  audit: ['verify', 'receipt', 'blt', 'record', 'ballot'],
  count: [],
  login: [],
  logout: [],
  members: ['list', 'add', 'role', 'remove'],
  tokens: ['create', 'list', 'revoke'],
  trustee: ['rehearse', 'open', 'certificate', 'deal', 'review', 'mix', 'decrypt'],
  vote: [],
  whoami: [],
} as const;

export type CliGroup = keyof typeof CLI_COMMANDS;
export type CliCommand<Group extends CliGroup> = (typeof CLI_COMMANDS)[Group][number];

export const isCliGroup = (name: string | undefined): name is CliGroup => name !== undefined && Object.hasOwn(CLI_COMMANDS, name);

export const isCliCommand = <Group extends CliGroup>(group: Group, name: string | undefined): name is CliCommand<Group> => (CLI_COMMANDS[group] as readonly string[]).includes(name ?? '');
