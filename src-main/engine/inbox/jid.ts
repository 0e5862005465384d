/** WhatsApp address forms the inbox tells apart. Plain string rules: the engine never imports Baileys here. */

export const isGroupJid = (jid: string): boolean => jid.endsWith('@g.us');
export const isLidJid = (jid: string): boolean => jid.endsWith('@lid');
export const isPhoneJid = (jid: string): boolean => jid.endsWith('@s.whatsapp.net');

/** `447…:3@s.whatsapp.net` → `447…@s.whatsapp.net`: one person, whichever device wrote. */
export const bareJid = (jid: string): string => {
  const at = jid.indexOf('@');
  if (at < 0) return jid;
  const user = jid.slice(0, at).split(':')[0] ?? '';
  return `${user}${jid.slice(at)}`;
};

/** E.164 for a phone JID, else null. */
export const phoneOfJid = (jid: string): string | null =>
  isPhoneJid(jid) ? `+${jid.slice(0, jid.indexOf('@')).split(':')[0] ?? ''}` : null;

export const jidOfPhone = (e164: string): string => `${e164.replace(/\D/g, '')}@s.whatsapp.net`;

/**
 * The two addresses of a person as far as one message tells: a phone JID and/or a LID. The
 * chat is keyed by the phone JID once known, so a person stays one chat.
 */
export const personAddresses = (
  jid: string,
  alt: string | null | undefined,
): { phone: string | null; lid: string | null } => {
  const all = [bareJid(jid), ...(alt ? [bareJid(alt)] : [])];
  return { phone: all.find(isPhoneJid) ?? null, lid: all.find(isLidJid) ?? null };
};
