import type { ComponentType } from 'react';
import { ChatsUnreadBadge } from '../features/inbox/components/ChatsUnreadBadge';
import { BoltIcon, BotIcon, ChatIcon, ContactsIcon, MegaphoneIcon, SettingsIcon, WrenLogo } from '../ui/icons';
import { hrefFor, type Section } from './router';
import { StatusLine } from './StatusLine';

type NavItem = { section: Section; label: string; Icon: ComponentType<{ size?: number }> };

export const NAV_ITEMS: NavItem[] = [
  { section: 'bots', label: 'Bots', Icon: BotIcon },
  { section: 'chats', label: 'Chats', Icon: ChatIcon },
  { section: 'campaigns', label: 'Campaigns', Icon: MegaphoneIcon },
  { section: 'contacts', label: 'Contacts', Icon: ContactsIcon },
  { section: 'automations', label: 'Automations', Icon: BoltIcon },
  { section: 'settings', label: 'Settings', Icon: SettingsIcon },
];

export const Sidebar = ({ active }: { active: Section }) => (
  <aside className="sidebar">
    <div className="sidebar-brand">
      <WrenLogo size={34} />
      <div className="sidebar-brand-text">
        <div className="sidebar-name">Wren</div>
        <div className="sidebar-tagline">WhatsApp bots on your PC</div>
      </div>
    </div>
    <nav className="sidebar-nav" aria-label="Main">
      {NAV_ITEMS.map(({ section, label, Icon }) => (
        <a
          key={section}
          href={hrefFor({ section })}
          className={`nav-item${section === active ? ' nav-item-active' : ''}`}
          aria-current={section === active ? 'page' : undefined}
          title={label}
        >
          <Icon size={21} />
          <span className="nav-label">{label}</span>
          {section === 'chats' ? <ChatsUnreadBadge /> : null}
        </a>
      ))}
    </nav>
    <StatusLine />
  </aside>
);
