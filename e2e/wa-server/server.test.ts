import { once } from 'node:events';
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

  it('queues messages for an account taken offline and delivers them, marked offline, when it is back', async () => {
    const alice = await link('447911123401', 'Alice');
    const bob = await link('447911123402', 'Bob');
    // A first message while both are online sets up the session and Bob's device list.
    const hello = await alice.sendText(bob.phone, 'hello');
    await bob.waitForText((m) => m.id === hello);

    server.setOffline(bob.phone, true);
    const routed = once(server, 'message');
    const later = await alice.sendText(bob.phone, 'are you there?');
    await routed;
    expect(server.queued(bob.phone)).toBe(1);
    expect(bob.received.some((m) => m.id === later)).toBe(false);

    server.setOffline(bob.phone, false);
    const got = await bob.waitForText((m) => m.id === later);
    expect(got).toMatchObject({ text: 'are you there?', offline: true });
    expect(server.queued(bob.phone)).toBe(0);
    await alice.waitForStatus(later, 3);
  });

  it('a 515 makes a client restart and log in again with the same device', async () => {
    const alice = await link('447911123401', 'Alice');
    const closed = once(alice, 'close');
    const reopened = once(alice, 'open');
    expect(server.streamError(alice.phone, 515)).toBe(1);
    expect(await closed).toEqual([515]);
    await reopened;
    expect([...server.account(alice.phone).devices.keys()]).toEqual([1]);
  });

  it('refuses a QR that is malformed or that no client shows', async () => {
    await expect(server.scanQr('https://wa.me/settings/linked_devices#2@x,a,b,c,1', '447911123409')).rejects.toThrow(
      /32-byte/,
    );
    const key = Buffer.alloc(32, 1).toString('base64');
    await expect(server.scanQr(`2@unknown,${key},${key},${key},1`, '447911123409')).rejects.toThrow(
      /not \(or no longer\) shown/,
    );
  });
});
