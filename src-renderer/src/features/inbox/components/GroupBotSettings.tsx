import { useEffect, useId, useState } from 'react';
import type { GroupSettings } from '../../../../../src-shared/automations';
import type { BotFeature } from '../../../../../src-shared/bots';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { Switch } from '../../../ui/Switch';
import { useBot } from '../../bots/hooks/useBots';
import { FEATURE_INFO } from '../../bots/labels';

type Texts = { welcomeText: string; goodbyeText: string; warnLimit: string };

/**
 * The bot's moderation and greetings for this group: the same settings as .antilink, .welcome and
 * .goodbye in the chat. Switches save at once; texts and the limit when you leave the field.
 */
export const GroupBotSettings = ({ chatId, botId }: { chatId: number; botId: string | null }) => {
  const bot = useBot(botId);
  const [settings, setSettings] = useState<GroupSettings | null>(null);
  const [texts, setTexts] = useState<Texts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const ids = { title: useId(), antilink: useId(), welcome: useId(), goodbye: useId(), limit: useId() };

  useEffect(() => {
    let live = true;
    getClient()
      .call('groups:settings', { chatId })
      .then(
        (loaded) => {
          if (!live) return;
          setSettings(loaded);
          setTexts({ ...loaded, warnLimit: String(loaded.warnLimit) });
        },
        (failure: unknown) => {
          if (live) setError(errorMessage(failure));
        },
      );
    return () => {
      live = false;
    };
  }, [chatId]);

  const save = async (patch: Partial<GroupSettings>) => {
    if (!settings) return;
    const before = settings;
    setSettings({ ...settings, ...patch });
    try {
      setSettings(await getClient().call('groups:save-settings', { chatId, patch }));
      setError(null);
      setSaved(true);
      setTimeout(() => setSaved(false), 2_000);
    } catch (failure) {
      setSettings(before);
      setError(errorMessage(failure));
    }
  };

  const saveText = (key: 'welcomeText' | 'goodbyeText') => {
    if (texts && settings && texts[key] !== settings[key]) void save({ [key]: texts[key] });
  };

  const saveLimit = () => {
    if (!texts || !settings) return;
    const limit = Math.round(Number(texts.warnLimit));
    if (!Number.isFinite(limit) || limit < 1 || limit > 20) {
      setError('The warning limit is a number from 1 to 20.');
      return;
    }
    if (limit !== settings.warnLimit) void save({ warnLimit: limit });
  };

  /** A bot-wide feature that must be on for this group setting to act. */
  const off = (feature: BotFeature) =>
    bot && !bot.features[feature] ? (
      <span className="group-bot-off">{FEATURE_INFO[feature].label} is off for this bot (Bots › Features).</span>
    ) : null;

  if (!settings || !texts) return error ? <p className="group-info-error">{error}</p> : null;
  return (
    <section className="group-info-card group-bot" aria-labelledby={ids.title}>
      <div className="group-bot-head">
        <h4 id={ids.title} className="group-info-label">
          Bot settings
        </h4>
        {saved && !error ? (
          <span className="group-bot-saved" role="status">
            Saved
          </span>
        ) : null}
      </div>
      <div className="group-bot-row">
        <span>
          <span id={ids.antilink}>Anti-link</span>
          <span className="group-bot-hint">Deletes links from members who are not admins, with a warning.</span>
          {off('antiLink')}
        </span>
        <Switch checked={settings.antilink} labelledBy={ids.antilink} onChange={(on) => void save({ antilink: on })} />
      </div>
      <div className="group-bot-row">
        <span>
          <span id={ids.welcome}>Welcome new members</span>
          {off('welcome')}
        </span>
        <Switch checked={settings.welcome} labelledBy={ids.welcome} onChange={(on) => void save({ welcome: on })} />
      </div>
      {settings.welcome ? (
        <textarea
          className="text-input text-area"
          aria-label="Welcome message"
          value={texts.welcomeText}
          maxLength={4096}
          onChange={(e) => setTexts({ ...texts, welcomeText: e.target.value })}
          onBlur={() => saveText('welcomeText')}
        />
      ) : null}
      <div className="group-bot-row">
        <span>
          <span id={ids.goodbye}>Say goodbye to who leaves</span>
          {off('welcome')}
        </span>
        <Switch checked={settings.goodbye} labelledBy={ids.goodbye} onChange={(on) => void save({ goodbye: on })} />
      </div>
      {settings.goodbye ? (
        <textarea
          className="text-input text-area"
          aria-label="Goodbye message"
          value={texts.goodbyeText}
          maxLength={4096}
          onChange={(e) => setTexts({ ...texts, goodbyeText: e.target.value })}
          onBlur={() => saveText('goodbyeText')}
        />
      ) : null}
      {settings.welcome || settings.goodbye ? (
        <p className="field-hint group-bot-vars">
          You can use {'{{name}}'}, {'{{group}}'} and {'{{count}}'} (members now).
        </p>
      ) : null}
      <div className="group-bot-row">
        <label htmlFor={ids.limit}>
          Warnings before removal
          <span className="group-bot-hint">After this many .warn, the bot removes the member.</span>
        </label>
        <input
          id={ids.limit}
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          className="text-input group-bot-number"
          value={texts.warnLimit}
          onChange={(e) => setTexts({ ...texts, warnLimit: e.target.value })}
          onBlur={saveLimit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') saveLimit();
          }}
        />
      </div>
      {error ? (
        <p className="group-info-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
};
