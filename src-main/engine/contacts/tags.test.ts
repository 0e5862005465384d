import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactFilter } from '../../../src-shared/contacts';
import { memoryDbWithBots } from '../testing/memory-db';
import { contactServiceOn } from '../testing/contact-service';
import type { ContactService } from './service';
import { mergeTagCase } from './tags';

let sqlite: ReturnType<typeof memoryDbWithBots>;
let service: ContactService;

const serviceOn = contactServiceOn;

beforeEach(() => {
  sqlite = memoryDbWithBots('shop', 'other');
  service = serviceOn(sqlite);
});

afterEach(() => {
  sqlite.close();
});

const byTag = (botId: string, tag: string): ContactFilter => ({ botId, query: '', tag, optedOut: 'any' });
const add = (botId: string, phone: string, tags: string[]) =>
  service.save(botId, undefined, { phone, name: phone, tags, fields: {}, notes: '' });

describe('tags whatever their case', () => {
  it('keeps the first-seen spelling when saving, tagging and importing', async () => {
    add('shop', '+447700900001', ['VIP', 'Été']);
    const ben = add('shop', '+447700900002', ['vip', 'ÉTÉ', 'Vip']);
    expect(ben.tags).toEqual(['Été', 'VIP']);
    // Another bot's spelling is its own.
    expect(add('other', '+447700900003', ['vip']).tags).toEqual(['vip']);

    service.bulk('shop', { ids: [ben.id] }, 'tag', 'new');
    service.bulk('shop', { ids: [ben.id] }, 'tag', 'NEW');
    await service.import(
      'shop',
      'phone,tags\n+447700900004,vip;New;fresh\n+447700900005,FRESH\n',
      {
        phone: 0,
        name: null,
        tags: 1,
        fields: {},
      },
      ['Spring'],
    );
    expect(service.tags('shop')).toEqual([
      { tag: 'Été', count: 2 },
      { tag: 'fresh', count: 2 },
      { tag: 'new', count: 2 },
      { tag: 'Spring', count: 2 },
      { tag: 'VIP', count: 3 },
    ]);
    // A filter and an untag in any case find the tag.
    expect(service.list({ filter: byTag('shop', 'vIp'), limit: 10 }).total).toBe(3);
    expect(service.bulk('shop', { filter: byTag('shop', 'vip') }, 'untag', 'vip').changed).toBe(3);
    expect(service.tags('shop').map((t) => t.tag)).not.toContain('VIP');
  });

  it('merges spellings stored side by side before, at start, into the first seen', () => {
    const ana = add('shop', '+447700900001', ['VIP']);
    const ben = add('shop', '+447700900002', []);
    const insert = sqlite.prepare('INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)');
    // As an older version wrote them: Ana has both spellings, Ben only the later one.
    insert.run(ana.id, 'vip');
    insert.run(ben.id, 'Vip');
    insert.run(ben.id, 'other');
    service = serviceOn(sqlite);
    expect(service.tags('shop')).toEqual([
      { tag: 'other', count: 1 },
      { tag: 'VIP', count: 2 },
    ]);
    expect(service.list({ filter: byTag('shop', 'VIP'), limit: 10 }).contacts.map((c) => c.tags)).toEqual([
      ['VIP'],
      ['other', 'VIP'],
    ]);
    // Once clean, a start rewrites nothing.
    expect(mergeTagCase(sqlite)).toBe(0);
  });
});
