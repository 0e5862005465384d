import { useId, useState, type FormEvent } from 'react';
import {
  FLOW_MAX_DEPTH,
  FLOW_MAX_OPTIONS,
  REPLY_MAX,
  type FlowNode,
  type MenuFlow,
} from '../../../../../src-shared/automations';
import { clearField, fieldError, NO_ERRORS, type FormErrors } from '../../../lib/errors';
import { ArrowLeftIcon, ChevronDownIcon, ChevronUpIcon } from '../../../ui/chat-icons';
import { PlusIcon, TrashIcon } from '../../../ui/icons';
import { FieldError } from '../../../ui/FieldError';
import { Switch } from '../../../ui/Switch';
import { editorErrors, splitWords } from '../edit';
import {
  addOption,
  flowProblem,
  menuPreview,
  moveAt,
  nodeAt,
  numberOf,
  removeAt,
  updateAt,
  type NodePath,
} from '../flow-tree';
import { SCOPE_LABEL } from '../labels';
import type { SaveResult } from '../store';
import { CharCount, focusFirstError, Field, FormFooter, nearLimit, SelectField } from './Field';

/** The fields this editor shows, by the engine's names for them. */
const KNOWN = ['name', 'triggers', 'scope', 'root', 'enabled'];

/** A sentence about the options (a missing label, too many or too deep) rather than the opening message. */
const optionsError = (errors: FormErrors): string | null =>
  Object.entries(errors.fields).find(([key]) => key === 'root' || key.startsWith('root.options'))?.[1] ?? null;

/**
 * A flow as a tree: the opening message and its numbered options, each with its answer and
 * optional sub-options, and beside it the step being edited as the customer sees it.
 */
