import { useId, useState } from 'react';
import { PERMISSIONS, type BuiltInCommand, type CustomCommand } from '../../../../../src-shared/automations';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { PencilIcon, PlusIcon, TrashIcon } from '../../../ui/icons';
import { Switch } from '../../../ui/Switch';
import { toast } from '../../../ui/toast-store';
import { AUDIENCE_LABEL, PERMISSION_LABEL, SCOPE_SHORT } from '../labels';
import { newId, useAutomationsStore } from '../store';
import { CustomCommandForm } from './CustomCommandForm';

const blankCommand = (): CustomCommand => ({
  id: newId(),
  name: '',
  summary: '',
  reply: '',
  image: null,
  permission: 'everyone',
  scope: 'both',
  enabled: true,
});

/** Built-in commands with their switches, then the bot's own custom commands. */
export const CommandsTab = () => {
  const data = useAutomationsStore((s) => s.data);
  const save = useAutomationsStore((s) => s.save);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [draft, setDraft] = useState<CustomCommand | null>(null);
  const [deleting, setDeleting] = useState<CustomCommand | null>(null);
  const titleId = useId();
  if (!data) return null;
  const prefix = data.config.prefixes[0] ?? '.';
  const commands = data.config.commands;

  const toggleBuiltIn = async (name: string, enabled: boolean) => {
    const disabled = new Set(data.config.disabledCommands);
    if (enabled) disabled.delete(name);
    else disabled.add(name);
    const result = await save({ disabledCommands: [...disabled] });
    if (!result.ok) toast.error(result.message);
  };

  const saveCommand = async (command: CustomCommand) => {
    const exists = commands.some((c) => c.id === command.id);
    const result = await save({
      commands: exists ? commands.map((c) => (c.id === command.id ? command : c)) : [...commands, command],
    });
    if (result.ok) {
      setEditingId(null);
      setDraft(null);
      toast.info(`${prefix}${command.name} saved.`);
    }
    return result;
  };

  const change = async (next: CustomCommand[]) => {
    const result = await save({ commands: next });
    if (!result.ok) toast.error(result.message);
  };

  const startNew = () => {
    setEditingId(null);
    setDraft(blankCommand());
  };

  return (
    <div className="auto-stack">
      <BuiltInCard builtIns={data.builtIns} prefix={prefix} onToggle={toggleBuiltIn} />

      <section className="card" aria-labelledby={titleId}>
        <header className="card-header auto-card-header">
          <div>
            <h3 id={titleId}>Custom commands</h3>
            <p>
              Your own commands: a trigger word and the reply, with text and an optional picture. Customers type{' '}
              <code>{prefix}word</code>.
            </p>
          </div>
          <button type="button" className="button button-primary" onClick={startNew} disabled={draft !== null}>
            <PlusIcon size={18} /> New command
          </button>
        </header>
        {draft ? (
          <CustomCommandForm
            initial={draft}
            index={commands.length}
            prefix={prefix}
            builtIns={data.builtIns}
            otherNames={commands.map((c) => c.name)}
            onCancel={() => setDraft(null)}
            onSave={saveCommand}
          />
        ) : null}
        {commands.length === 0 && !draft ? (
          <div className="auto-none">
            <p>No custom commands yet. A good first one: {prefix}hours with your opening hours.</p>
          </div>
        ) : (
          <ul className="auto-list">
            {commands.map((command, index) =>
              editingId === command.id ? (
                <li key={command.id} className="auto-row-editing">
                  <CustomCommandForm
                    initial={command}
                    index={index}
                    prefix={prefix}
                    builtIns={data.builtIns}
                    otherNames={commands.filter((c) => c.id !== command.id).map((c) => c.name)}
                    onCancel={() => setEditingId(null)}
                    onSave={saveCommand}
                  />
                </li>
              ) : (
                <CustomRow
                  key={command.id}
                  command={command}
                  prefix={prefix}
                  onEdit={() => {
                    setDraft(null);
                    setEditingId(command.id);
                  }}
                  onToggle={(enabled) =>
                    void change(commands.map((c) => (c.id === command.id ? { ...c, enabled } : c)))
                  }
                  onDelete={() => setDeleting(command)}
                />
              ),
            )}
          </ul>
        )}
      </section>
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${prefix}${deleting.name}?`}
          confirmLabel="Delete"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await change(commands.filter((c) => c.id !== deleting.id));
            setDeleting(null);
          }}
        >
          Customers who type {prefix}
          {deleting.name} will no longer get this reply.
        </ConfirmDialog>
      ) : null}
    </div>
  );
};

const BuiltInCard = ({
  builtIns,
  prefix,
  onToggle,
}: {
  builtIns: BuiltInCommand[];
  prefix: string;
  onToggle: (name: string, enabled: boolean) => Promise<void>;
}) => {
  const titleId = useId();
  const on = builtIns.filter((c) => c.enabled).length;
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header auto-card-header">
        <div>
          <h3 id={titleId}>Built-in commands</h3>
          <p>Ready to use. Switch off the ones your customers should not see.</p>
        </div>
        <span className="auto-count">
          {on} of {builtIns.length} on
        </span>
      </header>
      {PERMISSIONS.slice()
        .reverse()
        .map((permission) => {
          const group = builtIns.filter((c) => c.permission === permission);
          if (group.length === 0) return null;
          return (
            <div key={permission} className="auto-group">
              <h4 className="auto-group-title">{AUDIENCE_LABEL[permission]}</h4>
              <ul className="auto-list">
                {group.map((command) => (
                  <BuiltInRow key={command.name} command={command} prefix={prefix} onToggle={onToggle} />
                ))}
              </ul>
            </div>
          );
        })}
    </section>
  );
};

/** "tagall [message]" → "[message]": what follows the name in the usage line. */
const argsOf = (command: BuiltInCommand) =>
  command.usage.startsWith(command.name) ? command.usage.slice(command.name.length).trim() : command.usage;

const BuiltInRow = ({
  command,
  prefix,
  onToggle,
}: {
  command: BuiltInCommand;
  prefix: string;
  onToggle: (name: string, enabled: boolean) => Promise<void>;
}) => {
  const labelId = useId();
  const args = argsOf(command);
  return (
    <li className={`auto-row auto-row-compact${command.enabled ? '' : ' auto-row-off'}`}>
      <div className="auto-row-main">
        <span className="auto-row-line">
          <code className="auto-trigger">
            <span id={labelId}>
              {prefix}
              {command.name}
            </span>
            {args ? <span className="auto-trigger-args"> {args}</span> : null}
          </code>
          {command.aliases.length > 0 ? (
            <span className="auto-aliases">also {command.aliases.map((a) => prefix + a).join(', ')}</span>
          ) : null}
        </span>
        <span className="auto-row-text">{command.summary}</span>
      </div>
      <span className="auto-pill" title="Where it works">
        {SCOPE_SHORT[command.scope]}
      </span>
      <Switch checked={command.enabled} labelledBy={labelId} onChange={(on) => void onToggle(command.name, on)} />
    </li>
  );
};

const CustomRow = ({
  command,
  prefix,
  onEdit,
  onToggle,
  onDelete,
}: {
  command: CustomCommand;
  prefix: string;
  onEdit: () => void;
  onToggle: (enabled: boolean) => void;
  onDelete: () => void;
}) => {
  const labelId = useId();
  const name = `${prefix}${command.name}`;
  return (
    <li className={`auto-row${command.enabled ? '' : ' auto-row-off'}`}>
      <div className="auto-row-main">
        <span className="auto-row-line">
          <code className="auto-trigger" id={labelId}>
            {name}
          </code>
          {command.summary ? <span className="auto-aliases">{command.summary}</span> : null}
        </span>
        <span className="auto-row-text">{command.reply}</span>
        <span className="auto-row-meta">
          {PERMISSION_LABEL[command.permission]} · {SCOPE_SHORT[command.scope]}
          {command.image ? ` · with the picture ${command.image.name}` : ''}
        </span>
      </div>
      <Switch checked={command.enabled} labelledBy={labelId} onChange={onToggle} />
      <button type="button" className="icon-button" aria-label={`Edit ${name}`} title="Edit" onClick={onEdit}>
        <PencilIcon size={18} />
      </button>
      <button type="button" className="icon-button" aria-label={`Delete ${name}`} title="Delete" onClick={onDelete}>
        <TrashIcon size={18} />
      </button>
    </li>
  );
};
