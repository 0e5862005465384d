import { expect, type Locator, type Page } from '@playwright/test';

/** The Contacts page as a user works it: the list, filters, bulk bar and the add / import dialogs. */
export class ContactsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await expect(this.page.getByRole('heading', { name: 'Contacts', exact: true })).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('contact-row');
  }

  row(text: string): Locator {
    return this.rows().filter({ hasText: text });
  }

  /** The header line: "3 contacts". */
  total(): Locator {
    return this.page.getByTestId('contacts-total');
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search contacts').fill(text);
  }

  async filterTag(tagLabel: string): Promise<void> {
    const select = this.page.getByLabel('Tag', { exact: true });
    const value = await select.locator('option', { hasText: tagLabel }).first().getAttribute('value');
    await select.selectOption(value ?? '');
  }

  async filterSubscription(label: 'Everyone' | 'Subscribed' | 'Opted out'): Promise<void> {
    await this.page.getByLabel('Subscription').selectOption({ label });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Fills and submits the Add contact dialog; the dialog stays open when the engine refuses. */
  async addContact(contact: { phone: string; name?: string; tags?: string[]; notes?: string }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add contact' }).first().click();
    const dialog = this.dialog('Add contact');
    await dialog.getByLabel('Phone number').fill(contact.phone);
    if (contact.name) await dialog.getByLabel('Name', { exact: true }).fill(contact.name);
    for (const tag of contact.tags ?? []) {
      await dialog.getByLabel('Tags').fill(tag);
      await dialog.getByLabel('Tags').press('Enter');
    }
    if (contact.notes) await dialog.getByLabel('Notes').fill(contact.notes);
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    return dialog;
  }

  async openContact(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Edit ${name}` }).click();
    return this.dialog(`Edit ${name}`);
  }

  async select(name: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Select ${name}` }).check();
  }

  bulkBar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Selected contacts' });
  }

  async bulkTag(tag: string, action: 'Add tag' | 'Remove tag' = 'Add tag'): Promise<void> {
    await this.bulkBar().getByRole('button', { name: action }).click();
    const dialog = this.page.getByRole('dialog', { name: action === 'Add tag' ? /Add a tag/ : /Remove a tag/ });
    await dialog.getByLabel('Tag', { exact: true }).fill(tag);
    await dialog.getByRole('button', { name: action }).click();
    await expect(dialog).toBeHidden();
  }

  async bulkDelete(): Promise<void> {
    await this.bulkBar().getByRole('button', { name: 'Delete' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Delete \d/ });
    await dialog.getByRole('button', { name: /^Delete \d/ }).click();
    await expect(dialog).toBeHidden();
  }

  /** Opens the import dialog with a CSV given as text; returns the dialog at the mapping step. */
  async importPreview(csv: string, fileName = 'contacts.csv'): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import CSV' }).first().click();
    const dialog = this.dialog('Import contacts');
    await dialog
      .getByLabel('CSV file')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(dialog.getByRole('table', { name: 'First rows of the file' })).toBeVisible({ timeout: 60_000 });
    return dialog;
  }

  /** Chooses what a column is ("Phone", "Name", "Tags", "Custom field", "Ignore"). */
  async mapColumn(dialog: Locator, column: string, role: string, fieldName?: string): Promise<void> {
    await dialog.getByLabel(`Column “${column}” is`).selectOption({ label: role });
    if (fieldName !== undefined) await dialog.getByLabel(`Field name for column “${column}”`).fill(fieldName);
  }

  /** Runs the import and waits for the result screen. */
  async runImport(dialog: Locator, tags?: string, timeout?: number): Promise<Locator> {
    if (tags !== undefined) await dialog.getByLabel('Tags for everyone imported').fill(tags);
    await dialog.getByRole('button', { name: /^Import \d/ }).click();
    const result = dialog.getByTestId('import-result');
    await expect(result).toBeVisible({ timeout });
    return result;
  }

  /** Clicks Export (all matching) and returns the downloaded file's text. */
  async exportCsv(button: 'Export' | 'Export selected' = 'Export'): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: button, exact: true }).click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