export const FlowEditor = ({
  initial,
  index,
  otherTriggers,
  onSave,
  onCancel,
}: {
  initial: MenuFlow;
  /** Where the flow sits in the saved list, to place the engine's `flows.1.name` under its field. */
  index: number;
  /** [word, flow name] of the other flows, to warn about a word two menus share. */
  otherTriggers: [string, string][];
  onSave: (flow: MenuFlow) => Promise<SaveResult>;
  onCancel: () => void;
}) => {
  const [flow, setFlow] = useState(initial);
  const [triggers, setTriggers] = useState(initial.triggers.join(', '));
  const [selected, setSelected] = useState<NodePath>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const enabledId = useId();
  const optionsErrorId = useId();
  // Editing a field answers its refusal; the others stay until the next save.
  const setRoot = (root: FlowNode) => {
    setFlow((f) => ({ ...f, root }));
    setErrors((e) => clearField(e, 'root'));
  };
  const words = splitWords(triggers);
  const shared = words.flatMap((w) => otherTriggers.filter(([t]) => t === w).map(([t, name]) => `“${t}” (${name})`));
  const isNew = initial.name === '';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const problem = flowProblem(flow.root);
    if (problem) {
      setErrors({ fields: { root: problem }, general: null });
      return;
    }
    setBusy(true);
    const result = await onSave({ ...flow, triggers: words });
    setBusy(false);
    setErrors(result.ok ? NO_ERRORS : editorErrors(result.error, `flows.${index}`, KNOWN));
    if (!result.ok) focusFirstError(form);
  };

  return (
    <form className="card auto-flow" onSubmit={(e) => void submit(e)} aria-label="Menu flow">
      <header className="auto-flow-header">
        <button type="button" className="icon-button" aria-label="Back to all menu flows" onClick={onCancel}>
          <ArrowLeftIcon size={20} />
        </button>
        <h3>{isNew ? 'New menu flow' : `Edit ${initial.name}`}</h3>
        <span className="auto-switch-label">
          <span id={enabledId}>On</span>
          <Switch
            checked={flow.enabled}
            labelledBy={enabledId}
            onChange={(enabled) => setFlow((f) => ({ ...f, enabled }))}
          />
        </span>
      </header>
      <div className="auto-flow-fields">
        <div className="auto-form-grid auto-form-grid-3">
          <Field label="Flow name" error={fieldError(errors, 'name')}>
            {(control) => (
              <input
                {...control}
                className="text-input"
                value={flow.name}
                maxLength={60}
                placeholder="Main menu"
                autoFocus={isNew}
                onChange={(e) => {
                  setFlow((f) => ({ ...f, name: e.target.value }));
                  setErrors((x) => clearField(x, 'name'));
                }}
              />
            )}
          </Field>
          <Field
            label="Opens with"
            hint={
              shared.length > 0 ? (
                <span className="auto-warn">Also opens another menu: {shared.join(', ')}. The first one wins.</span>
              ) : (
                'Words that open the menu, separated by commas'
              )
            }
            error={fieldError(errors, 'triggers')}
          >
            {(control) => (
              <input
                {...control}
                className="text-input"
                value={triggers}
                placeholder="menu, hi"
                onChange={(e) => {
                  setTriggers(e.target.value);
                  setErrors((x) => clearField(x, 'triggers'));
                }}
              />
            )}
          </Field>
          <SelectField
            label="Where"
            value={flow.scope}
            labels={SCOPE_LABEL}
            onChange={(scope) => setFlow((f) => ({ ...f, scope }))}
          />
        </div>
      </div>
      <div className="auto-flow-body">
        <div className="auto-flow-tree">
          <Field
            label="Opening message"
            hint="Sent above the numbered options"
            error={fieldError(errors, 'root.reply')}
            count={{ length: flow.root.reply.length, max: REPLY_MAX }}
          >
            {(control) => (
              <textarea
                {...control}
                className={`text-input text-area${selected.length === 0 ? ' auto-selected' : ''}`}
                value={flow.root.reply}
                maxLength={REPLY_MAX}
                placeholder="How can we help?"
                onChange={(e) => setRoot({ ...flow.root, reply: e.target.value })}
                onFocus={() => setSelected([])}
              />
            )}
          </Field>
          <Options node={flow.root} path={[]} root={flow.root} setRoot={setRoot} onFocusPath={setSelected} />
          <FieldError id={optionsErrorId} message={optionsError(errors)} />
        </div>
        <Preview flow={flow} words={words} selected={selected} />
      </div>
      <FormFooter error={errors.general} saveLabel="Save flow" busy={busy} className="auto-flow" onCancel={onCancel} />
    </form>
  );
};

/** The step being edited as a WhatsApp exchange: what the customer sent, and the bot's answer. */
const Preview = ({ flow, words, selected }: { flow: MenuFlow; words: string[]; selected: NodePath }) => {
  const shown = nodeAt(flow.root, selected) ?? flow.root;
  const said = selected.length === 0 ? (words[0] ?? 'menu') : String((selected[selected.length - 1] ?? 0) + 1);
  const where =
    selected.length === 0
      ? 'The menu'
      : `After ${selected.map((_, i) => nodeAt(flow.root, selected.slice(0, i + 1))?.label || '…').join(' › ')}`;
  return (
    <aside className="auto-flow-preview" aria-label="What the customer sees">
      <p className="auto-flow-preview-title">What the customer sees</p>
      <p className="auto-flow-preview-where">{where}</p>
      <div className="auto-flow-preview-chat">
        <div className="auto-bubble auto-bubble-me">{said}</div>
        <div className="auto-bubble auto-bubble-bot">{menuPreview(shown, selected.length > 0)}</div>
      </div>
      <p className="auto-flow-preview-tip">Click into an option’s reply to see its step.</p>
    </aside>
  );
};

