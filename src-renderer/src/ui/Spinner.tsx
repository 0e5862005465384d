export const Spinner = ({ size = 20, label }: { size?: number; label?: string }) => (
  <span className="spinner" role={label ? 'status' : undefined} aria-label={label}>
    <svg width={size} height={size} viewBox="0 0 44 44" aria-hidden="true">
      <circle cx="22" cy="22" r="18" fill="none" strokeWidth="4" />
    </svg>
  </span>
);
