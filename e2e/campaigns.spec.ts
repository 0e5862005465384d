import { expect, test } from './fixtures';
import { CampaignsPage } from './pages/campaigns-page';
import { call, createLinkedDemoBot } from './pages/chats-page';
import { ContactsPage } from './pages/contacts-page';

/** A 1×1 PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const CSV = [
  'Name;Phone;City',
  'Ana Souza;+44 7700 900501;Leeds',
  'Ben Carter;07700 900502;York',
  'Broken;12345;Hull',
  'Ana again;+447700900501;Leeds',
  'Chloé Martin;="00447700900503";Bath',
].join('\r\n');

test('import contacts, tag them, send a campaign safely, and leave out whoever answers STOP', async ({
  bots,
  host,
  page,
}) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');

  // Import: bad rows are reported with their line and reason; the good ones are listed.
  const contacts = new ContactsPage(page);
  await contacts.open();
  const dialog = await contacts.importPreview(CSV);
  const result = await contacts.runImport(dialog, 'spring');
  await expect(result).toContainText('Line 4: “12345” is not a valid phone number');
  await expect(result).toContainText('Line 5: +447700900501 is already on line 2 (duplicate).');
  await result.page().getByRole('button', { name: 'Done' }).click();
  // (The Demo phone's own chats add a contact or two of their own.)
  await expect(contacts.rows().filter({ hasText: 'spring' })).toHaveCount(3);
  // Tag one of them by hand.
  await contacts.select('Ben Carter');
  await contacts.bulkTag('vip');
  await expect(contacts.row('Ben Carter')).toContainText('vip');

  // A campaign with a variable and spintax, previewed before it is scheduled.
  const campaigns = new CampaignsPage(page);
  await campaigns.open();
  const editor = await campaigns.write({
    name: 'Spring sale',
    text: '{Hi|Hello} {{first_name|there}}, 20% off in {{city}}!',
    tag: 'spring',
  });
  await expect(editor.getByTestId('campaign-preview')).toContainText(/(Hi|Hello) Ana, 20% off in !/);
  await editor.getByRole('button', { name: 'Save as template' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved as the template “Spring sale” (version 1).');
  await editor.getByRole('button', { name: 'Save and schedule' }).click();
  await expect(editor).toBeHidden();
  await campaigns.row('Spring sale').click();
  const detail = campaigns.detail('Spring sale');

  // Progress and receipts arrive live; pause and resume in between.
  const receipts = async () =>
    Number(await campaigns.count('Spring sale', 'delivered').innerText()) +
    Number(await campaigns.count('Spring sale', 'read').innerText());
  await expect.poll(receipts, { timeout: 30_000 }).toBeGreaterThan(0);
  await campaigns.action('Spring sale', 'Pause');
  await expect(detail.getByTestId('campaign-note')).toHaveText('Paused by you.');
  await campaigns.action('Spring sale', 'Resume');
  await expect(campaigns.row('Spring sale')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(detail.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(detail.getByTestId('recipient-row')).toHaveCount(3);
  await expect(detail.getByTestId('recipient-row').filter({ hasText: 'Ana Souza' })).toContainText(
    /(Hi|Hello) Ana, 20% off in Leeds!/,
  );

  const report = await campaigns.exportReport('Spring sale');
  expect(report.split('\r\n')[0]).toBe('phone,name,variant,status,attempts,error,sent_at,delivered_at,read_at,text');
  // A leading + is neutralised against formulas (a spreadsheet would run it); importing reads it back.
  expect(report).toContain(`"'+447700900502",Ben Carter,1,`);

  // Ana answers STOP: she is opted out, and the next campaign leaves her out and says so.
  await call(host, 'demo:receive', { botId, from: '+447700900501', text: 'STOP' });
  await contacts.open();
  await expect(contacts.row('Ana Souza')).toContainText('Opted out');
  await campaigns.open();
  const next = await campaigns.write({
    name: 'Summer sale',
    text: 'Summer is here, {{first_name|friend}}!',
    tag: 'spring',
  });
  // The saved template is there to start from.
  await next.getByLabel('Use a template').selectOption({ label: 'Spring sale (v1)' });
  await expect(next.getByLabel('Text', { exact: true })).toHaveValue(
    '{Hi|Hello} {{first_name|there}}, 20% off in {{city}}!',
  );
  await next.getByLabel('Text', { exact: true }).fill('Summer is here, {{first_name|friend}}!');
  // A preview for a chosen contact, and a picture that goes with the text.
  await next.getByLabel('Preview for').selectOption({ label: 'Ben Carter' });
  await expect(next.getByTestId('campaign-preview')).toContainText('Summer is here, Ben!');
  await next
    .getByLabel('Picture or document for the message')
    .setInputFiles({ name: 'summer.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG, 'base64') });
  await expect(next.getByText('Picture: summer.png')).toBeVisible();
  await next.getByRole('button', { name: 'Save and schedule' }).click();
  await campaigns.row('Summer sale').click();
  await expect(campaigns.detail('Summer sale')).toContainText('Left out when planned: 1 opted out.');
  await expect(campaigns.row('Summer sale')).toContainText('of 2 sent');
});
