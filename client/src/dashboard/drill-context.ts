// The totals on screen and the drill-down they open, shared by every clickable number.
import type { Totals } from '@civic-ledger/shared';
import { createContext, useContext } from 'react';
import type { DrillTarget } from './drill.ts';

export interface DrillApi {
  readonly totals: Totals;
  /** The key of the target shown in the drill-down, if any. */
  readonly openKey: string | null;
  open(target: DrillTarget): void;
  /** What a target is called, in the chosen language. */
  title(target: DrillTarget): string;
}

export const DrillContext = createContext<DrillApi | null>(null);

export function useDrill(): DrillApi {
  const value = useContext(DrillContext);
  if (!value) throw new Error('useDrill outside DrillContext');
  return value;
}
