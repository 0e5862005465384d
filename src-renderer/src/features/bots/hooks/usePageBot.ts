import { useEffect, useEffectEvent } from 'react';

/**
 * The bot a per-bot page shows: the remembered one while it exists, else the first (a deleted bot
 * falls back too). `choose` loads the page's data; `unloaded` says the data still needs loading.
 * Only a change of bots re-runs this, so a bot with nothing to show is not reloaded forever.
 */
export const usePageBot = (
  list: { status: string; ids: string[] },
  botId: string | null,
  choose: (botId: string | null) => void,
  unloaded: () => boolean,
): void => {
  const needsLoad = useEffectEvent(unloaded);
  useEffect(() => {
    if (list.status !== 'ready') return;
    const valid = botId !== null && list.ids.includes(botId) ? botId : (list.ids[0] ?? null);
    if (valid !== botId || needsLoad()) choose(valid);
  }, [list.status, list.ids, botId, choose]);
};
