import { expect, type Locator, type Page } from '@playwright/test';

/** The Campaigns page: the list, the editor dialog and the open campaign's detail. */
export class CampaignsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Campaigns' }).click();
    await expect(this.page.getByRole('heading', { name: 'Campaigns', level: 1 })).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.getByTestId('campaign-row').filter({ hasText: name });
  }

  detail(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  editor(): Locator {
    return this.page.getByRole('dialog', { name: /New campaign|Edit “/ });
  }

  /** Fills the editor for a campaign to a tag that may send at any hour of any day. */
  async write(campaign: { name: string; text: string; tag: string; gapSeconds?: number }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New campaign' }).click();
    const editor = this.editor();
    await editor.getByLabel('Campaign name').fill(campaign.name);
    await editor.getByLabel('Text', { exact: true }).fill(campaign.text);
    await editor.getByRole('radio', { name: 'Contacts with tags' }).check();
    await editor
      .getByRole('group', { name: 'Tags' })
      .getByRole('checkbox', { name: new RegExp(`^${campaign.tag} `) })
      .check();
    await editor.getByLabel('Window opens').fill('00:00');
    await editor.getByLabel('Window closes').fill('23:59');
    for (const day of ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']) {
      const button = editor.getByRole('group', { name: 'Days' }).getByRole('button', { name: day, exact: true });
      if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
    }
    const gap = String(campaign.gapSeconds ?? 5);
    await editor.getByLabel('Shortest gap (s)').fill(gap);
    await editor.getByLabel('Longest gap (s)').fill(gap);
    return editor;
  }

  /** The sentence shown under a field of the editor (the Field component's error line). */
  fieldError(editor: Locator, label: string): Locator {
    return editor.locator('.auto-field', { has: this.page.getByLabel(label, { exact: true }) }).locator('.field-error');
  }

  /** Clicks a button in the open campaign's detail. */
  async action(name: string, label: string): Promise<void> {
    await this.detail(name).getByRole('button', { name: label, exact: true }).click();
  }

  /** A count of the funnel (each includes the ones after it: sent ≥ delivered ≥ read). */
  count(name: string, key: 'waiting' | 'sent' | 'delivered' | 'read' | 'failed'): Locator {
    return this.detail(name).getByTestId(`count-${key}`).locator('dd');
  }

  /** Clicks Export report and returns the downloaded CSV. */
  async exportReport(name: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.action(name, 'Export report');
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
