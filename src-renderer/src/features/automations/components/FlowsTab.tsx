import { useId, useState } from 'react';
import type { MenuFlow } from '../../../../../src-shared/automations';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { PencilIcon, PlusIcon, TrashIcon } from '../../../ui/icons';
import { Switch } from '../../../ui/Switch';
import { toast } from '../../../ui/toast-store';
import { emptyNode } from '../flow-tree';
import { SCOPE_SHORT } from '../labels';
import { newId, useAutomationsStore } from '../store';
import { FlowEditor } from './FlowEditor';

const blankFlow = (): MenuFlow => ({
  id: newId(),
  name: '',
  triggers: ['menu'],
  scope: 'private',
  root: { ...emptyNode(), reply: 'Hi! How can we help? Reply with a number.' },
  enabled: true,
});

/** Numbered menus customers walk through by replying with digits. */
export const FlowsTab = () => {
  const data = useAutomationsStore((s) => s.data);
  const save = useAutomationsStore((s) => s.save);
  const [editing, setEditing] = useState<MenuFlow | null>(null);
  const [deleting, setDeleting] = useState<MenuFlow | null>(null);
  const titleId = useId();
  if (!data) return null;
  const flows = data.config.flows;

  const saveFlow = async (flow: MenuFlow) => {
    const exists = flows.some((f) => f.id === flow.id);
    const result = await save({ flows: exists ? flows.map((f) => (f.id === flow.id ? flow : f)) : [...flows, flow] });
    if (result.ok) {
      setEditing(null);
      toast.info(`Menu flow ${flow.name} saved.`);
    }
    return result;
  };

  const change = async (next: MenuFlow[]) => {
    const result = await save({ flows: next });
    if (!result.ok) toast.error(result.message);
  };

  if (editing) {
    const index = flows.findIndex((f) => f.id === editing.id);
    return (
      <FlowEditor
        initial={editing}
        index={index === -1 ? flows.length : index}
        otherTriggers={flows
          .filter((f) => f.id !== editing.id)
          .flatMap((f) => f.triggers.map((t): [string, string] => [t, f.name]))}
        onCancel={() => setEditing(null)}
        onSave={saveFlow}
      />
    );
  }

  return (
    <div className="auto-stack">
      <section className="card" aria-labelledby={titleId}>
        <header className="card-header auto-card-header">
          <div>
            <h3 id={titleId}>Menu flows</h3>
            <p>
              A word like “menu” opens a numbered menu; customers answer with a digit and 0 goes back. An option can
              hand the chat to a person: the bot pauses there and the chat shows “Needs you” in Chats. A menu left alone
              closes after {data.config.flowTimeoutMinutes} minutes.
            </p>
          </div>
          <button type="button" className="button button-primary" onClick={() => setEditing(blankFlow())}>
            <PlusIcon size={18} /> New flow
          </button>
        </header>
        {flows.length === 0 ? (
          <div className="auto-none">
            <p>No menu flows yet. A menu answers the usual questions and hands the rest to you.</p>
          </div>
        ) : (
          <ul className="auto-list">
            {flows.map((flow) => (
              <FlowRow
                key={flow.id}
                flow={flow}
                onEdit={() => setEditing(flow)}
                onToggle={(enabled) => void change(flows.map((f) => (f.id === flow.id ? { ...f, enabled } : f)))}
                onDelete={() => setDeleting(flow)}
              />
            ))}
          </ul>
        )}
      </section>
      {deleting ? (
        <ConfirmDialog
          title={`Delete the menu ${deleting.name}?`}
          confirmLabel="Delete"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await change(flows.filter((f) => f.id !== deleting.id));
            setDeleting(null);
          }}
        >
          {deleting.triggers.map((t) => `“${t}”`).join(', ')} will no longer open it. Customers inside it now leave it
          with their next message.
        </ConfirmDialog>
      ) : null}
    </div>
  );
};

const countOptions = (flow: MenuFlow) => {
  let count = 0;
  const walk = (options: MenuFlow['root']['options']) => {
    for (const option of options) {
      count += 1;
      walk(option.options);
    }
  };
  walk(flow.root.options);
  return count;
};

const FlowRow = ({
  flow,
  onEdit,
  onToggle,
  onDelete,
}: {
  flow: MenuFlow;
  onEdit: () => void;
  onToggle: (enabled: boolean) => void;
  onDelete: () => void;
}) => {
  const labelId = useId();
  const handoffs = flow.root.options.some(function hands(o): boolean {
    return o.handoff || o.options.some(hands);
  });
  return (
    <li className={`auto-row${flow.enabled ? '' : ' auto-row-off'}`}>
      <div className="auto-row-main">
        <span className="auto-row-line">
          <span className="auto-row-title" id={labelId}>
            {flow.name}
          </span>
          {flow.triggers.map((t) => (
            <code key={t} className="auto-trigger">
              {t}
            </code>
          ))}
        </span>
        <span className="auto-row-text">{flow.root.options.map((o, i) => `${i + 1}. ${o.label}`).join('   ')}</span>
        <span className="auto-row-meta">
          {SCOPE_SHORT[flow.scope]} · {countOptions(flow)} options
          {handoffs ? ' · can hand over to a person' : ''}
        </span>
      </div>
      <Switch checked={flow.enabled} labelledBy={labelId} onChange={onToggle} />
      <button type="button" className="icon-button" aria-label={`Edit ${flow.name}`} title="Edit" onClick={onEdit}>
        <PencilIcon size={18} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Delete ${flow.name}`}
        title="Delete"
        onClick={onDelete}
      >
        <TrashIcon size={18} />
      </button>
    </li>
  );
};
