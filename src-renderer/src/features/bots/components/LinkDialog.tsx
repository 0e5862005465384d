import { useEffect, useId, useState } from 'react';
import type { Bot } from '../../../../../src-shared/bots';
import { Dialog } from '../../../ui/Dialog';
import { PhoneIcon, QrIcon } from '../../../ui/icons';
import { botActions } from '../actions';
import { useBot, useLinkStart } from '../hooks/useBots';
import { DemoScan, LinkedPanel, PhonePanel, ProblemPanel, QrPanel, StartingPanel } from './LinkPanels';
import { StatusReason } from './StatusBadge';

type Tab = 'qr' | 'phone';

/** How long "Linked as …" stays up before the dialog gets out of the way by itself. */
const CLOSE_AFTER_LINK_MS = 2_500;

type LinkDialogProps = { botId: string; onClose: () => void };

/**
 * Linking by QR or pairing code. Everything it shows comes from the bot in the store, which the
 * bridge keeps current: a rotated QR, a pairing code, the moment the bot comes online.
 */
export const LinkDialog = ({ botId, onClose }: LinkDialogProps) => {
  const bot = useBot(botId);
  const status = bot?.status;

  useEffect(() => {
    if (status !== 'online') return;
    const timer = setTimeout(onClose, CLOSE_AFTER_LINK_MS);
    return () => clearTimeout(timer);
  }, [status, onClose]);

  if (!bot) return null;
  return (
    <Dialog
      title={`Link ${bot.name}`}
      subtitle={bot.kind === 'demo' ? 'Demo bot · simulated WhatsApp network' : 'Connect a WhatsApp number to this bot'}
      size="lg"
      onClose={onClose}
    >
      <LinkBody bot={bot} onClose={onClose} />
    </Dialog>
  );
};

const LinkBody = ({ bot, onClose }: { bot: Bot; onClose: () => void }) => {
  const [tab, setTab] = useState<Tab>('qr');
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [scanError, setScanError] = useState<string | null>(null);
  const start = useLinkStart();
  const tabsId = useId();

  // A pairing code that shows up (possibly asked for earlier) belongs on the phone tab.
  const code = bot.link?.pairingCode ?? null;
  const [shownCode, setShownCode] = useState(code);
  if (code !== shownCode) {
    setShownCode(code);
    if (code) {
      setTab('phone');
      setEditing(false);
    }
  }

  if (bot.status === 'online') return <LinkedPanel bot={bot} onDone={onClose} />;
  if (start.starting) return <StartingPanel title="Getting ready to link…" text="Opening a connection to WhatsApp." />;
  // Between sockets (before the first QR, or the restart WhatsApp asks for after a scan) there is
  // nothing to scan: say what is happening, and when the next try is due.
  if (bot.status === 'connecting' && !bot.link) {
    return <StartingPanel title="Connecting to WhatsApp…" text="This usually takes a few seconds." />;
  }
  if (bot.status === 'reconnecting' && !bot.link) {
    return <StartingPanel title="Trying to reach WhatsApp…" text={<StatusReason bot={bot} />} />;
  }
  if (bot.status === 'offline') {
    return (
      <StartingPanel
        title="No internet connection"
        text={
          <>
            <StatusReason bot={bot} />
            The QR code appears here as soon as this PC is back online.
          </>
        }
      />
    );
  }
  if (bot.status === 'created' || bot.status === 'logged_out' || bot.status === 'failed' || bot.status === 'stopped') {
    return <ProblemPanel bot={bot} error={start.error} onRetry={() => void botActions.link(bot.id)} />;
  }

  const requestCode = async () => {
    setRequesting(true);
    setPhoneError(null);
    const result = await botActions.requestPairingCode(bot.id, phone);
    setRequesting(false);
    if (result.ok) setEditing(false);
    else setPhoneError(result.message);
  };

  const scan = async () => {
    setScanning(true);
    setScanError(null);
    const result = await botActions.simulateScan(bot.id);
    setScanning(false);
    if (!result.ok) setScanError(result.message);
  };

  const demo =
    bot.kind === 'demo' ? (
      <DemoScan busy={scanning} disabled={bot.status !== 'linking'} error={scanError} onScan={() => void scan()} />
    ) : null;

  const tabButton = (value: Tab, label: string, Icon: typeof QrIcon) => (
    <button
      type="button"
      role="tab"
      id={`${tabsId}-${value}`}
      aria-selected={tab === value}
      aria-controls={`${tabsId}-panel`}
      className={`tab${tab === value ? ' tab-active' : ''}`}
      onClick={() => setTab(value)}
    >
      <Icon size={17} />
      {label}
    </button>
  );

  return (
    <>
      <div className="tabs link-tabs" role="tablist" aria-label="How to link">
        {tabButton('qr', 'QR code', QrIcon)}
        {tabButton('phone', 'Phone number', PhoneIcon)}
      </div>
      {/* Unnamed on purpose: named after its tab it would compete with the phone field's label. */}
      <div role="tabpanel" id={`${tabsId}-panel`}>
        {tab === 'qr' ? (
          <QrPanel bot={bot} demo={demo} />
        ) : (
          <PhonePanel
            bot={bot}
            phone={phone}
            error={phoneError}
            requesting={requesting}
            editing={editing}
            onPhone={(value) => {
              setPhone(value);
              setPhoneError(null);
            }}
            onSubmit={() => void requestCode()}
            onEdit={() => setEditing(true)}
            demo={demo}
          />
        )}
      </div>
    </>
  );
};
