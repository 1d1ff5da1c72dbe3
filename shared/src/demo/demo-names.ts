// Words the demo district is made of: committee and road names, personal names, and what
// inspectors typically write about each problem category. Fictional, but the way they sound.
import type { IssueCategory } from '../schema/ledger-schema.ts';

/** The 16 residential committees: [id, name without 居民区]. */
export const DEMO_COMMITTEES: readonly (readonly [string, string])[] = [
  ['taoyuan', '桃园'],
  ['meiyuan', '梅园'],
  ['songlin', '松林'],
  ['zhuyuan', '竹园'],
  ['lanxi', '兰溪'],
  ['juyuan', '菊园'],
  ['fenglin', '枫林'],
  ['liutang', '柳塘'],
  ['xinghua', '杏花'],
  ['hehuachi', '荷花池'],
  ['dingxiang', '丁香'],
  ['yinxing', '银杏'],
  ['xiangzhang', '香樟'],
  ['ziteng', '紫藤'],
  ['haitang', '海棠'],
  ['yulan', '玉兰'],
];

export const DEMO_ROADS: readonly string[] = [
  '文明路',
  '和平路',
  '建设路',
  '复兴路',
  '长乐路',
  '康宁路',
  '安顺路',
  '永丰路',
  '兴业路',
  '同心路',
  '振华路',
  '惠民路',
  '锦绣路',
  '平安路',
  '春晖路',
  '友谊路',
];

export const COMPOUND_SUFFIXES: readonly string[] = [
  '一村',
  '二村',
  '三村',
  '新村',
  '新苑',
  '花园',
  '公寓',
  '小区',
];

export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤',
];

export const GIVEN_NAME_CHARS: readonly string[] = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕晨宇欣怡佳琪子涵浩然俊杰雪梅凤春林斌宏亮瑞婷晓东',
];

/** What a finder writes, per category. `{n}` is replaced by a building or door number. */
export const ISSUE_DESCRIPTIONS: Readonly<Record<IssueCategory, readonly string[]>> = {
  bikes_disorder: [
    '{n}号楼门口非机动车乱停放，占用消防通道',
    '出入口共享单车堆积，堵塞人行道',
    '电动自行车未进车棚，沿路停放',
    '非机动车停放越线，压占盲道',
  ],
  greenbelt_rubbish: [
    '绿化带内有烟头、塑料袋等垃圾',
    '{n}号楼旁绿化带堆放建筑垃圾',
    '绿化带内有居民丢弃的旧家具',
    '树穴内积存落叶和饮料瓶',
  ],
  stairwell_clutter: [
    '{n}号楼楼道堆放纸箱、旧家具',
    '{n}号楼楼道停放电动自行车',
    '楼道内堆放杂物，影响消防通道',
    '{n}号楼底楼楼梯下堆放花盆和杂物',
  ],
  street_rubbish: [
    '沿街商铺门前有垃圾未及时清扫',
    '{n}号门口垃圾桶满溢',
    '人行道上有散落的包装袋和烟头',
    '沿街店铺跨门经营，门前污渍明显',
  ],
  flying_wire_charging: [
    '{n}号楼窗口拉出电线为电动车充电',
    '{n}号楼一楼私拉电线飞线充电',
    '车棚外接插线板充电，存在安全隐患',
  ],
  road_damage: [
    '{n}号门口人行道地砖松动破损',
    '路面坑洼积水，影响通行',
    '窨井盖周边路面破损下沉',
    '盲道砖缺失{n}块',
  ],
  greenery_damage: [
    '绿化带黄土裸露，植株缺损',
    '行道树支撑杆倒伏',
    '{n}号楼旁草坪被踩踏出小路',
    '绿篱缺株，需补种',
  ],
  glass_damage: ['{n}号楼单元门玻璃破损', '宣传栏玻璃碎裂', '楼道窗户玻璃缺失', '公交站亭玻璃破损'],
  wall_damage: ['{n}号楼外墙墙皮脱落', '围墙有乱涂乱画和小广告', '{n}号楼楼道墙面污损', '沿街墙面瓷砖脱落'],
  publicity_lacking: [
    '公益广告数量不足，缺少社会主义核心价值观宣传',
    '宣传栏内容过期未更新',
    '{n}号楼单元门口缺少文明创建宣传',
    '公益广告破损褪色',
  ],
};

/** What the assignee reports as done, per category. */
export const RECTIFICATIONS: Readonly<Record<IssueCategory, readonly string[]>> = {
  bikes_disorder: ['已规整车辆并划定停放线', '联系共享单车企业清运车辆', '安排志愿者定时劝导规范停放'],
  greenbelt_rubbish: ['已清理垃圾，保洁加强巡回', '已清运建筑垃圾', '安排保洁每日两次捡拾'],
  stairwell_clutter: ['已上门劝导，业主自行清理', '物业集中清理楼道堆物', '已张贴告示并完成清理'],
  street_rubbish: ['已清扫并约谈商户落实门责', '增加垃圾清运频次', '已清理并纳入每日巡查'],
  flying_wire_charging: [
    '已拆除飞线，引导至充电桩充电',
    '上门宣传并拆除私拉电线',
    '已拆除插线板并加装充电设施',
  ],
  road_damage: ['已报修，市政完成修补', '已更换破损地砖', '已修复盲道'],
  greenery_damage: ['已补种绿植', '已扶正支撑杆', '已覆盖黄土并补植草皮'],
  glass_damage: ['已更换玻璃', '已临时封闭并完成更换', '已通知产权单位维修完毕'],
  wall_damage: ['已铲除小广告并粉刷墙面', '已修补外墙', '已清洗墙面污渍'],
  publicity_lacking: ['已补充张贴公益广告', '已更新宣传栏内容', '已更换破损公益广告'],
};

export const ABSENCE_NOTES: readonly string[] = ['临时请假', '身体不适', '家中有事', '未请假缺岗'];
