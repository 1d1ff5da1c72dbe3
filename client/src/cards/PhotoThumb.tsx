// A photo's thumbnail (GET /api/photos/<id>?size=thumb with the sign-in token), linked to
// the full photo once loaded.
import { useEffect, useState } from 'react';
import type { Session } from '../session/session.ts';

export function PhotoThumb({ id, session, label }: { id: string; session: Session; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let cancelled = false;
    void fetch(`/api/photos/${id}?size=thumb`, { headers: { authorization: `Bearer ${session.token}` } })
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (!blob || cancelled) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id, session.token]);
  return url ? (
    <img className="card-thumb" src={url} alt={label} data-testid="card-thumb" />
  ) : (
    <span className="card-thumb pending" title={label} />
  );
}
