import { expect, test } from './fixtures';
import { ChatsPage, createLinkedDemoBot } from './pages/chats-page';
import { ContactsPage } from './pages/contacts-page';

/** What a newcomer trips over on the Contacts page (issue 13). */

test('a contact’s Message button opens their chat in Chats, creating it', async ({ bots, page }) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const contacts = new ContactsPage(page);
  await contacts.open();
  await expect(await contacts.addContact({ phone: '+447700900123', name: 'Ana Lima' })).toBeHidden();

  await contacts.row('Ana Lima').getByRole('button', { name: 'Message Ana Lima' }).click();
  const chats = new ChatsPage(page);
  await expect(page.getByRole('heading', { name: 'Chats', exact: true })).toBeVisible();
  await expect(chats.headerTitle()).toContainText(/Ana Lima|7700 900123/);
  await expect(chats.composer()).toBeVisible();

  // From the contact's dialog too.
  await contacts.open();
  const dialog = await contacts.openContact('Ana Lima');
  await dialog.getByRole('button', { name: 'Message' }).click();
  await expect(dialog).toBeHidden();
  await expect(chats.headerTitle()).toContainText(/Ana Lima|7700 900123/);
});

test('every refusal shows under its field in a sentence, and goes when the field is fixed', async ({ bots, page }) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const contacts = new ContactsPage(page);
  await contacts.open();
  const dialog = await contacts.addContact({ phone: '12' });
  const phone = dialog.getByLabel('Phone number');
  await expect(phone).toHaveAccessibleDescription(/"12" is not a valid phone number/);
  await expect(dialog).not.toContainText('contact.');
  await phone.fill('07700 900124');
  await expect(phone).toHaveAccessibleDescription('');

  // A field name with a space is fine; one with "!" says which characters are allowed, under it.
  await dialog.getByRole('button', { name: 'Add field' }).click();
  await dialog.getByLabel('Field 1 name').fill('cake!');
  await dialog.getByLabel('Field 1 value').fill('lemon');
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(dialog.getByLabel('Field 1 name')).toHaveAccessibleDescription(
    /cannot be a field name: use letters, digits, spaces and _ only/,
  );
  await dialog.getByLabel('Field 1 name').fill('favourite cake');
  await expect(dialog.getByLabel('Field 1 name')).toHaveAccessibleDescription('');

  // One tag whatever the case; a tag too long is refused under the tags.
  const tags = dialog.getByLabel('Tags');
  for (const tag of ['VIP', 'vip']) {
    await tags.fill(tag);
    await tags.press('Enter');
  }
  await expect(dialog.locator('.contacts-tag')).toHaveText(['VIP']);
  await tags.fill('x'.repeat(41));
  await tags.press('Enter');
  await expect(tags).toHaveAccessibleDescription(/Keep tags under 41 characters/);
  await tags.fill('');
  await expect(tags).toHaveAccessibleDescription('');

  // The notes counter appears near the limit.
  const notes = dialog.getByLabel('Notes');
  await notes.fill('n'.repeat(1500));
  await expect(dialog.getByText('/ 2,000')).toHaveCount(0);
  await notes.fill('n'.repeat(1700));
  await expect(dialog.getByText('1,700 / 2,000')).toBeVisible();

  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(dialog).toBeHidden();
  await expect(contacts.row('+44 7700 900124').or(contacts.row('+447700900124'))).toContainText('VIP');
});

test('search folds accents and reads local numbers; exports open in Excel with accents', async ({ bots, page }) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const contacts = new ContactsPage(page);
  await contacts.open();
  await expect(await contacts.addContact({ phone: '+447700900125', name: 'João Ação' })).toBeHidden();
  await expect(await contacts.addContact({ phone: '+447700900126', name: 'Bento Quaresma' })).toBeHidden();

  await contacts.search('joao');
  await expect(contacts.rows()).toHaveCount(1);
  await expect(contacts.rows()).toContainText('João Ação');
  await contacts.search('07700 900126');
  await expect(contacts.rows()).toHaveCount(1);
  await expect(contacts.rows()).toContainText('Bento Quaresma');
  await contacts.search('');
  await expect(contacts.row('João Ação')).toBeVisible();
  await expect(contacts.row('Bento Quaresma')).toBeVisible();

  const csv = await contacts.exportCsv();
  expect(csv.startsWith('\uFEFFphone,')).toBe(true);
  expect(csv).toContain('João Ação');
});

test('the import and settings dialogs put each refusal under what it concerns', async ({ bots, page }) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const contacts = new ContactsPage(page);
  await contacts.open();

  // A Portuguese sheet is read as it is meant: the given name kept for {{first_name}}.
  const csv = 'Sobrenome;Primeiro nome;Celular;Etiquetas\r\nLima;Ana;07700 900001;vip\r\n';
  const dialog = await contacts.importPreview(csv, 'clientes.csv');
  await expect(dialog.getByLabel('Column “Primeiro nome” is')).toHaveValue('given-name');
  await expect(dialog.getByLabel('Column “Celular” is')).toHaveValue('phone');
  await expect(dialog.getByLabel('Column “Etiquetas” is')).toHaveValue('tags');
  await contacts.mapColumn(dialog, 'Etiquetas', 'Custom field', 'bad!');
  await dialog.getByRole('button', { name: /^Import \d/ }).click();
  const fieldName = dialog.getByLabel('Field name for column “Etiquetas”');
  await expect(fieldName).toHaveAccessibleDescription(/“bad!” cannot be a field name/);
  await fieldName.fill('etiquetas antigas');
  await expect(fieldName).toHaveAccessibleDescription('');
  const tags = dialog.getByLabel('Tags for everyone imported');
  await tags.fill(`spring, ${'x'.repeat(41)}`);
  await dialog.getByRole('button', { name: /^Import \d/ }).click();
  await expect(tags).toHaveAccessibleDescription(/Keep tags under 41 characters/);
  const result = await contacts.runImport(dialog, 'spring');
  await expect(result).toContainText('1');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(contacts.row('Ana Lima')).toContainText('spring');

  await page.getByRole('button', { name: 'Contact settings' }).click();
  const settings = contacts.dialog('Contact settings');
  await settings.getByLabel('Default country').selectOption({ label: 'Another country…' });
  await settings.getByLabel('Country code (two letters)').fill('N');
  await settings.getByRole('button', { name: 'Save' }).click();
  const code = settings.getByLabel('Country code (two letters)');
  await expect(code).toHaveAccessibleDescription('Type the country as two letters, such as NL or JP.');
  await code.fill('NL');
  await expect(code).toHaveAccessibleDescription('');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
});
