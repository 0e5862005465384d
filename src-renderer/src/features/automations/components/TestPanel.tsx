import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TryResult } from '../../../../../src-shared/automations';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { Avatar } from '../../../ui/Avatar';
import { FormattedText } from '../../../ui/FormattedText';
import { CloseIcon, SendIcon } from '../../../ui/icons';
import { useBot } from '../../bots/hooks/useBots';
import { formatClock } from '../../inbox/time';
import { STAGE_LABEL } from '../labels';

type Where = 'private' | 'group';
type Role = 'everyone' | 'admin' | 'premium' | 'owner';
type Turn =
  | { id: number; kind: 'said'; text: string; at: number; result: TryResult | null; error: string | null }
  | { id: number; kind: 'note'; text: string };

const ROLE_LABEL: Record<Role, string> = {
  everyone: 'Customer',
  admin: 'Group admin',
  premium: 'Premium member',
  owner: 'Owner',
};
const WHERE_LABEL: Record<Where, string> = { private: 'Private chat', group: 'Group' };

let nextTurn = 1;

/**
 * (Keyed by bot: a different bot is a different conversation.)
 *
 * Type as a customer and see what the bot would answer, and which stage answered: the engine runs
 * the real pipeline against a pretend chat, so nothing reaches WhatsApp. Shown from the
 * customer's side: their messages on the right, the bot's on the left.
 */
export const TestPanel = ({ botId, prefix, onClose }: { botId: string; prefix: string; onClose: () => void }) => {
  const bot = useBot(botId);
  const [where, setWhere] = useState<Where>('private');
  const [role, setRole] = useState<Role>('everyone');
  const [text, setText] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  // The next try starts a fresh conversation (menus forget their place).
  const reset = useRef(true);
  const end = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const roleId = useId();

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [turns]);

  const note = (message: string) =>
    setTurns((t) => (t.length === 0 ? t : [...t, { id: nextTurn++, kind: 'note', text: message }]));

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const said = text.trim();
    if (!said) return;
    const id = nextTurn++;
    const fresh = reset.current;
    reset.current = false;
    setText('');
    setTurns((t) => [...t, { id, kind: 'said', text: said, at: Date.now(), result: null, error: null }]);
    const settle = (patch: { result: TryResult } | { error: string }) =>
      setTurns((t) => t.map((turn) => (turn.id === id && turn.kind === 'said' ? { ...turn, ...patch } : turn)));
    try {
      settle({ result: await getClient().call('automations:try', { botId, text: said, where, role, reset: fresh }) });
    } catch (error) {
      if (fresh) reset.current = true;
      settle({ error: errorMessage(error) });
    }
  };

  return (
    <aside
      className="auto-test"
      aria-labelledby="auto-test-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="auto-test-header">
        <div className="auto-test-title-row">
          <Avatar name={bot?.name ?? 'Bot'} seed={botId} size={36} />
          <div className="auto-test-title">
            <h2 id="auto-test-title">Test panel</h2>
            <p title={`Chatting with ${bot?.name ?? 'the bot'}`}>Nothing is sent to WhatsApp</p>
          </div>
          <button
            type="button"
            className="button button-ghost auto-small-button"
            title="Start a new conversation: menus forget where they were"
            onClick={() => {
              setTurns([]);
              reset.current = true;
              input.current?.focus();
            }}
          >
            Reset
          </button>
          {/* Only on narrow windows, where the panel covers the page. */}
          <button
            type="button"
            className="icon-button auto-test-close"
            aria-label="Close the test panel"
            onClick={onClose}
          >
            <CloseIcon size={20} />
          </button>
        </div>
        <div className="auto-test-controls">
          <div className="auto-segmented" role="group" aria-label="Chat">
            {(Object.keys(WHERE_LABEL) as Where[]).map((key) => (
              <button
                key={key}
                type="button"
                aria-pressed={where === key}
                className={`auto-segment${where === key ? ' auto-segment-on' : ''}`}
                onClick={() => {
                  if (key === where) return;
                  setWhere(key);
                  note(key === 'group' ? 'Now writing in a group' : 'Now writing in a private chat');
                }}
              >
                {WHERE_LABEL[key]}
              </button>
            ))}
          </div>
          <label className="visually-hidden" htmlFor={roleId}>
            Writing as
          </label>
          <select
            id={roleId}
            className="text-input auto-test-role"
            value={role}
            onChange={(e) => {
              const next = e.target.value as Role;
              setRole(next);
              note(`Now writing as ${ROLE_LABEL[next].toLowerCase()}`);
            }}
          >
            {(Object.keys(ROLE_LABEL) as Role[]).map((key) => (
              <option key={key} value={key}>
                As {ROLE_LABEL[key].toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div className="auto-test-thread" data-testid="test-thread" role="log" aria-label="Test conversation">
        {turns.length === 0 ? (
          <div className="auto-test-empty">
            <p>Write what a customer would, and see what the bot answers and why.</p>
            <p>
              Try a word from a rule, a menu word, or <code>{prefix}menu</code>.
            </p>
          </div>
        ) : null}
        {turns.map((turn) =>
          turn.kind === 'note' ? (
            <p key={turn.id} className="auto-test-note">
              {turn.text}
            </p>
          ) : (
            <div key={turn.id} className="auto-test-turn">
              <div className="auto-bubble auto-bubble-me">
                {turn.text}
                <span className="auto-bubble-time">{formatClock(turn.at)}</span>
              </div>
              {turn.error ? (
                <p className="field-error auto-test-error" role="alert">
                  {turn.error}
                </p>
              ) : null}
              {turn.result ? (
                <Answer result={turn.result} at={turn.at} />
              ) : turn.error ? null : (
                <div className="auto-bubble auto-bubble-bot auto-typing" aria-label="Waiting for the bot">
                  <span />
                  <span />
                  <span />
                </div>
              )}
            </div>
          ),
        )}
        <div ref={end} />
      </div>
      <form className="auto-test-composer" onSubmit={(e) => void send(e)}>
        <input
          ref={input}
          className="text-input"
          aria-label="Message"
          placeholder="Type a message"
          value={text}
          maxLength={4096}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="composer-send auto-test-send" aria-label="Send" disabled={text.trim() === ''}>
          <SendIcon size={20} />
        </button>
      </form>
    </aside>
  );
};

const Answer = ({ result, at }: { result: TryResult; at: number }) => (
  <div className="auto-test-answer">
    {result.replies.map((reply, i) => (
      <div key={i} className="auto-bubble auto-bubble-bot">
        <FormattedText text={reply} />
        <span className="auto-bubble-time">{formatClock(at)}</span>
      </div>
    ))}
    {result.actions.map((action, i) => (
      <p key={i} className="auto-test-action">
        {action}
      </p>
    ))}
    <p className={`auto-stage auto-stage-${result.stage}`} data-testid="test-stage">
      <strong>{STAGE_LABEL[result.stage]}</strong>
      {result.detail ? <span> · {result.detail}</span> : null}
      {result.matched ? (
        <span className="auto-stage-matched" data-testid="test-matched">
          {' '}
          · matched <mark>{result.matched}</mark>
        </span>
      ) : null}
    </p>
  </div>
);
