import { useId, useState } from 'react';
import { ruleWords, type AutoReplyRule } from '../../../../../src-shared/automations';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { PencilIcon, PlusIcon, TrashIcon } from '../../../ui/icons';
import { Switch } from '../../../ui/Switch';
import { toast } from '../../../ui/toast-store';
import { orderRules } from '../edit';
import { HOURS_LABEL, MATCH_LABEL, SCOPE_SHORT } from '../labels';
import { newId, useAutomationsStore } from '../store';
import { RuleForm } from './RuleForm';

const blankRule = (): AutoReplyRule => ({
  id: newId(),
  name: '',
  match: 'contains',
  pattern: '',
  words: [],
  reply: '',
  scope: 'private',
  priority: 0,
  cooldownMinutes: 0,
  hours: 'always',
  enabled: true,
});

/** What a rule answers to, as the list shows it: “price”, “cost” or its pattern. */
const matchedBy = (rule: AutoReplyRule): string => {
  if (rule.match === 'regex') return rule.pattern;
  return ruleWords(rule)
    .map((word) => `“${word}”`)
    .join(', ');
};

const titleOf = (rule: AutoReplyRule) => rule.name || matchedBy(rule) || MATCH_LABEL[rule.match];

/** Keyword auto-replies, listed in the order they are tried (highest priority first). */
export const RulesTab = () => {
  const data = useAutomationsStore((s) => s.data);
  const save = useAutomationsStore((s) => s.save);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [draft, setDraft] = useState<AutoReplyRule | null>(null);
  const [deleting, setDeleting] = useState<AutoReplyRule | null>(null);
  const titleId = useId();
  if (!data) return null;
  const rules = data.config.rules;
  const ordered = orderRules(rules);

  const saveRule = async (rule: AutoReplyRule) => {
    const exists = rules.some((r) => r.id === rule.id);
    const result = await save({ rules: exists ? rules.map((r) => (r.id === rule.id ? rule : r)) : [...rules, rule] });
    if (result.ok) {
      setEditingId(null);
      setDraft(null);
      toast.info(`Auto-reply ${titleOf(rule)} saved.`);
    }
    return result;
  };

  const change = async (next: AutoReplyRule[]) => {
    const result = await save({ rules: next });
    if (!result.ok) toast.error(result.message);
  };

  return (
    <div className="auto-stack">
      <section className="card" aria-labelledby={titleId}>
        <header className="card-header auto-card-header">
          <div>
            <h3 id={titleId}>Auto-replies</h3>
            <p>
              Answers to what customers write, tried from the top: the first rule that matches answers. Higher priority
              goes first; equal ones keep their order.
            </p>
          </div>
          <button
            type="button"
            className="button button-primary"
            disabled={draft !== null}
            onClick={() => {
              setEditingId(null);
              setDraft(blankRule());
            }}
          >
            <PlusIcon size={18} /> Add rule
          </button>
        </header>
        {draft ? (
          <RuleForm initial={draft} index={rules.length} onCancel={() => setDraft(null)} onSave={saveRule} />
        ) : null}
        {rules.length === 0 && !draft ? (
          <div className="auto-none">
            <p>No auto-replies yet. Add one for the question you are asked most, like prices or opening hours.</p>
          </div>
        ) : (
          <ol className="auto-list">
            {ordered.map((rule, position) =>
              editingId === rule.id ? (
                <li key={rule.id} className="auto-row-editing">
                  <RuleForm
                    initial={rule}
                    index={rules.findIndex((r) => r.id === rule.id)}
                    onCancel={() => setEditingId(null)}
                    onSave={saveRule}
                  />
                </li>
              ) : (
                <RuleRow
                  key={rule.id}
                  rule={rule}
                  position={position + 1}
                  onEdit={() => {
                    setDraft(null);
                    setEditingId(rule.id);
                  }}
                  onToggle={(enabled) => void change(rules.map((r) => (r.id === rule.id ? { ...r, enabled } : r)))}
                  onDelete={() => setDeleting(rule)}
                />
              ),
            )}
          </ol>
        )}
      </section>
      {deleting ? (
        <ConfirmDialog
          title={`Delete the auto-reply ${titleOf(deleting)}?`}
          confirmLabel="Delete"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await change(rules.filter((r) => r.id !== deleting.id));
            setDeleting(null);
          }}
        >
          Customers will no longer get this reply.
        </ConfirmDialog>
      ) : null}
    </div>
  );
};

const RuleRow = ({
  rule,
  position,
  onEdit,
  onToggle,
  onDelete,
}: {
  rule: AutoReplyRule;
  position: number;
  onEdit: () => void;
  onToggle: (enabled: boolean) => void;
  onDelete: () => void;
}) => {
  const labelId = useId();
  const title = titleOf(rule);
  const pattern = matchedBy(rule);
  return (
    <li className={`auto-row${rule.enabled ? '' : ' auto-row-off'}`}>
      <span className="auto-position" title="Tried in this order">
        {position}
      </span>
      <div className="auto-row-main">
        <span className="auto-row-line">
          <span className="auto-row-title" id={labelId}>
            {title}
          </span>
          <span className="auto-pill auto-pill-match">
            {MATCH_LABEL[rule.match]}
            {pattern && rule.name ? <code>{pattern}</code> : null}
          </span>
        </span>
        <span className="auto-row-text">↳ {rule.reply}</span>
        <span className="auto-row-meta">
          {SCOPE_SHORT[rule.scope]}
          {rule.priority !== 0 ? ` · priority ${rule.priority}` : ''}
          {rule.cooldownMinutes > 0 ? ` · once per ${rule.cooldownMinutes} min per contact` : ''}
          {rule.hours !== 'always' ? ` · ${HOURS_LABEL[rule.hours].toLowerCase()}` : ''}
        </span>
      </div>
      <Switch checked={rule.enabled} labelledBy={labelId} onChange={onToggle} />
      <button type="button" className="icon-button" aria-label={`Edit ${title}`} title="Edit" onClick={onEdit}>
        <PencilIcon size={18} />
      </button>
      <button type="button" className="icon-button" aria-label={`Delete ${title}`} title="Delete" onClick={onDelete}>
        <TrashIcon size={18} />
      </button>
    </li>
  );
};
