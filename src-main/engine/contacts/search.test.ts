import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactFilter } from '../../../src-shared/contacts';
import { memoryDbWithBots } from '../testing/memory-db';
import { contactServiceOn } from '../testing/contact-service';
import type { ContactService } from './service';
import { foldText, numberPatterns } from './search';

let sqlite: ReturnType<typeof memoryDbWithBots>;
let service: ContactService;

const serviceOn = contactServiceOn;

beforeEach(() => {
  sqlite = memoryDbWithBots('uk', 'us');
  sqlite.prepare("UPDATE bots SET phone = '+447700900000' WHERE id = 'uk'").run();
  sqlite.prepare("UPDATE bots SET phone = '+12025550100' WHERE id = 'us'").run();
  service = serviceOn(sqlite);
});

afterEach(() => {
  sqlite.close();
});

const filter = (botId: string, query: string, tag: string | null = null): ContactFilter => ({
  botId,
  query,
  tag,
  optedOut: 'any',
});
const names = (botId: string, query: string, tag: string | null = null) =>
  service.list({ filter: filter(botId, query, tag), limit: 100 }).contacts.map((c) => c.name ?? c.pushName);
const add = (botId: string, phone: string, name: string, tags: string[] = []) =>
  service.save(botId, undefined, { phone, name, tags, fields: {}, notes: '' });

describe('contact search', () => {
  it('folds accents and case, as message search does', () => {
    add('uk', '+447700900001', 'João Silva');
    add('uk', '+447700900002', 'ÉLODIE Durand');
    add('uk', '+447700900003', 'Zoë');
    add('uk', '+447700900004', 'Joanna');
    sqlite.prepare("UPDATE contacts SET name = NULL, push_name = 'Çağrı' WHERE name = 'Zoë'").run();
    expect(names('uk', 'joao')).toEqual(['João Silva']);
    expect(names('uk', 'JOÃO')).toEqual(['João Silva']);
    expect(names('uk', 'elodie')).toEqual(['ÉLODIE Durand']);
    expect(names('uk', 'cagri')).toEqual(['Çağrı']);
    expect(names('uk', 'jo')).toEqual(['Joanna', 'João Silva']);
    expect(names('uk', '50%')).toEqual([]);
  });

  it('finds a number typed in national form, read in the bot’s own country', () => {
    add('uk', '+447911123456', 'Ana');
    add('us', '+12025550123', 'Ben');
    expect(names('uk', '07911 123456')).toEqual(['Ana']);
    expect(names('uk', '07911 12')).toEqual(['Ana']);
    expect(names('uk', '+44 7911 123456')).toEqual(['Ana']);
    expect(names('us', '(202) 555-0123')).toEqual(['Ben']);
    expect(names('us', '202-555')).toEqual(['Ben']);
    // The bot's country wins over the setting (a demo bot's fictional +44 7700 900… number too).
    service.saveSettings({ defaultCountry: 'US' });
    expect(names('uk', '07911 123456')).toEqual(['Ana']);
    expect(names('us', '07911 123456')).toEqual([]);
  });

  it('reads numbers only when the query looks like one', () => {
    expect(numberPatterns('customer 01', ['GB'])).toEqual([]);
    expect(numberPatterns('07911 123456', ['GB'])).toEqual(['07911123456', '447911123456', '7911123456']);
    expect(foldText('Ãñḯ ŞÜ Øl')).toBe('ani su ol');
  });

  it('finds by folded name and by national number among 100,000 contacts, counting in the same pass', () => {
    const insert = sqlite.prepare(
      "INSERT INTO contacts (bot_id, phone_jid, name, source, updated_at) VALUES ('uk', ?, ?, 'import', 0)",
    );
    const first = ['Ana', 'João', 'Ben', 'Élodie', 'Chen', 'Mohammed', 'Zoë', 'Priya'];
    sqlite.transaction(() => {
      for (let i = 0; i < 100_000; i += 1) {
        insert.run(
          `4474${String(i).padStart(8, '0')}@s.whatsapp.net`,
          `${first[i % first.length] ?? ''} Customer ${i}`,
        );
      }
    })();
    // Correctness at size only: how long a search takes is a bench's figure, never a test's.
    const search = (query: string) => service.list({ filter: filter('uk', query), limit: 100 });
    expect(search('joao customer 4242').total).toBe(1);
    const common = search('elodie');
    expect(common.total).toBe(12_500);
    expect(common.contacts).toHaveLength(100);
    expect(search('07400 004242').total).toBe(1);
  });
});
