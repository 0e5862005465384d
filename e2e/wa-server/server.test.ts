import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Contact } from './contact';
import { WaServer } from './server';

let server: WaServer;
const contacts: Contact[] = [];

const link = async (phone: string, name?: string) => {
  const contact = await Contact.link(server, phone, name);
  contacts.push(contact);
  return contact;
};

beforeEach(async () => {
  server = await WaServer.start();
});

afterEach(async (context) => {
  await Promise.all(contacts.splice(0).map((c) => c.close()));
  await server.close();
  if (context.task.result?.state === 'fail' || process.env.WA_TRACE) console.log(server.trace.format());
  expect(server.trace.errors).toEqual([]);
});

describe('protocol server with unmodified Baileys clients', () => {
  it('links two clients by QR and routes an encrypted text with receipts', async () => {
    const alice = await link('447700900001', 'Alice');
    const bob = await link('447700900002', 'Bob');
    expect(server.account('447700900001').devices.size).toBe(1);

    const id = await alice.sendText(bob.phone, 'hello bob');
    const got = await bob.waitForText((m) => m.id === id);
    expect(got).toMatchObject({ text: 'hello bob', pushName: 'Alice', fromJid: alice.jid, offline: false });
    await alice.waitForStatus(id, 3);
    await bob.markRead([id]);
    await alice.waitForStatus(id, 4);

    const reply = await bob.sendText(alice.phone, 'hi alice');
    await expect(alice.waitForText((m) => m.id === reply)).resolves.toMatchObject({ text: 'hi alice' });
  });
});
