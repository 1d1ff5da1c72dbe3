// Interface text of importing a spreadsheet into a table, Chinese first.
export const importsZh = {
  'import.button': '导入',
} as const;

export const importsEn: Record<keyof typeof importsZh, string> = {
  'import.button': 'Import',
};
