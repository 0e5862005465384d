import type Database from 'better-sqlite3';
import { FakeClock } from '../clock';
import { createContactService } from '../contacts/service';
import { createEngineEvents } from '../events';

/** The contact service alone on a test database (see memory-db.ts), as the engine wires it. */
export const contactServiceOn = (sqlite: Database.Database, clock = new FakeClock()) =>
  createContactService({
    sqlite,
    clock,
    events: createEngineEvents(),
    botExists: (id) => sqlite.prepare('SELECT 1 FROM bots WHERE id = ?').get(id) !== undefined,
    botName: () => 'Shop',
  });
