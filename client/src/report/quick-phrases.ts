// Short phrases a reporter taps to fill the description, per issue category (Chinese first).
import type { IssueCategory, Locale } from '@civic-ledger/shared';

const PHRASES: Readonly<Record<IssueCategory, { 'zh-CN': readonly string[]; en: readonly string[] }>> = {
  bikes_disorder: {
    'zh-CN': ['非机动车乱停放', '占用盲道', '堵塞消防通道'],
    en: ['Bikes parked in disorder', 'Blocking the tactile path', 'Blocking the fire lane'],
  },
  greenbelt_rubbish: {
    'zh-CN': ['绿化带内有垃圾', '烟头纸屑', '塑料袋挂在树上'],
    en: ['Rubbish in the green belt', 'Cigarette ends and paper', 'Plastic bags in the trees'],
  },
  stairwell_clutter: {
    'zh-CN': ['楼道堆放杂物', '堆放纸箱', '占用安全出口'],
    en: ['Things stacked in the stairwell', 'Cardboard boxes', 'Blocking the exit'],
  },
  street_rubbish: {
    'zh-CN': ['沿街有垃圾', '垃圾桶满溢', '店外乱堆放'],
    en: ['Rubbish along the street', 'Overflowing bins', 'Goods piled outside a shop'],
  },
  flying_wire_charging: {
    'zh-CN': ['楼上拉线充电', '电线横穿通道', '楼道内充电'],
    en: ['Charging by a cable from upstairs', 'A cable across the path', 'Charging in the stairwell'],
  },
  road_damage: {
    'zh-CN': ['路面坑洼', '人行道砖松动', '井盖破损'],
    en: ['Potholes', 'Loose paving', 'Broken manhole cover'],
  },
  greenery_damage: {
    'zh-CN': ['绿地被踩踏', '树木折断', '黄土裸露'],
    en: ['Trampled lawn', 'Broken trees', 'Bare soil'],
  },
  glass_damage: {
    'zh-CN': ['窗户玻璃破损', '宣传栏玻璃破损', '门玻璃碎裂'],
    en: ['Broken window', 'Broken notice-board glass', 'Cracked door glass'],
  },
  wall_damage: {
    'zh-CN': ['墙面脱落', '乱涂乱画', '小广告'],
    en: ['Peeling wall', 'Graffiti', 'Stuck-on adverts'],
  },
  publicity_lacking: {
    'zh-CN': ['公益广告缺失', '宣传栏破旧', '核心价值观宣传不足'],
    en: ['No public-service posters', 'Worn notice board', 'Too little core-values publicity'],
  },
};

export function quickPhrases(category: string, locale: Locale): readonly string[] {
  return Object.hasOwn(PHRASES, category) ? PHRASES[category as IssueCategory][locale] : [];
}
