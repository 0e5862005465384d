import type { Campaign } from '../../../../src-shared/campaigns';

/**
 * Folds a 'campaign:progress' event into the shown list: replaces the campaign in place, adds
 * a new one on top, and ignores other bots' campaigns (the page shows one bot at a time).
 */
export function applyProgress(list: readonly Campaign[], botId: string | null, campaign: Campaign): Campaign[] {
  if (campaign.botId !== botId) return [...list];
  const at = list.findIndex((c) => c.id === campaign.id);
  if (at === -1) return [campaign, ...list].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  return list.map((c, i) => (i === at ? campaign : c));
}
