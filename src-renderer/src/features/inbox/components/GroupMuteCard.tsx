import { useId, useState } from 'react';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { Switch } from '../../../ui/Switch';

/**
 * WhatsApp's "Send messages: only admins" setting, changed by the bot on WhatsApp (it must be
 * online and an admin there); the same as .mute / .unmute in the chat.
 */
export const GroupMuteCard = ({ chatId, announce }: { chatId: number; announce: boolean }) => {
  const [value, setValue] = useState(announce);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labelId = useId();

  const change = async (next: boolean) => {
    setBusy(true);
    try {
      const result = await getClient().call('groups:set-announce', { chatId, announce: next });
      setValue(result.announce);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="group-info-card group-bot">
      <div className="group-bot-row">
        <span>
          <span id={labelId}>Only admins can send messages</span>
          <span className="group-bot-hint">Mutes the group for everyone else.</span>
        </span>
        <Switch checked={value} labelledBy={labelId} disabled={busy} onChange={(on) => void change(on)} />
      </div>
      {error ? (
        <p className="group-info-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
};
