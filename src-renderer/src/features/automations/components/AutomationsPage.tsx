import { useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { botActions } from '../../bots/actions';
import { BotSelect } from '../../bots/components/BotSelect';
import { useBot, useBotList } from '../../bots/hooks/useBots';
import { usePageBot } from '../../bots/hooks/usePageBot';
import { recall, remember } from '../../../lib/remembered';
import { BoltIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { useAutomationsStore } from '../store';
import { CommandsTab } from './CommandsTab';
import { FlowsTab } from './FlowsTab';
import { RulesTab } from './RulesTab';
import { RunLogTab } from './RunLogTab';
import { SettingsTab } from './SettingsTab';
import { TestPanel } from './TestPanel';

const TABS = [
  ['commands', 'Commands'],
  ['rules', 'Auto-replies'],
  ['flows', 'Menu flows'],
  ['settings', 'Settings'],
  ['log', 'Run log'],
] as const;
type Tab = (typeof TABS)[number][0];

/** The tab open last: a reload (or coming back to the page) lands on it again. */
const TAB_KEY = 'wren.automations.tab';
const isTab = (value: string | null): value is Tab => TABS.some(([key]) => key === value);
const lastTab = (): Tab => {
  const stored = recall(TAB_KEY);
  return isTab(stored) ? stored : 'commands';
};

/**
 * What a bot does on its own, without code: commands, auto-replies, menu flows and their
 * settings, with a test panel on the right that runs the real pipeline without sending anything.
 */
export const AutomationsPage = () => {
  const list = useBotList();
  const { botId, data, error, loading, choose, load } = useAutomationsStore(
    useShallow((s) => ({
      botId: s.botId,
      data: s.data,
      error: s.error,
      loading: s.loading,
      choose: s.choose,
      load: s.load,
    })),
  );
  const [tab, setTabState] = useState<Tab>(lastTab);
  const setTab = (next: Tab) => {
    setTabState(next);
    remember(TAB_KEY, next);
  };
  const [testOpen, setTestOpen] = useState(false);
  const pageRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // On narrow windows the test panel covers the page: focus goes into it, and back when it closes.
  const openTest = (open: boolean) => {
    setTestOpen(open);
    requestAnimationFrame(() => {
      if (open) pageRef.current?.querySelector<HTMLInputElement>('.auto-test-composer input')?.focus();
      else toggleRef.current?.focus();
    });
  };

  usePageBot(list, botId, choose, () => !useAutomationsStore.getState().data);

  if (list.status === 'ready' && list.ids.length === 0) {
    return (
      <section className="coming-soon" aria-labelledby="auto-title">
        <div className="coming-soon-card">
          <span className="coming-soon-icon" aria-hidden="true">
            <BoltIcon size={30} />
          </span>
          <h1 id="auto-title">Automations</h1>
          <p className="coming-soon-text">
            Add a bot first (<a href="#/bots">Bots</a> › New bot). Its commands, auto-replies and menus are set up here.
          </p>
        </div>
      </section>
    );
  }

  return (
    <div ref={pageRef} className={`auto-page${testOpen ? ' auto-page-testing' : ''}`}>
      <section className="auto-main" aria-labelledby="auto-title">
        <header className="auto-header">
          <div>
            <h1 id="auto-title">Automations</h1>
            <p className="pane-subtitle">Commands, auto-replies and menus that answer for you</p>
          </div>
          <div className="auto-header-tools">
            <BotSelect botId={botId} ids={list.ids} onChoose={choose} className="auto-bot-picker" showStatus />
            <button
              ref={toggleRef}
              type="button"
              className="button button-secondary auto-test-toggle"
              aria-expanded={testOpen}
              onClick={() => openTest(!testOpen)}
            >
              {testOpen ? 'Hide test chat' : 'Try it'}
            </button>
          </div>
        </header>
        {botId ? <FeatureNotice botId={botId} /> : null}
        <Tabs tab={tab} onChange={setTab} />
        <div className="auto-body">
          {error && !data ? (
            <div className="auto-failed" role="alert">
              <p>{error}</p>
              <button type="button" className="button button-secondary" disabled={loading} onClick={() => void load()}>
                Try again
              </button>
            </div>
          ) : !data || !botId ? (
            <div className="auto-loading">
              <Spinner label="Loading automations" />
            </div>
          ) : (
            // Every tab stays mounted while the page is open, so a half-written form survives a look
            // at another tab.
            TABS.map(([key]) => (
              <div
                key={`${botId}-${key}`}
                role="tabpanel"
                id={panelId(key)}
                aria-labelledby={tabId(key)}
                hidden={tab !== key}
                className="auto-panel"
              >
                <TabBody tab={key} botId={botId} active={tab === key} />
              </div>
            ))
          )}
        </div>
      </section>
      {botId && data ? (
        <TestPanel key={botId} botId={botId} prefix={data.config.prefixes[0] ?? '.'} onClose={() => openTest(false)} />
      ) : null}
    </div>
  );
};

const tabId = (key: Tab) => `auto-tab-${key}`;
const panelId = (key: Tab) => `auto-panel-${key}`;

/** WAI-ARIA tabs: one tab stop, arrows move between tabs, Home and End jump to the ends. */
const Tabs = ({ tab, onChange }: { tab: Tab; onChange: (tab: Tab) => void }) => {
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex(([key]) => key === tab);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null;
    const key = next === null ? undefined : TABS[next]?.[0];
    if (!key) return;
    event.preventDefault();
    onChange(key);
    refs.current.get(key)?.focus();
  };
  return (
    <div className="tabs auto-tabs" role="tablist" aria-label="Automation sections" onKeyDown={onKeyDown}>
      {TABS.map(([key, label]) => (
        <button
          key={key}
          ref={(node) => {
            if (node) refs.current.set(key, node);
            else refs.current.delete(key);
          }}
          type="button"
          role="tab"
          id={tabId(key)}
          aria-selected={tab === key}
          aria-controls={panelId(key)}
          tabIndex={tab === key ? 0 : -1}
          className={`tab${tab === key ? ' tab-active' : ''}`}
          onClick={() => onChange(key)}
        >
          {label}
        </button>
      ))}
    </div>
  );
};

const TabBody = ({ tab, botId, active }: { tab: Tab; botId: string; active: boolean }) => {
  switch (tab) {
    case 'commands':
      return <CommandsTab />;
    case 'rules':
      return <RulesTab />;
    case 'flows':
      return <FlowsTab />;
    case 'settings':
      return <SettingsTab />;
    case 'log':
      return <RunLogTab botId={botId} active={active} />;
  }
};

/** Custom commands, auto-replies, away messages and menus only run while the bot's Auto-reply is on. */
const FeatureNotice = ({ botId }: { botId: string }) => {
  const bot = useBot(botId);
  if (!bot || bot.features.autoReply) return null;
  return (
    <div className="auto-notice" role="status">
      <span>
        <strong>Auto-reply is off for {bot.name}.</strong> Built-in commands still work, but custom commands,
        auto-replies, the away message and menu flows wait until it is on.
      </span>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void botActions.setFeature(botId, 'autoReply', true)}
      >
        Turn on
      </button>
    </div>
  );
};
