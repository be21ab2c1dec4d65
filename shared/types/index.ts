export * from './enums';
export * from './schedule';
export * from './dto';
export * from './dashboard';
export * from './integrations';
export * from './team-settings';
