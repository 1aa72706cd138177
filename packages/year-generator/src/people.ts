// Made-up people for made-up files: names, resident ID numbers with a valid check digit (GB 11643) and
// a birth date fitting the person's group, mobile numbers. Nothing here is anyone real.
import { residentIdCheckCharacter, type Person, type PersonGroup } from '@bureau/person-schemas';
import type { Random } from './random.js';

const FAMILY = ['陈', '李', '黄', '张', '梁', '刘', '林', '何', '王', '吴', '罗', '郭', '冯', '邓', '谢', '曾', '叶', '徐'];
const GIVEN = ['志强', '美玲', '国华', '秀英', '建军', '丽娟', '伟明', '桂芳', '家豪', '嘉欣', '永康', '淑贞', '文杰', '婉婷', '锦荣', '少芬'];

export function nameOf(random: Random): string {
  return `${random.pick(FAMILY)}${random.pick(GIVEN)}`;
}

export function phoneOf(random: Random): string {
  return `1${random.pick(['35', '37', '38', '39', '58', '86', '88'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** A person born in [fromYear, toYear], with these groups. */
export function personOf(random: Random, fromYear: number, toYear: number, groups: PersonGroup[], address: string): Person {
  const year = random.int(fromYear, toYear);
  const birth = `${year}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
  const first17 = `440114${birth}${String(random.int(0, 999)).padStart(3, '0')}`;
  return {
    name: nameOf(random),
    document: { type: 'resident_id', number: `${first17}${residentIdCheckCharacter(first17)}` },
    birthDate: null,
    phone: phoneOf(random),
    address,
    groups,
  };
}
