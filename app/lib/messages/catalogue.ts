// Messages of the catalogue: a zh object and an en object with the same keys.
export const zh = {
  'cat.member.alreadyRemoved': '该供应商已被移出本品目',
  'cat.member.untilPast': '暂停截止时间须晚于当前时间',
} as const

export const en: Record<keyof typeof zh, string> = {
  'cat.member.alreadyRemoved': 'This supplier has already been removed from the category',
  'cat.member.untilPast': 'The end of the suspension must be in the future',
}
