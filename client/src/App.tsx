// App shell: shows the server's health until the ledger and roster grids arrive.
import { useEffect, useState } from 'react';

interface Health {
  status: string;
  store: string;
  rooms: number;
  connections: number;
}

export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      try {
        const res = await fetch('/healthz');
        const body = (await res.json()) as Health;
        if (!cancelled) {
          setHealth(body);
          setError(null);
        }
      } catch (err) {
        if (!cancelled) setError(err instanceof Error ? err.message : String(err));
      }
    };
    void poll();
    const timer = setInterval(poll, 5000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif', padding: 24 }}>
      <h1>创城问题台账 · civic-ledger</h1>
      {error && <p role="alert">服务器不可达 (server unreachable): {error}</p>}
      {health && (
        <p data-testid="health">
          服务器正常 (server ok) · 存储 {health.store} · 已加载房间 {health.rooms} · 连接 {health.connections}
        </p>
      )}
    </main>
  );
}
