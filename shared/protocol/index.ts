export * from './messages';
export * from './validate';
export * from './backoff';
export * from './reconnecting-socket';
