// Interface text of the duty coverage page (matrix, liaison daily report, re-check list), Chinese first.
export const coverageZh = {
  'nav.coverage': '值班覆盖',
} as const;

export const coverageEn: Record<keyof typeof coverageZh, string> = {
  'nav.coverage': 'Duty coverage',
};
