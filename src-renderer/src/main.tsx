import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startBridge } from './app/bridge';
import { connectToEngine } from './contract';
import { installEmojiFont } from './ui/emoji-font';
import './styles/base.css';
import './styles/controls.css';
import './styles/app.css';
import './styles/bots-list.css';
import './styles/bot-panel.css';
import './styles/send-test.css';
import './styles/bot-dialogs.css';
import './styles/chats-list.css';
import './styles/chat-rows.css';
import './styles/chat-thread.css';
import './styles/bubbles.css';
import './styles/composer.css';
import './styles/media.css';
import './styles/group-info.css';
import './styles/automations.css';
import './styles/automations-settings.css';
import './styles/automations-editor.css';
import './styles/automations-test.css';
import './styles/contacts.css';
import './styles/campaigns.css';
import './styles/contacts-import.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

installEmojiFont();

// The bridge starts before the first render so no event can slip past the stores.
startBridge(connectToEngine());

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
