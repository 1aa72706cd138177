// The walk-in consultation's words as the counter says them (the legal-aid service's vocabulary). Each
// topic's label starts with its key digit: on the focused list, typing the digit picks it.
export const topics: ReadonlyArray<readonly [string, string]> = [
  ['labour', '劳动争议'],
  ['marriage_family', '婚姻家庭'],
  ['contract_debt', '合同债务'],
  ['property_housing', '房产物业'],
  ['neighbour_land', '邻里土地'],
  ['personal_injury', '人身损害'],
  ['consumer', '消费维权'],
  ['criminal', '刑事'],
  ['administrative', '行政'],
  ['other', '其他'],
];
export const topicNames: Readonly<Record<string, string>> = Object.fromEntries(topics);

export const answers: ReadonlyArray<readonly [string, string]> = [
  ['answered_on_the_spot', '当场解答'],
  ['referred_to_legal_aid', '转法律援助'],
  ['referred_to_mediation', '转调解'],
  ['referred_to_other_authority', '转其他部门'],
];
export const answerNames: Readonly<Record<string, string>> = Object.fromEntries(answers);

/** The key that picks the i-th item: 1…9, then 0. */
export const keyOf = (i: number) => String((i + 1) % 10);
