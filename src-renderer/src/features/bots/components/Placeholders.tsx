import { LockIcon, PlusIcon, SparkIcon, WrenLogo } from '../../../ui/icons';

/** The first thing a new user sees: what a bot is, and that Demo mode needs no phone. */
export const NoBots = ({ onCreate }: { onCreate: () => void }) => (
  <section className="placeholder" aria-labelledby="no-bots-title">
    <div className="placeholder-art" aria-hidden="true">
      <WrenLogo size={88} />
    </div>
    <h2 id="no-bots-title">Create your first bot</h2>
    <p>
      A bot is one WhatsApp number that Wren runs from this PC: it answers customers, moderates your groups and sends
      your campaigns.
    </p>
    <p className="placeholder-demo">
      <SparkIcon size={18} />
      <span>
        No phone at hand? Pick <strong>Demo</strong> to try everything on a simulated WhatsApp network.
      </span>
    </p>
    <button type="button" className="button button-primary button-large" onClick={onCreate}>
      <PlusIcon size={18} />
      Create your first bot
    </button>
    <PrivacyNote />
  </section>
);

export const NoSelection = () => (
  <section className="placeholder" aria-label="No bot selected">
    <div className="placeholder-art" aria-hidden="true">
      <WrenLogo size={88} />
    </div>
    <h2>Wren for your business</h2>
    <p>Pick a bot on the left to link it, switch its features on and off, and read what it has been doing.</p>
    <PrivacyNote />
  </section>
);

const PrivacyNote = () => (
  <p className="placeholder-privacy">
    <LockIcon size={14} />
    Your bots run on this PC. Messages and sessions never leave it.
  </p>
);
