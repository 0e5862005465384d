import type { AutomationService } from '../automations/service';
import type { BotService } from '../bots/service';
import type { CampaignScheduler } from '../campaigns/scheduler';
import type { CampaignService } from '../campaigns/service';
import type { ContactService } from '../contacts/service';
import type { TemplateService } from '../templates/service';
import type { DemoControls } from '../demo-controls';
import type { InboxService } from '../inbox/service';
import type { MediaService } from '../media/service';
import { registerCampaignHandlers } from './campaign-handlers';
import { registerContactHandlers } from './contact-handlers';
import { registerMessageActionHandlers } from './message-action-handlers';
import type { UploadStore } from '../uploads/store';
import type { Dispatcher } from './dispatcher';
import { registerUploadHandlers } from './upload-handlers';

export type AppInfo = { version: string; mode: 'electron' | 'headless'; dataDir: string };

/** Binds every call of the contract to the service that answers it. */
export const registerHandlers = (
  dispatcher: Dispatcher,
  deps: {
    bots: BotService;
    inbox: InboxService;
    media: MediaService;
    automations: AutomationService;
    contacts: ContactService;
    templates: TemplateService;
    campaigns: CampaignService;
    scheduler: CampaignScheduler;
    demo: DemoControls;
    uploads: UploadStore;
    info: AppInfo;
  },
): void => {
  const { bots, inbox, media, automations, demo, info } = deps;
  const { handle } = dispatcher;
  const files = registerUploadHandlers(dispatcher, deps.uploads);
  handle('app:info', () => info);
  handle('bots:list', () => bots.list());
  handle('bots:get', ({ botId }) => bots.get(botId));
  handle('bots:create', (input) => bots.create(input));
  handle('bots:rename', ({ botId, name }) => bots.rename(botId, name));
  handle('bots:delete', ({ botId }) => bots.remove(botId));
  handle('bots:start', ({ botId }) => bots.start(botId));
  handle('bots:stop', ({ botId }) => bots.stop(botId));
  handle('bots:relink', ({ botId }) => bots.relink(botId));
  handle('bots:request-pairing-code', ({ botId, phone }) => bots.requestPairingCode(botId, phone));
  handle('bots:set-feature', ({ botId, feature, enabled }) => bots.setFeature(botId, feature, enabled));
  handle('bots:events', (input) => bots.events(input));
  handle('bots:send-test', ({ botId, to, text }) => bots.sendTest(botId, to, text));
  handle('chats:list', (input) => inbox.chats(input));
  handle('chats:get', ({ chatId }) => inbox.chat(chatId));
  handle('chats:open', ({ botId, phone }) => inbox.openChat(botId, phone));
  handle('chats:update', ({ chatId, ...patch }) => inbox.updateChat(chatId, patch));
  handle('chats:mark-read', ({ chatId }) => inbox.markRead(chatId));
  handle('messages:page', (input) => inbox.messages(input));
  handle('messages:newer', (input) => inbox.newer(input));
  handle('messages:around', (input) => inbox.around(input));
  handle('messages:send', ({ attachment, ...input }) =>
    attachment
      ? files.withBytes(attachment, 'file', (bytes) =>
          inbox.send({ ...input, upload: { name: attachment.name, bytes }, origin: 'person' }),
        )
      : inbox.send({ ...input, origin: 'person' }),
  );
  handle('messages:search', (input) => inbox.search(input));
  handle('messages:quoted', ({ messageId }) => inbox.quoted(messageId));
  handle('demo:group', ({ chatId, action, phone, text }) =>
    action === 'say'
      ? demo.groupSay(chatId, phone ?? null, text ?? '')
      : demo.groupChange(chatId, action, phone ?? null),
  );
  handle('groups:get', ({ chatId, refresh }) => inbox.group(chatId, refresh));
  handle('media:get', async ({ messageId }) => {
    const file = await media.file(messageId);
    return { name: file.name, mime: file.mime, data: file.bytes.toString('base64') };
  });
  handle('demo:receive', ({ botId, text, from, photo }) =>
    bots.simulateIncoming(botId, text ?? null, from ?? null, photo),
  );
  handle('automations:get', ({ botId }) => automations.get(botId));
  handle('automations:save', ({ botId, patch }) => automations.save(botId, patch));
  handle('automations:premium', ({ botId, phone, premium }) => automations.premium(botId, phone, premium));
  handle('automations:upload-image', ({ botId, name, ...source }) =>
    files.withBytes(source, 'file', (bytes) => automations.uploadImage(botId, name, bytes)),
  );
  handle('automations:try', (input) => automations.try(input));
  handle('automations:runs', ({ botId, limit }) => automations.runs(botId, limit));
  handle('groups:settings', ({ chatId }) => {
    inbox.chat(chatId);
    return automations.groupSettings(chatId);
  });
  handle('groups:save-settings', ({ chatId, patch }) => {
    inbox.chat(chatId);
    return automations.saveGroupSettings(chatId, patch);
  });
  handle('groups:set-announce', ({ chatId, announce }) => automations.setAnnounce(inbox.chat(chatId), announce));
  handle('demo:simulate-scan', ({ botId }) => bots.simulateScan(botId));
  registerMessageActionHandlers(dispatcher, inbox);
  registerContactHandlers(dispatcher, deps.contacts, files);
  registerCampaignHandlers(dispatcher, deps, files);
  const missing = dispatcher.missing();
  if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`);
};
