import { randomBytes } from 'node:crypto';
import { getBinaryNodeChild, getBinaryNodeChildren, proto, type BinaryNode } from './baileys';
import { lidJid, phoneJid, type Account, type Device, type Directory } from './directory';

/** Hands a stanza to a device now, or keeps it for its next login. */
export const deliver = (device: Device, node: BinaryNode): void => {
  if (device.session && !device.account.offline) device.session.send(node);
  else device.queue.push({ ...node, attrs: { ...node.attrs, offline: '1' } });
};

/** A received copy of a message as the recipient's device sees it (Utils/decode-wa-message.js). */
export type RoutedMessage = { id: string; from: Device; to: Device; type: string; enc: BinaryNode };

/**
 * Routes a `<message>` from a device: one `<enc>` per recipient device under `<participants>`
 * (or a bare `<enc>` for one peer). The server never decrypts; it rewrites the envelope so the
 * recipient learns who sent it (`from` with device, `sender_lid`, the sender's push name).
 */
export const routeMessage = (
  directory: Directory,
  sender: Device,
  node: BinaryNode,
  nowSeconds: number,
  /** Tests: what a recipient's copy of the ciphertext becomes on the way (a damaged one, say). */
  alter: (copy: RoutedMessage) => BinaryNode = (copy) => copy.enc,
): { ack: BinaryNode; routed: RoutedMessage[] } => {
  const id = node.attrs.id;
  const to = node.attrs.to;
  if (!id || !to) throw new Error('message: a message needs an id and a to');
  const deviceIdentity = getBinaryNodeChild(node, 'device-identity');
  const targets: { jid: string; enc: BinaryNode }[] = [];
  for (const participant of getBinaryNodeChildren(getBinaryNodeChild(node, 'participants'), 'to')) {
    const enc = getBinaryNodeChild(participant, 'enc');
    if (participant.attrs.jid && enc) targets.push({ jid: participant.attrs.jid, enc });
  }
  const bareEnc = getBinaryNodeChild(node, 'enc');
  if (bareEnc) targets.push({ jid: to, enc: bareEnc });

  const routed: RoutedMessage[] = [];
  for (const target of targets) {
    const address = directory.resolve(target.jid);
    const device = address?.device ? address.account.devices.get(address.device) : undefined;
    if (!device || device === sender) continue;
    const ownDevice = device.account === sender.account;
    const copy: RoutedMessage = { id, from: sender, to: device, type: node.attrs.type ?? 'text', enc: target.enc };
    const enc = alter(copy);
    deliver(device, {
      tag: 'message',
      attrs: {
        id,
        from: phoneJid(sender.account, sender.id),
        sender_lid: lidJid(sender.account),
        type: node.attrs.type ?? 'text',
        t: String(nowSeconds),
        notify: sender.account.name,
        // A copy for the sender's other devices names the chat it belongs to.
        ...(ownDevice ? { recipient: to } : {}),
      },
      content: [enc, ...(deviceIdentity ? [deviceIdentity] : [])],
    });
    routed.push({ ...copy, enc });
  }
  return { ack: { tag: 'ack', attrs: { class: 'message', id, from: to, t: String(nowSeconds) } }, routed };
};

/** Receipt types that only concern the server or the sender's own devices. */
const UNROUTED_RECEIPTS = new Set(['hist_sync', 'peer_msg', 'sender', 'server-error', 'read-self', 'enc_rekey_retry']);

/**
 * A recipient's receipt goes to every device of the message's sender, from the recipient's
 * bare phone JID: delivered (no type; `inactive` counts as delivered) or read.
 */
export const routeReceipt = (directory: Directory, from: Device, node: BinaryNode, nowSeconds: number): number => {
  const type = node.attrs.type;
  if (type === 'retry') return routeRetryReceipt(directory, from, node, nowSeconds);
  if (type && UNROUTED_RECEIPTS.has(type)) return 0;
  const target: Account | undefined = directory.resolve(node.attrs.to)?.account;
  if (!target || target === from.account) return 0;
  const list = getBinaryNodeChild(node, 'list');
  const receipt: BinaryNode = {
    tag: 'receipt',
    attrs: {
      id: node.attrs.id ?? '',
      from: phoneJid(from.account),
      t: node.attrs.t ?? String(nowSeconds),
      ...(type && type !== 'inactive' ? { type } : {}),
    },
    ...(list ? { content: [list] } : {}),
  };
  for (const device of target.devices.values()) deliver(device, receipt);
  return target.devices.size;
};

/**
 * A device that could not decrypt a message asks the one device that sent it for it again
 * (Socket/messages-recv.js sendRetryRequest): `to` is the sender's device as the message named
 * it. It arrives from the asking device's own JID, device included, so the sender encrypts the
 * resend for that device alone; its `<retry>`, `<registration>` and (from the second try) `<keys>`
 * go through untouched.
 */
const routeRetryReceipt = (directory: Directory, from: Device, node: BinaryNode, nowSeconds: number): number => {
  const address = directory.resolve(node.attrs.to);
  const target = address?.device ? address.account.devices.get(address.device) : undefined;
  if (!target || target === from) return 0;
  deliver(target, {
    tag: 'receipt',
    attrs: {
      id: node.attrs.id ?? '',
      from: phoneJid(from.account, from.id),
      type: 'retry',
      t: node.attrs.t ?? String(nowSeconds),
      ...(node.attrs.participant ? { participant: node.attrs.participant } : {}),
      ...(node.attrs.recipient ? { recipient: node.attrs.recipient } : {}),
    },
    ...(Array.isArray(node.content) ? { content: node.content } : {}),
  });
  return 1;
};

/**
 * Ends Baileys' wait for history after a login: a self-addressed plaintext protocol message
 * whose sync type (7, "no history") Baileys does not process, so it goes online at once
 * (Socket/chats.js AwaitingInitialSync).
 */
export const noHistoryNotification = (device: Device, nowSeconds: number): BinaryNode => ({
  tag: 'message',
  attrs: {
    id: randomBytes(8).toString('hex').toUpperCase(),
    from: phoneJid(device.account),
    type: 'text',
    category: 'peer',
    t: String(nowSeconds),
  },
  content: [
    {
      tag: 'plaintext',
      attrs: {},
      content: proto.Message.encode({
        protocolMessage: {
          type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
          historySyncNotification: { syncType: 7 as proto.Message.HistorySyncType, chunkOrder: 1, progress: 100 },
        },
      }).finish(),
    },
  ],
});
