import type { GroupMember } from '../../../../../src-shared/inbox';
import { formatPhone } from '../../../lib/format';
import { Avatar } from '../../../ui/Avatar';
import { CloseIcon } from '../../../ui/icons';
import { Spinner } from '../../../ui/Spinner';
import { useChat } from '../hooks/useChats';
import { useGroupInfo } from '../hooks/useGroupInfo';
import { displayTitle } from '../text';
import { ChatAvatar } from './ChatAvatar';
import { GroupBotSettings } from './GroupBotSettings';
import { GroupMuteCard } from './GroupMuteCard';

const memberName = (m: GroupMember): string =>
  m.isBot ? 'You' : (m.name ?? (m.phone ? formatPhone(m.phone) : (m.jid.split('@')[0] ?? m.jid)));

const MemberRow = ({ member }: { member: GroupMember }) => {
  const name = memberName(member);
  return (
    <li className="member" data-testid="group-member" data-role={member.role}>
      <Avatar name={member.isBot ? 'You' : (member.name ?? '')} seed={member.phone ?? member.jid} size={40} />
      <div className="member-text">
        <span className="member-name">{name}</span>
        {member.name && member.phone ? <span className="member-phone">{formatPhone(member.phone)}</span> : null}
      </div>
      {member.role === 'member' ? null : <span className="member-role">Group admin</span>}
    </li>
  );
};

/** WhatsApp's group info, on the right of the thread: subject, description, settings, members. */
export const GroupInfoPanel = ({ chatId, onClose }: { chatId: number; onClose: () => void }) => {
  const chat = useChat(chatId);
  const { status, info, error } = useGroupInfo(chatId);
  const admins = info?.members.filter((m) => m.role !== 'member').length ?? 0;
  return (
    <aside className="group-info" aria-label="Group info" data-testid="group-info">
      <header className="group-info-bar">
        <button type="button" className="icon-button" aria-label="Close group info" onClick={onClose}>
          <CloseIcon size={22} />
        </button>
        <h3>Group info</h3>
      </header>
      <div className="group-info-body">
        <section className="group-info-card group-info-head">
          {chat ? <ChatAvatar chat={chat} size={120} /> : null}
          <h4>{info?.subject ?? (chat ? displayTitle(chat) : '')}</h4>
          <p className="group-info-count">
            Group{info ? ` · ${info.members.length} ${info.members.length === 1 ? 'member' : 'members'}` : ''}
          </p>
        </section>
        {info?.description ? (
          <section className="group-info-card">
            <div className="group-info-label">Description</div>
            <p className="group-info-desc">{info.description}</p>
          </section>
        ) : null}
        {info ? <GroupMuteCard key={String(info.announce)} chatId={chatId} announce={info.announce} /> : null}
        <GroupBotSettings chatId={chatId} botId={chat?.botId ?? null} />
        <section className="group-info-card">
          <div className="group-info-label">
            {info ? `${info.members.length} members · ${admins} ${admins === 1 ? 'admin' : 'admins'}` : 'Members'}
          </div>
          {status === 'loading' ? (
            <div className="group-info-loading">
              <Spinner label="Loading members" />
            </div>
          ) : null}
          {error ? (
            <p className="group-info-error" role="alert">
              {error}
            </p>
          ) : null}
          {info ? (
            <ul className="members" aria-label="Members">
              {info.members.map((m) => (
                <MemberRow key={m.jid} member={m} />
              ))}
            </ul>
          ) : null}
        </section>
      </div>
    </aside>
  );
};
