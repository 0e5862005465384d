// pino-roll ships no types; this covers the options Wren uses.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  type Options = {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  };
  const build: (options: Options) => Promise<DestinationStream & { end(): void }>;
  export default build;
}
