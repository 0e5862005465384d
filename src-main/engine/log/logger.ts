import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import roll from 'pino-roll';

export type Logger = pino.Logger;

/**
 * Paths pino blanks out wherever they appear: tokens, keys and session material never reach a
 * log file, even if a careless call passes a whole object.
 */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'creds',
  '*.creds',
  'keys',
  '*.keys',
  'privKey',
  '*.privKey',
  'noiseKey',
  'signedIdentityKey',
  'advSecretKey',
  'password',
  '*.password',
];

export const silentLogger = (): Logger => pino({ level: 'silent' });

/** A pino logger writing to `<dataDir>/logs/wren.log`, rotated at 10 MB or daily, five files kept. */
export const createFileLogger = async (dataDir: string, level = 'info'): Promise<Logger> => {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const stream = await roll({
    file: join(dir, 'wren'),
    extension: '.log',
    size: '10m',
    frequency: 'daily',
    limit: { count: 5 },
    mkdir: true,
  });
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
};
