import { expect, type Locator, type Page } from '@playwright/test';
import WebSocket from 'ws';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract';
import type { MessageStatus } from '../../src-shared/inbox';
import type { RunningHost } from '../host';
import type { BotsPage } from './bots-page';

/** The Chats page as a user sees it: the chat list, the open thread, the composer and search. */
export class ChatsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Chats/ })
      .click();
    await expect(this.page.getByRole('heading', { name: 'Chats', exact: true })).toBeVisible();
  }

  /** The count on the sidebar's Chats entry. */
  sidebarUnread(): Locator {
    return this.page.getByTestId('chats-unread-total');
  }

  rows(): Locator {
    return this.page.getByTestId('chat-row');
  }

  row(title: string | RegExp): Locator {
    return this.rows().filter({ has: this.page.getByTestId('chat-title').filter({ hasText: title }) });
  }

  unread(title: string | RegExp): Locator {
    return this.row(title).getByTestId('chat-unread');
  }

  preview(title: string | RegExp): Locator {
    return this.row(title).getByTestId('chat-preview');
  }

  /** The bot label a row carries while "All bots" is shown. */
  botLabel(title: string | RegExp): Locator {
    return this.row(title).getByTestId('chat-bot');
  }

  /** Picks whose chats are shown: a bot's name, or "All bots". */
  async chooseBot(name: string): Promise<void> {
    await this.page.getByLabel('Bot', { exact: true }).selectOption({ label: name });
  }

  async openChat(title: string | RegExp): Promise<void> {
    await this.row(title).click();
    await expect(this.headerTitle()).toHaveText(title);
  }

  headerTitle(): Locator {
    return this.page.getByTestId('chat-header-title');
  }

  thread(): Locator {
    return this.page.getByTestId('thread');
  }

  /** The thread's scrolling element (Virtuoso's). */
  scroller(): Locator {
    return this.thread().getByTestId('virtuoso-scroller');
  }

  messages(): Locator {
    return this.thread().getByTestId('message');
  }

  /** The bubble whose own text is `text` (not a quote of it). */
  message(text: string | RegExp): Locator {
    return this.messages().filter({ has: this.page.locator('.bubble-text', { hasText: text }) });
  }

  async expectStatus(text: string | RegExp, status: MessageStatus, timeout = 15_000): Promise<void> {
    await expect(this.message(text).last()).toHaveAttribute('data-status', status, { timeout });
  }

  composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  async send(text: string): Promise<void> {
    await this.composer().fill(text);
    await this.composer().press('Enter');
    await expect(this.composer()).toHaveValue('');
  }

  /** Hovers a bubble and chooses Reply: the composer then quotes it. */
  async replyTo(text: string | RegExp): Promise<void> {
    const bubble = this.message(text).last();
    await bubble.hover();
    await bubble.getByRole('button', { name: 'Reply' }).click();
    await expect(this.page.getByTestId('reply-preview')).toContainText(text);
  }

  /** Opens a bubble's menu from the chevron on its corner (shown on hover), as WhatsApp Web does. */
  async messageMenu(text: string | RegExp): Promise<Locator> {
    const bubble = this.message(text).last();
    await bubble.hover();
    await bubble.getByRole('button', { name: 'Message menu' }).click();
    const menu = this.page.getByTestId('message-menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Chooses one entry of a bubble's menu (Reply, Forward, Copy, Star, Delete, or "React 👍"). */
  async messageAction(text: string | RegExp, item: string): Promise<void> {
    const menu = await this.messageMenu(text);
    await menu.getByRole('menuitem', { name: item, exact: true }).click();
    await expect(menu).toHaveCount(0);
  }

  searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search chats' });
  }

  /** Types a word and asks for message results (Enter). */
  async searchMessages(word: string): Promise<Locator> {
    await this.searchBox().fill(word);
    await this.searchBox().press('Enter');
    const hits = this.page.getByTestId('search-hit');
    await expect(hits.first()).toBeVisible();
    return hits;
  }

  async chatMenu(item: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Chat menu' }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  /**
   * Scrolls the thread to its top, then waits in the page until an older page came in front (the
   * list keeps what was on screen in place, so the scroll position moves down again) or `until`
   * shows. False when neither happened within 5 s.
   */
  async scrollThreadToTop(until: string): Promise<boolean> {
    // e2e code is typed for Node; this is all the page-side function touches of the element.
    type Scroller = { scrollTop: number; textContent: string | null; scrollTo(options: { top: number }): void };
    return this.scroller().evaluate(async (el: Scroller, text: string) => {
      el.scrollTo({ top: 0 });
      const started = Date.now();
      while (Date.now() - started < 5_000) {
        await new Promise((resolve) => setTimeout(resolve, 16));
        if (el.scrollTop > 0 || el.textContent?.includes(text)) return true;
      }
      return false;
    }, until);
  }

  /** How many message rows are in the page right now (the virtual list keeps only a window). */
  async renderedMessageCount(): Promise<number> {
    return this.page.locator('[data-testid="message"]').count();
  }
}

/** One contract call over the host's WebSocket, as the UI makes them (see bench/startup.bench.ts). */
export const call = async <N extends CallName>(
  host: RunningHost,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> => {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws?token=${host.token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    const reply = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { type: string; id?: number; reply?: { ok: boolean } };
        if (frame.type === 'reply' && frame.id === 1) resolve(frame.reply as { ok: boolean; value?: unknown });
      });
      ws.send(JSON.stringify({ type: 'call', id: 1, name, input }));
    });
    if (!reply.ok) throw new Error(`${name} failed: ${JSON.stringify(reply.error)}`);
    return reply.value as CallOutput<N>;
  } finally {
    ws.close();
  }
};

/** Creates a Demo bot from the Bots page and links it with the simulated phone; returns its id. */
export const createLinkedDemoBot = async (bots: BotsPage, name: string): Promise<string> => {
  await bots.create(name, 'Demo');
  const linkNow = bots.page.getByRole('button', { name: 'Link now' });
  if (await linkNow.isVisible()) await linkNow.click();
  else {
    await bots.select(name);
    await bots.action('Link').click();
  }
  await bots.dialog().getByRole('button', { name: 'Simulate scan' }).click();
  await bots.expectStatus(name, 'online');
  await expect(bots.dialog()).toHaveCount(0, { timeout: 15_000 });
  const botId = await bots.card(name).getAttribute('data-bot-id');
  if (!botId) throw new Error('The bot card has no id.');
  return botId;
};

/**
 * A slow network between the bot and WhatsApp: the engine's "sent" news for the bot's own
 * messages reaches the page a second late. The demo network acks at once, so without this the
 * clock would be replaced before the page ever paints it.
 */
export const slowSentAcks = async (page: Page): Promise<void> => {
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((frame) => server.send(frame));
    server.onMessage((frame) => {
      const parsed = JSON.parse(frame.toString()) as {
        name?: string;
        payload?: { message?: { fromMe: boolean; status: string | null } };
      };
      const message = parsed.name === 'message:upsert' ? parsed.payload?.message : undefined;
      if (message?.fromMe && message.status === 'sent') setTimeout(() => ws.send(frame), 1_000);
      else ws.send(frame);
    });
  });
  await page.reload();
};
