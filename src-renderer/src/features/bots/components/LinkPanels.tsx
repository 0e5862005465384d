import { useId, type FormEvent, type ReactNode } from 'react';
import type { Bot, BotStatus } from '../../../../../src-shared/bots';
import { formatPairingCode, formatPhone } from '../../../lib/format';
import { AlertIcon, CheckIcon, SparkIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { useQrDataUrl } from '../hooks/useQrDataUrl';
import { FieldError } from '../../../ui/FieldError';

/** Shown instead of a QR while there is none yet, in words that say what is being waited for. */
const waitingText = (status: BotStatus): string => {
  if (status === 'linking') return 'Waiting for a QR from WhatsApp…';
  if (status === 'connecting' || status === 'reconnecting') return 'Connecting to WhatsApp…';
  return 'Starting…';
};

export const QrPanel = ({ bot, demo }: { bot: Bot; demo: ReactNode }) => {
  const qr = bot.status === 'linking' ? (bot.link?.qr ?? null) : null;
  const rendered = useQrDataUrl(qr);
  return (
    <div className="link-panel link-qr-panel">
      <div className="link-steps">
        <h3>Link with a QR code</h3>
        <ol>
          <li>Open WhatsApp on your phone.</li>
          <li>
            Go to <strong>Settings › Linked devices</strong>.
          </li>
          <li>
            Tap <strong>Link a device</strong>, and point your phone at this code.
          </li>
        </ol>
        <p className="link-hint">The code changes every few seconds; that is normal. Keep this window open.</p>
        {demo}
      </div>
      <div className="qr-frame">
        {rendered ? (
          <img
            className="qr-image"
            src={rendered.url}
            data-testid="link-qr"
            data-qr={rendered.qr}
            alt="QR code to scan with WhatsApp on your phone"
            width={264}
            height={264}
          />
        ) : (
          <div className="qr-waiting">
            <Spinner size={30} />
            <span>{waitingText(bot.status)}</span>
          </div>
        )}
      </div>
    </div>
  );
};

type PhonePanelProps = {
  bot: Bot;
  phone: string;
  error: string | null;
  requesting: boolean;
  /** True while the person wants to enter a new number although a code is showing. */
  editing: boolean;
  onPhone: (phone: string) => void;
  onSubmit: () => void;
  onEdit: () => void;
  demo: ReactNode;
};

export const PhonePanel = (props: PhonePanelProps) => {
  const { bot, phone, error, requesting, editing, onPhone, onSubmit, onEdit, demo } = props;
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();
  const code = bot.link?.pairingCode ?? null;
  const codePhone = bot.link?.pairingPhone ?? null;

  if (code && !editing) {
    return (
      <div className="link-panel link-code-panel">
        <p className="link-code-for">Your code{codePhone ? ` for ${formatPhone(codePhone)}` : ''}</p>
        <div className="pairing-code" data-testid="pairing-code">
          {formatPairingCode(code)}
        </div>
        <p className="link-code-help">
          On your phone: <strong>Linked devices › Link a device › Link with phone number instead</strong>, and enter
          this code.
        </p>
        <div className="link-code-actions">
          <button type="button" className="button button-ghost" onClick={onEdit}>
            Use another number
          </button>
        </div>
        {demo}
      </div>
    );
  }

  const waiting = !editing && codePhone !== null && !code;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <div className="link-panel link-phone-panel">
      <h3>Link with a phone number</h3>
      <p className="link-hint">
        WhatsApp gives you an 8-character code to type on your phone instead of scanning. Handy when the camera cannot
        reach the screen.
      </p>
      <form className="phone-form" onSubmit={submit} noValidate>
        <label className="field-label" htmlFor={inputId}>
          Phone number
        </label>
        <div className="phone-row">
          <input
            id={inputId}
            className={`text-input${error ? ' text-input-invalid' : ''}`}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="+44 7911 123456"
            value={phone}
            data-autofocus
            aria-invalid={error !== null}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            onChange={(e) => onPhone(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={requesting} aria-busy={requesting}>
            Get code
          </button>
        </div>
        <p id={hintId} className="field-hint">
          Start with + and the country code, as in +44 7911 123456.
        </p>
        <FieldError id={errorId} message={error} />
      </form>
      {waiting || requesting ? (
        <div className="code-waiting" role="status">
          <Spinner size={18} />
          <span>Asking WhatsApp for a code{codePhone ? ` for ${formatPhone(codePhone)}` : ''}…</span>
        </div>
      ) : null}
      {demo}
    </div>
  );
};

export const LinkedPanel = ({ bot, onDone }: { bot: Bot; onDone: () => void }) => (
  <div className="link-result link-result-ok" role="status">
    <div className="link-result-icon">
      <CheckIcon size={34} />
    </div>
    <h3>Linked as {bot.phone ? formatPhone(bot.phone) : 'your number'}</h3>
    <p>{bot.name} is online. It answers on this number from now on.</p>
    <button type="button" className="button button-primary" onClick={onDone} data-autofocus>
      Done
    </button>
  </div>
);

const PROBLEM_TITLE: Partial<Record<BotStatus, string>> = {
  created: 'Linking has not started',
  stopped: 'Linking stopped',
  logged_out: 'Logged out of WhatsApp',
};

type ProblemPanelProps = { bot: Bot; error: string | null; onRetry: () => void };

/** Why linking is not going on, in the engine's words, and the one way forward. */
export const ProblemPanel = ({ bot, error, onRetry }: ProblemPanelProps) => (
  <div className="link-result link-result-problem" role="alert">
    <div className="link-result-icon">
      <AlertIcon size={34} />
    </div>
    <h3>{error ? 'Linking could not start' : (PROBLEM_TITLE[bot.status] ?? 'Linking did not finish')}</h3>
    <p>{error ?? bot.statusReason ?? 'WhatsApp closed the connection before the link was made.'}</p>
    <button type="button" className="button button-primary" onClick={onRetry}>
      Try again
    </button>
  </div>
);

export const StartingPanel = ({ title, text }: { title: string; text: ReactNode }) => (
  <div className="link-result" role="status">
    <Spinner size={34} />
    <h3>{title}</h3>
    {typeof text === 'string' ? <p>{text}</p> : text}
  </div>
);

/** Demo bots have no phone: the simulated one "scans" when asked. */
export const DemoScan = ({ busy, disabled, error, onScan }: DemoScanProps) => (
  <div className="demo-scan">
    <div className="demo-scan-text">
      <SparkIcon size={18} />
      <span>Demo bot: no phone needed. Let the simulated phone do it.</span>
    </div>
    <button
      type="button"
      className="button button-primary button-large"
      disabled={busy || disabled}
      aria-busy={busy}
      onClick={onScan}
    >
      Simulate scan
    </button>
    {error ? (
      <p className="field-error" role="alert">
        {error}
      </p>
    ) : null}
  </div>
);

type DemoScanProps = { busy: boolean; disabled: boolean; error: string | null; onScan: () => void };
