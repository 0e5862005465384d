import { initialsOf, toneFor } from './avatar-look';

export { toneAt } from './avatar-look';

/** WhatsApp's grey silhouette, for someone with no letters to show (initials of "+44" say nothing). */
export const Silhouette = () => (
  <svg viewBox="0 0 212 212" width="100%" height="100%" aria-hidden="true" focusable="false">
    <path fill="#dfe5e7" d="M106 0a106 106 0 1 0 0 212 106 106 0 0 0 0-212z" />
    <path
      fill="#fff"
      d="M106 45c-20 0-34 15-34 36s14 39 34 39 34-18 34-39-14-36-34-36zm0 86c-36 0-70 17-75 45a106 106 0 0 0 150 0c-5-28-39-45-75-45z"
    />
  </svg>
);

/**
 * A round avatar. `seed` says who it is (a phone number or JID for a person, an id for a bot): the
 * colour follows it, so a person looks the same in the chat list, the header, a group and Contacts.
 */
export const Avatar = ({ name, seed, size = 49 }: { name: string; seed: string; size?: number }) => {
  const letters = initialsOf(name);
  return letters ? (
    <span
      className="avatar"
      aria-hidden="true"
      data-initials={letters}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.38), background: toneFor(seed) }}
    >
      {letters}
    </span>
  ) : (
    <span className="avatar" aria-hidden="true" data-initials="" style={{ width: size, height: size }}>
      <Silhouette />
    </span>
  );
};
