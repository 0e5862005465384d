import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { CloseIcon } from '../../../ui/icons';
import { DownloadIcon } from '../../../ui/media-icons';
import { saveFile } from '../media';
import { useViewerStore } from '../viewer-store';

/** A photo or video full size over a dark backdrop; Escape or the backdrop closes it. */
export const MediaViewer = () => {
  const file = useViewerStore((s) => s.file);
  const close = useViewerStore((s) => s.close);

  useEffect(() => {
    if (!file) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [file, close]);

  if (!file) return null;
  return createPortal(
    <div className="viewer" role="dialog" aria-modal="true" aria-label={file.name} onClick={close}>
      <header className="viewer-bar" onClick={(e) => e.stopPropagation()}>
        <span className="viewer-name">{file.name}</span>
        <button type="button" className="viewer-button" aria-label="Save" title="Save" onClick={() => saveFile(file)}>
          <DownloadIcon size={22} />
        </button>
        <button type="button" className="viewer-button" aria-label="Close" title="Close (Esc)" onClick={close}>
          <CloseIcon size={24} />
        </button>
      </header>
      <div className="viewer-stage">
        {file.mime.startsWith('video/') ? (
          <video src={file.url} controls autoPlay onClick={(e) => e.stopPropagation()} />
        ) : (
          <img src={file.url} alt={file.caption ?? file.name} onClick={(e) => e.stopPropagation()} />
        )}
      </div>
      {file.caption ? <div className="viewer-caption">{file.caption}</div> : null}
    </div>,
    document.body,
  );
};
