import { useState } from 'react';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * An editable copy of saved settings. It follows the saved value while untouched (another tab
 * saved, the engine tidied a value), and keeps what was typed while it differs, so nothing typed
 * is lost to an unrelated save.
 */
export const useDraft = <T>(saved: T) => {
  const [state, setState] = useState({ base: saved, draft: saved });
  let { base, draft } = state;
  if (!same(base, saved) && same(draft, base)) {
    base = saved;
    draft = saved;
    setState({ base, draft });
  }
  return {
    draft,
    dirty: !same(draft, saved),
    set: (change: (draft: T) => T) => setState((s) => ({ ...s, draft: change(s.draft) })),
    discard: () => setState({ base: saved, draft: saved }),
    /** After a save: the next saved value (maybe tidied by the engine) replaces the draft. */
    saved: () => setState((s) => ({ base: s.draft, draft: s.draft })),
  };
};
