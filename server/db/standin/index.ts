export { startStandin, type Standin, type StandinOptions } from './server.ts';
export type { Logger, LogLevel } from './context.ts';
