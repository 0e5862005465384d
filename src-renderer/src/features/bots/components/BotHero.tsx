import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Bot } from '../../../../../src-shared/bots';
import { BOT_NAME_MAX } from '../../../../../src-shared/bots';
import { formatPhone } from '../../../lib/format';
import { Avatar } from '../../../ui/Avatar';
import { LinkIcon, PencilIcon, PlayIcon, RefreshIcon, StopIcon, TrashIcon } from '../../../ui/icons';
import type { Result } from '../actions';
import { isRunning, needsLink } from '../labels';
import { KindTag, StatusBadge, StatusReason } from './StatusBadge';
import { FieldError } from '../../../ui/FieldError';

export type BotCommand = 'link' | 'start' | 'stop' | 'relink' | 'delete';

type BotHeroProps = {
  bot: Bot;
  /** The command whose call is in flight; its button shows busy and others wait. */
  pending: BotCommand | null;
  onCommand: (command: BotCommand) => void;
  onRename: (name: string) => Promise<Result<Bot>>;
};

/** The bot's identity card: who it is, how it is doing, and what can be done with it now. */
export const BotHero = ({ bot, pending, onCommand, onRename }: BotHeroProps) => {
  const [renaming, setRenaming] = useState(false);
  const headingId = useId();

  return (
    <section className="bot-hero" aria-labelledby={headingId}>
      <Avatar name={bot.name} seed={bot.id} size={76} />
      <div className="bot-hero-main">
        {renaming ? (
          <RenameForm bot={bot} headingId={headingId} onRename={onRename} onDone={() => setRenaming(false)} />
        ) : (
          <h2 id={headingId} className="bot-hero-name">
            {bot.name}
          </h2>
        )}
        <div className="bot-hero-meta">
          <span className="bot-hero-phone">{bot.phone ? formatPhone(bot.phone) : 'No number linked yet'}</span>
          <KindTag kind={bot.kind} />
        </div>
        <div className="bot-hero-status">
          <StatusBadge status={bot.status} />
        </div>
        <StatusReason bot={bot} />
        <Actions bot={bot} pending={pending} onCommand={onCommand} onRename={() => setRenaming(true)} />
      </div>
    </section>
  );
};

type ActionsProps = {
  bot: Bot;
  pending: BotCommand | null;
  onCommand: (command: BotCommand) => void;
  onRename: () => void;
};

const Actions = ({ bot, pending, onCommand, onRename }: ActionsProps) => {
  const running = isRunning(bot.status);
  const button = (command: BotCommand, label: string, icon: ReactNode, style: string) => (
    <button
      type="button"
      className={`button ${style}`}
      disabled={pending !== null}
      aria-busy={pending === command}
      onClick={() => onCommand(command)}
    >
      {icon}
      {label}
    </button>
  );
  return (
    <div className="bot-actions" role="group" aria-label="Bot actions">
      {/* A bot with no session links; a linking one shows its QR again; others start or stop. */}
      {needsLink(bot.status) || bot.status === 'linking'
        ? button('link', 'Link', <LinkIcon size={18} />, 'button-primary')
        : null}
      {!running && !needsLink(bot.status) ? button('start', 'Start', <PlayIcon size={18} />, 'button-primary') : null}
      {running ? button('stop', 'Stop', <StopIcon size={18} />, 'button-secondary') : null}
      {bot.status !== 'created' ? button('relink', 'Relink', <RefreshIcon size={18} />, 'button-secondary') : null}
      <button type="button" className="button button-secondary" onClick={onRename}>
        <PencilIcon size={18} />
        Rename
      </button>
      {button('delete', 'Delete', <TrashIcon size={18} />, 'button-secondary button-danger-text')}
    </div>
  );
};

type RenameFormProps = {
  bot: Bot;
  headingId: string;
  onRename: (name: string) => Promise<Result<Bot>>;
  onDone: () => void;
};

const RenameForm = ({ bot, headingId, onRename, onDone }: RenameFormProps) => {
  const [name, setName] = useState(bot.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === bot.name) {
      onDone();
      return;
    }
    setSaving(true);
    const result = await onRename(name);
    setSaving(false);
    if (result.ok) onDone();
    else setError(result.message);
  };

  return (
    <form className="rename-form" onSubmit={(e) => void submit(e)}>
      <h2 id={headingId} className="visually-hidden">
        Rename {bot.name}
      </h2>
      <div className="rename-row">
        <input
          className={`text-input rename-input${error ? ' text-input-invalid' : ''}`}
          aria-label="Bot name"
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          value={name}
          maxLength={BOT_NAME_MAX}
          // Focus moves here because the person just asked to edit this name.
          autoFocus
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onDone();
          }}
        />
        <button type="submit" className="button button-primary" disabled={saving} aria-busy={saving}>
          Save
        </button>
        <button type="button" className="button button-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FieldError id={errorId} message={error} />
    </form>
  );
};
