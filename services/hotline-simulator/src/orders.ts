// Orders as the platform makes them: external numbers (工单编号) and realistic, seeded fake content.
// Numbers look like the platform's own (prefix + China date + serial, e.g. SIM2025093000123).
import type { Citizen, OrderCategory, UnitRole } from '@bureau/hotline-protocol/messages';

/** mulberry32: small, fast, good enough for fake data, and reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** yyyymmdd on the China calendar (UTC+8, no daylight saving). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Hands out order numbers. The serial starts, by default, at the seconds elapsed since China midnight,
 * so a simulator restarted the same day does not reissue numbers a persistent centre already holds.
 */
export function orderNumbers(prefix: string, clock: () => Date, firstSerial?: number): () => string {
  const start = clock();
  let serial = firstSerial ?? Math.floor(((start.getTime() + CHINA_OFFSET_MS) % 86_400_000) / 1000);
  return () => `${prefix}${chinaDate(clock())}${String(serial++).padStart(5, '0')}`;
}

/**
 * The first serial a restarted simulator may use: past every serial of `prefix` it issued before (any
 * day; the serial runs on across midnight), and not before the default start of the day.
 */
export function firstSerialAfter(prefix: string, issued: readonly string[], clock: () => Date): number {
  const pattern = new RegExp(`^${prefix}\\d{8}(\\d{5,})$`);
  const highest = issued.reduce((max, orderNo) => Math.max(max, Number(pattern.exec(orderNo)?.[1] ?? -1)), -1);
  const dayStart = Math.floor(((clock().getTime() + CHINA_OFFSET_MS) % 86_400_000) / 1000);
  return Math.max(highest + 1, dayStart);
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁', '郑', '谢', '冯', '邓'];
const GIVEN_NAMES = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '建华', '志强', '晓燕', '国平', '桂芳', '海燕', '俊杰', '嘉欣'];
const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '187', '188', '189', '199'];
const STREETS = ['石牌街', '五山街', '员村街', '沙河街', '林和街', '天园街', '棠下街', '车陂街', '黄村街', '龙洞街'];
const MATTERS = [
  '被公司拖欠工资三个月', '离婚后对方拒付子女抚养费', '交通事故对方不肯赔偿医疗费', '房东拒不退还租房押金',
  '工伤认定后单位不支付赔偿', '子女不履行赡养义务', '邻居违建挡住采光通风', '借款到期对方失联不还',
  '装修公司收款后停工', '网购商品质量问题商家拒绝退货',
];

/** 咨询 is most of the load; the weights follow the shape of a real district's year. */
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [OrderCategory, number]> = [
  ['consultation', 0.6], ['assistance', 0.15], ['complaint', 0.1], ['suggestion', 0.08], ['report', 0.07],
];

function contentFor(category: OrderCategory, matter: string, street: string): string {
  switch (category) {
    case 'consultation':
      return `市民来电咨询：${matter}，想了解如何维权、能否申请法律援助以及需要准备哪些材料。`;
    case 'assistance':
      return `市民来电求助：${matter}，本人经济困难，请求提供法律援助，协助联系律师。`;
    case 'suggestion':
      return `市民建议在${street}增设公共法律服务工作点，并延长周末值班律师的服务时间，方便群众就近咨询。`;
    case 'complaint':
      return `市民投诉：到${street}公共法律服务工作站咨询“${matter}”一事时无人接待，要求核实处理并答复。`;
    case 'report':
      return `市民举报：${street}附近有人冒充律师，以代办法律援助为名收取高额费用，请求查处。`;
    default: {
      const unknown: never = category;
      throw new Error(`no content template for ${String(unknown)}`);
    }
  }
}

export interface FakeOrder {
  readonly category: OrderCategory;
  readonly citizen: Citizen;
  readonly content: string;
  readonly role: UnitRole;
}

/** Makes plausible orders from a seeded random source: same seed, same sequence. */
export function fakeOrders(random: () => number): (category?: OrderCategory) => FakeOrder {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = (): OrderCategory => {
    let r = random();
    for (const [category, weight] of CATEGORY_WEIGHTS) {
      if ((r -= weight) < 0) return category;
    }
    return 'consultation';
  };
  return (category) => {
    const chosen = category ?? weighted();
    const name = pick(SURNAMES) + pick(GIVEN_NAMES);
    const phone = pick(MOBILE_PREFIXES) + String(Math.floor(random() * 1e8)).padStart(8, '0');
    return {
      category: chosen,
      citizen: { name, phone },
      content: contentFor(chosen, pick(MATTERS), pick(STREETS)),
      role: random() < 0.85 ? 'lead' : 'assisting',
    };
  };
}
