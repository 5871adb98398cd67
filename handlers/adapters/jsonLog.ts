import type { Log } from '../ports';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = keyof typeof LEVELS;

/** One JSON object per line, as CloudWatch Logs Insights reads them. */
export function jsonLog(minLevel: string = process.env.LOG_LEVEL ?? 'info'): Log {
  const threshold = LEVELS[(minLevel in LEVELS ? minLevel : 'info') as Level];
  const write = (level: Level) => (message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[level] < threshold) return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
