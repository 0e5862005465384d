import { useFirstPageShown } from './pages';
import type { Section } from './router';
import { NAV_ITEMS } from './Sidebar';

const PLANS: Record<Exclude<Section, 'bots' | 'chats' | 'automations'>, string> = {
  campaigns: 'Schedule safe bulk sends that still go out even if this PC was off when they were due.',
  contacts: 'Import your customers, tag them and pick who hears from you.',
  settings: 'Choose how Wren starts, where it keeps its data and how it notifies you.',
};

export const ComingSoon = ({ section }: { section: Exclude<Section, 'bots' | 'chats' | 'automations'> }) => {
  useFirstPageShown();
  const item = NAV_ITEMS.find((i) => i.section === section);
  const Icon = item?.Icon;
  return (
    <section className="coming-soon" aria-labelledby="coming-soon-title">
      <div className="coming-soon-card">
        <div className="coming-soon-icon">{Icon ? <Icon size={40} /> : null}</div>
        <h1 id="coming-soon-title">{item?.label ?? section}</h1>
        <p className="coming-soon-tag">Coming soon</p>
        <p className="coming-soon-text">{PLANS[section]}</p>
      </div>
    </section>
  );
};
