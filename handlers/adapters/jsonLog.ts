import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Log } from '../ports';
import { SERVICE_NAME } from './telemetryNames';

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

/**
 * One JSON object per line, as CloudWatch Logs Insights reads them: the level (lower case, as
 * this project's queries and tests have always read it), the time and the message first, then
 * what Powertools knows of the invocation (request id, cold start, X-Ray trace id; absent outside
 * Lambda), then the caller's fields.
 */
class ElectionLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const invocation = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel.toLowerCase(),
        time: this.formatTimestamp(attributes.timestamp),
        message: attributes.message,
        service: attributes.serviceName,
        function_request_id: invocation?.awsRequestId,
        cold_start: invocation?.coldStart,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(additional);
  }
}

export interface LoggerOptions {
  /** debug, info, warn, error or silent; anything else is info. */
  level?: string;
  /** Where each line goes instead of stdout (stderr for warnings and errors): a test's recorder. */
  write?: (line: string) => void;
}

/** The Powertools logger with this project's line format; the Lambda entry points add each invocation's context to it. */
export function newLogger({ level = process.env.LOG_LEVEL ?? 'info', write }: LoggerOptions = {}): Logger {
  const upper = level.toUpperCase();
  const options = {
    serviceName: SERVICE_NAME,
    logLevel: (LEVELS as readonly string[]).includes(upper) ? (upper as (typeof LEVELS)[number]) : 'INFO',
    logFormatter: new ElectionLogFormatter(),
  };
  if (!write) return new Logger(options);
  // Prints exactly what Powertools would, to the recorder: tests read the lines the deployed system writes.
  return new (class extends Logger {
    protected override printLog(_level: number, log: LogItem): void {
      log.prepareForPrint();
      write(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
    }
  })(options);
}

/** The Log port over a Powertools logger. Callers never pass tokens or ballot choices. */
export function powertoolsLog(logger: Logger): Log {
  return {
    info: (message, fields = {}) => logger.info(message, fields),
    warn: (message, fields = {}) => logger.warn(message, fields),
    error: (message, fields = {}) => logger.error(message, fields),
  };
}

/** JSON lines on stdout at this level (LOG_LEVEL when not given): the local stack's log. */
export const jsonLog = (level?: string): Log => powertoolsLog(newLogger({ level }));
