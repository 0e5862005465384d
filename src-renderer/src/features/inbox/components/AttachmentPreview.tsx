import { formatBytes } from '../../../../../src-shared/attachments';
import { CloseIcon } from '../../../ui/icons';
import { FileIcon } from '../../../ui/media-icons';
import type { PendingAttachment } from '../media';

/** The file about to be sent, above the composer (whose text becomes its caption). */
export const AttachmentPreview = ({
  attachment,
  onRemove,
}: {
  attachment: PendingAttachment;
  onRemove: () => void;
}) => (
  <div className="attachment-preview" data-testid="attachment-preview">
    {attachment.previewUrl ? (
      <img className="attachment-thumb" src={attachment.previewUrl} alt="" />
    ) : (
      <span className="attachment-file-icon">
        <FileIcon size={26} />
      </span>
    )}
    <div className="attachment-facts">
      <div className="attachment-name">{attachment.file.name}</div>
      <div className="attachment-size">{formatBytes(attachment.file.size)}</div>
    </div>
    <button type="button" className="icon-button" aria-label="Remove attachment" title="Remove" onClick={onRemove}>
      <CloseIcon size={20} />
    </button>
  </div>
);
