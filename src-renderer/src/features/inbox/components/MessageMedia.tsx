import { useState } from 'react';
import { formatBytes } from '../../../../../src-shared/attachments';
import type { Message, MessageMedia as Media } from '../../../../../src-shared/inbox';
import { errorMessage } from '../../../lib/errors';
import { PlayIcon } from '../../../ui/icons';
import { DownloadIcon, FileIcon, HeadphonesIcon } from '../../../ui/media-icons';
import { Spinner } from '../../../ui/Spinner';
import { fileFacts, formatSeconds, openFile, saveFile } from '../media';
import { useViewerStore } from '../viewer-store';

/** The largest a picture is drawn in a bubble; the rest of the bubble follows its width. */
const BOX_W = 330;
const BOX_H = 340;

const boxOf = (media: Media) => {
  const w = media.width ?? 4;
  const h = media.height ?? 3;
  const scale = Math.min(BOX_W / w, BOX_H / h);
  return { width: Math.round(Math.max(140, w * scale)), height: Math.round(Math.max(100, h * scale)) };
};

/** What a file in a bubble does when clicked: fetch it (from WhatsApp if needed), then show or save it. */
const useOpen = (message: Message) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async (then: 'view' | 'save' | 'play', onPlay?: (url: string) => void) => {
    setBusy(true);
    setError(null);
    try {
      const file = await openFile(message.id);
      if (then === 'view') useViewerStore.getState().show(file, message.text);
      else if (then === 'save') saveFile(file);
      else onPlay?.(file.url);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, open };
};

const Visual = ({ message, media }: { message: Message; media: Media }) => {
  const { busy, error, open } = useOpen(message);
  const box = boxOf(media);
  const video = message.kind === 'video';
  const sticker = message.kind === 'sticker';
  return (
    <div className={sticker ? 'media-sticker' : 'media-visual'} style={sticker ? undefined : box}>
      <button
        type="button"
        className="media-visual-button"
        aria-label={video ? 'Play video' : 'Open photo'}
        onClick={() => void open('view')}
      >
        {media.thumb ? (
          <img src={media.thumb} alt={message.text ?? (video ? 'Video' : 'Photo')} draggable={false} />
        ) : (
          <span className="media-placeholder" />
        )}
        {busy ? (
          <span className="media-badge">
            <Spinner />
          </span>
        ) : video ? (
          <span className="media-badge">
            <PlayIcon size={26} />
          </span>
        ) : media.state !== 'stored' ? (
          <span className="media-badge media-badge-pill">
            <DownloadIcon size={18} /> {media.size === null ? 'Download' : formatBytes(media.size)}
          </span>
        ) : null}
        {video && media.seconds ? <span className="media-duration">{formatSeconds(media.seconds)}</span> : null}
      </button>
      {(error ?? media.error) ? <div className="media-error">{error ?? media.error}</div> : null}
    </div>
  );
};

const Audio = ({ message, media }: { message: Message; media: Media }) => {
  const { busy, error, open } = useOpen(message);
  const [url, setUrl] = useState<string | null>(null);
  if (url) return <audio className="media-audio" src={url} controls autoPlay />;
  return (
    <div className="media-file">
      <button
        type="button"
        className="media-file-icon media-file-play"
        aria-label="Play audio"
        onClick={() => void open('play', setUrl)}
      >
        {busy ? <Spinner /> : <PlayIcon size={20} />}
      </button>
      <div className="media-file-facts">
        <div className="media-file-name">
          <HeadphonesIcon size={14} /> {media.seconds ? formatSeconds(media.seconds) : 'Audio'}
        </div>
        <div className="media-file-meta">{error ?? media.error ?? fileFacts(media)}</div>
      </div>
    </div>
  );
};

const Document = ({ message, media }: { message: Message; media: Media }) => {
  const { busy, error, open } = useOpen(message);
  return (
    <button
      type="button"
      className="media-file"
      title={`Save ${media.fileName ?? 'the file'}`}
      onClick={() => void open('save')}
    >
      <span className="media-file-icon">
        <FileIcon size={26} />
      </span>
      <span className="media-file-facts">
        <span className="media-file-name">{media.fileName ?? 'Document'}</span>
        <span className={`media-file-meta${(error ?? media.error) ? ' media-file-meta-error' : ''}`}>
          {error ?? media.error ?? fileFacts(media)}
        </span>
      </span>
      <span className="media-file-save">{busy ? <Spinner /> : <DownloadIcon size={20} />}</span>
    </button>
  );
};

/** A photo, video, sticker, voice note or document in a bubble, as WhatsApp shows each. */
export const MessageMedia = ({ message, media }: { message: Message; media: Media }) => {
  switch (message.kind) {
    case 'image':
    case 'video':
    case 'sticker':
      return <Visual message={message} media={media} />;
    case 'audio':
      return <Audio message={message} media={media} />;
    default:
      return <Document message={message} media={media} />;
  }
};
