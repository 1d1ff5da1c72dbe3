// Interface text of the snapshots page (list, read-only view, compare, exports), Chinese first.
export const snapshotsZh = {
  'nav.snapshots': '快照与导出',
} as const;

export const snapshotsEn: Record<keyof typeof snapshotsZh, string> = {
  'nav.snapshots': 'Snapshots & exports',
};
