import { useCallback, useRef, useState } from 'react';
import { SmileIcon } from '../../../ui/chat-icons';
import { useDismiss } from '../../../ui/useDismiss';

/** The ones people actually send to shops and customers; a full picker would weigh more than the inbox. */
const EMOJIS = (
  '😀 😂 😊 😍 😘 😉 😎 🤔 😅 😢 😮 😡 🙏 👍 👎 👌 👏 🙌 💪 🤝 ' +
  '👋 ❤️ 💚 🔥 ✨ 🎉 🎁 ✅ ❌ ⭐ 📦 🚚 🛒 💳 💰 📍 ⏰ 📞 ☕ 🍕'
).split(' ');

/** A small palette above the composer; a pick goes in where the caret is. */
export const EmojiPicker = ({ onPick }: { onPick: (emoji: string) => void }) => {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  return (
    <div className="emoji" ref={ref}>
      <button
        type="button"
        className={`icon-button composer-icon${open ? ' icon-button-active' : ''}`}
        aria-label="Emoji"
        title="Emoji"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <SmileIcon size={24} />
      </button>
      {open ? (
        <div className="emoji-palette" role="group" aria-label="Emoji">
          {EMOJIS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="emoji-option"
              aria-label={emoji}
              onClick={() => {
                onPick(emoji);
                setOpen(false);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
};
