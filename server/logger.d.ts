/** Structured logs: one JSON object per line on stdout (errors on stderr). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
export type LogLevel = 'info' | 'warn' | 'error' | 'silent';
export declare function createLogger(level?: LogLevel): Logger;
