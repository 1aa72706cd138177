// The walk-in consultation's words (来访咨询, docs/domain §5), fixed by the contract the year's report
// counts on: the topics, how a visit was answered, and the kinds of place that receive walk-in visitors.

/** 咨询事项类别. */
export const walkInTopics = [
  'marriage_family', // 婚姻家庭
  'labour', // 劳动争议
  'contract_debt', // 合同债务
  'property_housing', // 房产物业
  'neighbour_land', // 邻里土地
  'personal_injury', // 人身损害
  'consumer', // 消费维权
  'criminal', // 刑事
  'administrative', // 行政
  'other',
] as const;
export type WalkInTopic = (typeof walkInTopics)[number];

/** 答复方式: on the spot, or referred on. */
export const walkInAnswers = [
  'answered_on_the_spot', // 当场解答
  'referred_to_legal_aid', // 转法律援助
  'referred_to_mediation', // 转调解
  'referred_to_other_authority', // 转其他部门 (referredTo says which)
] as const;
export type WalkInAnswer = (typeof walkInAnswers)[number];

/** Where walk-in visitors are received: the district centre, a legal-aid station, a village's legal service room. */
export const walkInPlaceKinds = ['public_legal_service_centre', 'legal_aid_station', 'village'] as const;
export type WalkInPlaceKind = (typeof walkInPlaceKinds)[number];

/** 人次: a visit counts its persons, 1 to 50. */
export const MAX_PERSONS_PER_VISIT = 50;
export const MAX_REFERRED_TO_LENGTH = 200;
export const MAX_NOTE_LENGTH = 500;
export const MAX_VOID_REASON_LENGTH = 500;

/** One stream per visit; the store's category is the part before the first '-'. */
export const walkInStreamCategory = 'walkInConsultation';

export function walkInStreamName(consultationId: string): string {
  return `${walkInStreamCategory}-${consultationId}`;
}
