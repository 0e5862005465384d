export * from './auth';
export * from './bots';
export * from './inbox';
export * from './media';
export * from './groups';
export * from './automations';
export * from './campaigns';
export * from './contact-imports';
