// Pure domain rules: no I/O, no clock (the current instant is always a parameter).
export * from './validation';
export * from './permissions';
export * from './schedule';
export * from './agent-selection';
export * from './team-settings';
