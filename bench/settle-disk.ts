import { spawnSync } from 'node:child_process';

/**
 * Lets the OS write out what earlier steps of a bench left dirty (a store's files, a copied
 * database, the last measurement's WAL), so that writeback does not run during, and is not charged
 * to, the next measurement. Windows has no `sync`; where it is missing, spawnSync returns the
 * error instead of throwing, and the bench measures without.
 */
export const settleDisk = (): void => {
  if (process.platform !== 'win32') spawnSync('sync');
};
