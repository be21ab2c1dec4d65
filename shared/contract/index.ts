// The HTTP contract: TypeBox schemas of every request and answer, and their static types.
// Console and widget: `import type` only (these modules carry TypeBox at runtime).
export * from './common';
export * from './schedule';
export * from './org';
export * from './members';
export * from './auth';
export * from './invitations';
export * from './teams';
export * from './contacts';
export * from './chats';
export * from './saved-replies';
export * from './notes';
export * from './search';
export * from './dashboard';
export * from './live';
export * from './integrations';
export * from './widget-api';
export * from './widget-texts';
export * from './after-end';
export * from './handoff';
export * from './system';
export * from './demo';
