// The caller's network address, as Node's socket saw it: what connection limits and
// sign-in throttling count by.
import type { Context } from 'hono';

export function addressOf(c: Context): string {
  const incoming = c.env?.incoming as { socket?: { remoteAddress?: string } } | undefined;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
