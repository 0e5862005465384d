export * from './auth';
export * from './bots';
