// Errors as values: every failure carries a stable code and a message in zh-CN and en,
// so the one who sent bad input gets a clear answer and nothing is thrown across modules.
import type { LocalizedText } from './localized.ts';

export interface DomainError<C extends string = string> {
  readonly code: C;
  readonly message: LocalizedText;
}

export type Result<T, E extends DomainError = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E extends DomainError>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

export function domainError<C extends string>(code: C, zh: string, en: string): DomainError<C> {
  return { code, message: { 'zh-CN': zh, en } };
}
