import { expect, type Locator, type Page } from '@playwright/test';
import type { BotStatus } from '../../src-shared/bots';

/** The Bots page as a user sees it: cards, the selected bot's panel, and its dialogs. */
export class BotsPage {
  constructor(readonly page: Page) {}

  async waitReady(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Bots', exact: true })).toBeVisible();
  }

  card(name: string): Locator {
    return this.page.getByTestId('bot-card').filter({ hasText: name });
  }

  status(name: string): Locator {
    return this.card(name).getByTestId('bot-status');
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async openCreate(): Promise<Locator> {
    await this.page
      .getByRole('button', { name: /New bot|Create your first bot/ })
      .first()
      .click();
    const dialog = this.dialog();
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async create(name: string, kind: 'Demo' | 'WhatsApp'): Promise<void> {
    const dialog = await this.openCreate();
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(this.card(name)).toBeVisible();
  }

  async select(name: string): Promise<void> {
    await this.card(name).click();
    await expect(this.page.getByRole('group', { name: 'Bot actions' })).toBeVisible();
  }

  action(name: string): Locator {
    return this.page.getByRole('group', { name: 'Bot actions' }).getByRole('button', { name, exact: true });
  }

  async expectStatus(name: string, status: BotStatus): Promise<void> {
    await expect(this.status(name)).toHaveAttribute('data-status', status, { timeout: 15_000 });
  }

  /** The selected bot's "Send a test message" form, on the Overview tab. */
  sendTestForm(): Locator {
    return this.page.getByTestId('send-test-form');
  }

  /** Fills the selected bot's test-message form and sends; the outcome is for the test to check. */
  async sendTestMessage(to: string, text: string): Promise<void> {
    const overview = this.page.getByRole('tab', { name: 'Overview' });
    if ((await overview.getAttribute('aria-selected')) !== 'true') await overview.click();
    const form = this.sendTestForm();
    await form.getByLabel('To', { exact: true }).fill(to);
    await form.getByLabel('Message', { exact: true }).fill(text);
    await form.getByRole('button', { name: 'Send test message' }).click();
  }

  /** Rows of the selected bot's event log, newest first (the Event log tab must be open). */
  eventRows(): Locator {
    return this.page.getByTestId('event-row');
  }

  async confirm(button: string): Promise<void> {
    // The confirm dialog goes; another (the linking dialog after Relink) may take its place.
    const confirmButton = this.dialog().getByRole('button', { name: button, exact: true });
    await confirmButton.click();
    await expect(confirmButton).toHaveCount(0);
  }
}
