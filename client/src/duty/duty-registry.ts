// What every tab of the duty page reads from the registries, with the account's rights.
import type { Principal, RowValues } from '@civic-ledger/shared';

export interface DutyRegistry {
  readonly principal: Principal;
  /** The committees whose rooms the account may read, by name. */
  readonly committees: readonly { readonly id: string; readonly name: string }[];
  readonly sites: readonly RowValues[];
  readonly people: readonly RowValues[];
  readonly committeeNames: ReadonlyMap<string, string>;
  readonly siteNames: ReadonlyMap<string, string>;
  readonly personNames: ReadonlyMap<string, string>;
}
