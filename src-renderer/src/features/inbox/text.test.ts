import { beforeAll, describe, expect, it } from 'vitest';
import { loadPhoneFormat } from '../../lib/phone-format';
import type { Chat } from '../../../../src-shared/inbox';
import { makeChat } from './test-data';
import { displayTitle, phoneOfJid, previewText, senderLabel, splitSnippet } from './text';

// Numbers are formatted once the phone library is in (it loads after the first screen).
beforeAll(loadPhoneFormat);

const person: Chat = makeChat({ botId: 'b', title: '+447911123401' });

describe('inbox text', () => {
  it('previews a formatted message as the words it shows, without the markers', () => {
    expect(previewText({ kind: 'text', text: 'We have it, *£12*. _Want_ one?', deleted: false })).toBe(
      'We have it, £12. Want one?',
    );
    expect(previewText({ kind: 'image', text: '~old~ new', deleted: false })).toBe('📷 Photo: old new');
  });

  it('marks the parts of a snippet the engine wrapped in \\u0001…\\u0002', () => {
    expect(splitSnippet('Where is the nearest \u0001branch\u0002?')).toEqual([
      { text: 'Where is the nearest ', mark: false },
      { text: 'branch', mark: true },
      { text: '?', mark: false },
    ]);
    expect(splitSnippet('\u0001a\u0002 and \u0001b\u0002')).toEqual([
      { text: 'a', mark: true },
      { text: ' and ', mark: false },
      { text: 'b', mark: true },
    ]);
    expect(splitSnippet('')).toEqual([]);
  });

  it('previews media with their label and deleted messages as deleted', () => {
    expect(previewText({ kind: 'image', text: 'Our new cakes', deleted: false })).toBe('📷 Photo: Our new cakes');
    expect(previewText({ kind: 'poll', text: null, deleted: false })).toBe('📊 Poll');
    expect(previewText({ kind: 'text', text: 'secret', deleted: true })).toBe('🚫 This message was deleted');
  });

  it('names people: the bot is "You", a member by the name they go by, else their number', () => {
    expect(phoneOfJid('447911123401:2@s.whatsapp.net')).toBe('+447911123401');
    expect(phoneOfJid('1203630001@g.us')).toBeNull();
    expect(displayTitle(person)).toBe('+44 7911 123401');
    expect(senderLabel('447911123499@s.whatsapp.net', '+447911123499', person)).toBe('You');
    expect(senderLabel('447911123401@s.whatsapp.net', '+447911123499', person)).toBe('+44 7911 123401');
    const group: Chat = { ...person, kind: 'group', title: 'Staff', jid: '1203630001@g.us', phone: null };
    const names = { '447911123402@s.whatsapp.net': 'Tom' };
    expect(senderLabel('447911123402:4@s.whatsapp.net', null, group, names)).toBe('Tom');
    expect(senderLabel('447911123403@s.whatsapp.net', null, group, names)).toBe('+44 7911 123403');
  });
});
