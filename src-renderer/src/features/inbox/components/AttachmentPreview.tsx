import { formatBytes } from '../../../../../src-shared/attachments';
import { CloseIcon } from '../../../ui/icons';
import { FileIcon } from '../../../ui/media-icons';
import type { PendingAttachment } from '../media';

/** The file about to be sent, above the composer (whose text becomes its caption). */
export const AttachmentPreview = ({
  attachment,
  progress,
  onRemove,
}: {
  attachment: PendingAttachment;
  /** While the file goes to Wren: bytes sent of the total. */
  progress: { done: number; total: number } | null;
  onRemove: () => void;
}) => (
  <div
    className={`attachment-preview${attachment.problem ? ' attachment-preview-refused' : ''}`}
    data-testid="attachment-preview"
  >
    {attachment.previewUrl ? (
      <img className="attachment-thumb" src={attachment.previewUrl} alt="" />
    ) : (
      <span className="attachment-file-icon">
        <FileIcon size={26} />
      </span>
    )}
    <div className="attachment-facts">
      <div className="attachment-name" title={attachment.file.name}>
        {attachment.file.name}
      </div>
      {attachment.problem ? (
        <div className="attachment-problem" role="alert" data-testid="attachment-problem">
          {attachment.problem}
        </div>
      ) : null}
      {progress ? (
        <progress
          className="attachment-progress"
          aria-label="Sending the file"
          max={Math.max(progress.total, 1)}
          value={progress.done}
        />
      ) : (
        <div className="attachment-size">{formatBytes(attachment.file.size)}</div>
      )}
    </div>
    <button
      type="button"
      className="icon-button"
      aria-label="Remove attachment"
      title="Remove"
      disabled={progress !== null}
      onClick={onRemove}
    >
      <CloseIcon size={20} />
    </button>
  </div>
);
