// Interface text of the live totals page, Chinese first; English has every key.
export const dashboardZh = {
  'nav.dashboard': '实时汇总',
} as const;

export const dashboardEn: Record<keyof typeof dashboardZh, string> = {
  'nav.dashboard': 'Live totals',
};
