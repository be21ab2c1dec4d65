// The project's shared TypeScript: imports nothing from server, console or widget.
export * from './types';
export * from './protocol';
export * from './errors';
