import type { ReactNode } from 'react';
import type { MessageStatus } from '../../../../../src-shared/inbox';

/* WhatsApp's delivery marks: a clock while it waits (the outbox), one grey tick sent, two grey
   delivered, two blue read, a red "!" failed. `data-status` lets tests follow them. */

const LABEL: Record<MessageStatus, string> = {
  pending: 'Waiting to send',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  played: 'Played',
  failed: 'Not sent',
};

const Svg = ({ children, width = 16 }: { children: ReactNode; width?: number }) => (
  <svg width={width} height="11" viewBox={`0 0 ${width} 11`} fill="none" aria-hidden="true" focusable="false">
    {children}
  </svg>
);

const Mark = ({ status }: { status: MessageStatus }) => {
  switch (status) {
    case 'pending':
      return (
        <Svg width={12}>
          <circle cx="6" cy="5.5" r="4.6" stroke="currentColor" strokeWidth="1.2" />
          <path d="M6 3v2.7l1.8 1.1" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" />
        </Svg>
      );
    case 'sent':
      return (
        <Svg width={12}>
          <path d="m1.3 5.9 3 2.9L10.8 1.6" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </Svg>
      );
    case 'failed':
      return <span className="ticks-failed-mark">!</span>;
    default:
      return (
        <Svg>
          <path
            d="m1 5.9 3 2.9 6.5-7.2M7.2 7.7l1.1 1.1 6.5-7.2"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </Svg>
      );
  }
};

export const Ticks = ({ status, error }: { status: MessageStatus; error: string | null }) => {
  const label = status === 'failed' && error ? `Not sent: ${error}` : LABEL[status];
  return (
    <span
      className={`ticks ticks-${status}`}
      data-testid="ticks"
      data-status={status}
      title={label}
      role="img"
      aria-label={label}
    >
      <Mark status={status} />
    </span>
  );
};