/** The numbered options under one menu, each editable, with its own sub-options. */
const Options = ({
  node,
  path,
  root,
  setRoot,
  onFocusPath,
}: {
  node: FlowNode;
  path: NodePath;
  root: FlowNode;
  setRoot: (root: FlowNode) => void;
  onFocusPath: (path: NodePath) => void;
}) => {
  const depth = path.length + 1;
  const countId = useId();
  return (
    <div className={`auto-options${path.length > 0 ? ' auto-options-nested' : ''}`}>
      {node.options.map((option, index) => {
        const own = [...path, index];
        const number = numberOf(own);
        const edit = (patch: Partial<FlowNode>) => setRoot(updateAt(root, own, (n) => ({ ...n, ...patch })));
        return (
          <div key={number} className="auto-option">
            <div className="auto-option-head">
              <span className="auto-option-number" aria-hidden="true">
                {index + 1}
              </span>
              <input
                className="text-input"
                aria-label={`Option ${number} label`}
                value={option.label}
                maxLength={60}
                placeholder={depth === 1 ? 'Prices' : 'Coffee'}
                onChange={(e) => edit({ label: e.target.value })}
                onFocus={() => onFocusPath(path)}
              />
              <button
                type="button"
                className="icon-button auto-option-tool"
                aria-label={`Move option ${number} up`}
                title="Move up"
                disabled={index === 0}
                onClick={() => setRoot(moveAt(root, own, -1))}
              >
                <ChevronUpIcon size={17} />
              </button>
              <button
                type="button"
                className="icon-button auto-option-tool"
                aria-label={`Move option ${number} down`}
                title="Move down"
                disabled={index === node.options.length - 1}
                onClick={() => setRoot(moveAt(root, own, 1))}
              >
                <ChevronDownIcon size={17} />
              </button>
              <button
                type="button"
                className="icon-button auto-option-tool"
                aria-label={`Remove option ${number}`}
                title="Remove"
                onClick={() => {
                  setRoot(removeAt(root, own));
                  onFocusPath(path);
                }}
              >
                <TrashIcon size={17} />
              </button>
            </div>
            <textarea
              className="text-input text-area auto-option-reply"
              aria-label={`Option ${number} reply`}
              value={option.reply}
              maxLength={REPLY_MAX}
              aria-describedby={nearLimit(option.reply.length, REPLY_MAX) ? `${countId}-${number}` : undefined}
              placeholder={
                option.handoff
                  ? 'What to say while they wait (optional)'
                  : option.options.length > 0
                    ? 'The message above its sub-menu, e.g. Which one?'
                    : 'The answer'
              }
              onChange={(e) => edit({ reply: e.target.value })}
              onFocus={() => onFocusPath(own)}
            />
            <CharCount id={`${countId}-${number}`} length={option.reply.length} max={REPLY_MAX} />
            <label
              className="auto-check auto-option-check"
              title="The bot stops answering in that chat, and the chat shows “Needs you”, until someone resumes the bot"
            >
              <input
                type="checkbox"
                checked={option.handoff}
                onChange={(e) => edit({ handoff: e.target.checked })}
                onFocus={() => onFocusPath(own)}
                aria-label={`Option ${number} hands over to a person`}
              />
              Hand over to a person
            </label>
            {option.options.length > 0 && !option.handoff ? (
              <Options node={option} path={own} root={root} setRoot={setRoot} onFocusPath={onFocusPath} />
            ) : null}
            {option.options.length === 0 && depth < FLOW_MAX_DEPTH && !option.handoff ? (
              <button
                type="button"
                className="link-button auto-add-sub"
                onClick={() => {
                  setRoot(addOption(root, own, ''));
                  onFocusPath(own);
                }}
              >
                <PlusIcon size={14} /> Add a sub-menu to {number}
              </button>
            ) : null}
          </div>
        );
      })}
      {node.options.length < FLOW_MAX_OPTIONS ? (
        <button
          type="button"
          className="button button-secondary auto-add-option"
          aria-label={path.length === 0 ? 'Add option' : `Add option under ${numberOf(path)}`}
          onClick={() => {
            setRoot(addOption(root, path, ''));
            onFocusPath(path);
          }}
        >
          <PlusIcon size={16} /> Add option
        </button>
      ) : (
        <p className="field-hint">A menu has at most {FLOW_MAX_OPTIONS} options, one digit each.</p>
      )}
    </div>
  );
};
