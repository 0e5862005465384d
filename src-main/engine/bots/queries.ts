import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { BotEvent, BotEventKind, BotFeature, BotKind, BotStatus, PageKey } from '../../../src-shared/bots';
import type { Db } from '../db/open';
import { botEvents, botFeatures, bots } from '../db/schema';

export type BotRow = typeof bots.$inferSelect;

export const listBotRows = (db: Db): BotRow[] => db.select().from(bots).orderBy(bots.createdAt, bots.id).all();

export const getBotRow = (db: Db, id: string): BotRow | undefined =>
  db.select().from(bots).where(eq(bots.id, id)).get();

export const insertBot = (
  db: Db,
  args: { id: string; name: string; kind: BotKind; now: number; features: Record<BotFeature, boolean> },
): void => {
  db.transaction((tx) => {
    tx.insert(bots)
      .values({
        id: args.id,
        name: args.name,
        kind: args.kind,
        status: 'created',
        createdAt: args.now,
        updatedAt: args.now,
      })
      .run();
    tx.insert(botFeatures)
      .values(
        Object.entries(args.features).map(([feature, enabled]) => ({
          botId: args.id,
          feature,
          enabled,
          updatedAt: args.now,
        })),
      )
      .run();
  });
};

export type BotPatch = Partial<
  Pick<
    BotRow,
    'name' | 'status' | 'statusReason' | 'phone' | 'jid' | 'autoStart' | 'lastOnlineAt' | 'linkedAt' | 'linkedPhone'
  >
>;

export const updateBot = (db: Db, id: string, patch: BotPatch, now: number): void => {
  db.update(bots)
    .set({ ...patch, updatedAt: now })
    .where(eq(bots.id, id))
    .run();
};

/** The bot row cascades to its features, events and WhatsApp session. */
export const deleteBot = (db: Db, id: string): void => {
  db.delete(bots).where(eq(bots.id, id)).run();
};

export const featuresOf = (db: Db, botId: string): Record<string, boolean> => {
  const rows = db.select().from(botFeatures).where(eq(botFeatures.botId, botId)).all();
  return Object.fromEntries(rows.map((r) => [r.feature, r.enabled]));
};

export const setFeature = (db: Db, botId: string, feature: BotFeature, enabled: boolean, now: number): void => {
  db.insert(botFeatures)
    .values({ botId, feature, enabled, updatedAt: now })
    .onConflictDoUpdate({ target: [botFeatures.botId, botFeatures.feature], set: { enabled, updatedAt: now } })
    .run();
};

/** Newest first, paged by (ts, id) so a page never shifts when new events arrive. */
export const pageEvents = (
  db: Db,
  args: { botId: string; kinds?: BotEventKind[]; before?: PageKey; limit: number },
): { items: BotEvent[]; nextBefore: PageKey | null } => {
  const conditions = [eq(botEvents.botId, args.botId)];
  if (args.kinds && args.kinds.length > 0) conditions.push(inArray(botEvents.kind, args.kinds));
  if (args.before) {
    const { ts, id } = args.before;
    const older = or(lt(botEvents.ts, ts), and(eq(botEvents.ts, ts), lt(botEvents.id, id)));
    if (older) conditions.push(older);
  }
  const rows = db
    .select()
    .from(botEvents)
    .where(and(...conditions))
    .orderBy(desc(botEvents.ts), desc(botEvents.id))
    .limit(args.limit + 1)
    .all();
  const items = rows.slice(0, args.limit).map((r) => ({
    ...r,
    kind: r.kind as BotEventKind,
    level: r.level as BotEvent['level'],
  }));
  const last = items.at(-1);
  return { items, nextBefore: rows.length > args.limit && last ? { ts: last.ts, id: last.id } : null };
};

export const isBotStatus = (value: string): value is BotStatus =>
  ['created', 'connecting', 'linking', 'online', 'reconnecting', 'offline', 'stopped', 'logged_out', 'failed'].includes(
    value,
  );
