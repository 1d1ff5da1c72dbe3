// The notice strip above the grid.
import type { Notice } from './notices.ts';

export function Notices(props: {
  notices: readonly Notice[];
  onDismiss: (id: number) => void;
  dismissLabel: string;
}) {
  if (props.notices.length === 0) return null;
  return (
    <div className="notices">
      {props.notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role={n.kind === 'info' ? 'status' : 'alert'}
          data-testid={`${n.kind === 'overwritten' ? 'overwrite' : n.kind}-notice`}
        >
          <span>{n.text}</span>
          {n.action && (
            <button type="button" onClick={n.action.run}>
              {n.action.label}
            </button>
          )}
          <button
            type="button"
            className="notice-close"
            aria-label={props.dismissLabel}
            onClick={() => props.onDismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
