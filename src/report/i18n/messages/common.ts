/** Words every face uses: units, yes/no, the years (keys start with "common."). See ../catalogue.ts. */
export const en = () => ({
  'common.year': 'year',
  'common.median': 'median',
  'common.central': 'central case',
  'common.met': 'met',
  'common.missed': 'missed',
} as const satisfies Record<`common.${string}`, string>);

export const zh = (): Record<keyof ReturnType<typeof en>, string> => ({
  'common.year': '年份',
  'common.median': '中位数',
  'common.central': '基准情形',
  'common.met': '达成',
  'common.missed': '未达成',
});
