// Synonym groups shared by both engines: every term of a group finds the documents of every other term.
// Terms are written normalised (half-width, lower case). Keep terms within one script (all Chinese or all Latin):
// the embedded engine substitutes Chinese terms inside a Chinese run and Latin terms as whole words.

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['物业', '物业管理', '物业服务'],
  ['保安', '安保', '保安服务'],
  ['电商', '电子商务', '网上商城'],
  ['印刷', '印制', '打印'],
  ['劳务派遣', '人力派遣', '人力资源派遣'],
  ['定点加油', '车辆加油', '油料供应'],
  ['食堂管理', '食堂承包', '食堂托管'],
  ['保险经纪', '保险中介'],
  ['医疗设备', '医疗器械'],
  ['图书', '书籍', '图书采购'],
  ['小型建设工程', '小型工程', '零星工程'],
  ['造价咨询', '工程造价', '造价'],
  ['测绘', '测量'],
  ['审计', '审计服务'],
  ['环评', '环境影响评价'],
  ['招标代理', '采购代理'],
  ['法律服务', '律师服务', '法律顾问'],
]

/** Meilisearch `synonyms` setting: every term maps to all the other terms of its group (multi-way). */
export function meiliSynonyms(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const group of groups) {
    for (const term of group) {
      const others = group.filter((t) => t !== term)
      out[term] = [...new Set([...(out[term] ?? []), ...others])]
    }
  }
  return out
}

/** term → all terms of its group(s), including itself. */
export function synonymIndex(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Map<string, string[]> {
  const map = new Map<string, Set<string>>()
  for (const group of groups) {
    for (const term of group) {
      const set = map.get(term) ?? new Set<string>()
      for (const t of group) set.add(t)
      map.set(term, set)
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]))
}
