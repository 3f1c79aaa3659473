// Chinese first, English second. Every string the user reads comes from here; validation errors carry a key, not text,
// so that the same schema speaks both languages. Each area of the product keeps its messages in app/lib/messages/*.ts:
// a zh object and an en object with exactly the same keys (the type checker enforces it); this module merges them.
import * as catalogue from './messages/catalogue'
import * as foundation from './messages/foundation'
import * as market from './messages/market'
import * as search from './messages/search'

export const LOCALES = ['zh', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const zh = { ...foundation.zh, ...catalogue.zh, ...market.zh, ...search.zh }

export type MessageKey = keyof typeof zh

const en: Record<MessageKey, string> = { ...foundation.en, ...catalogue.en, ...market.en, ...search.en }

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { zh, en }

export function isMessageKey(key: string): key is MessageKey {
  return key in zh
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = MESSAGES[locale][key] ?? MESSAGES.zh[key] ?? key
  return params ? text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`)) : text
}

export function parseLocale(value: unknown): Locale {
  return value === 'en' ? 'en' : 'zh'
}

/** Shanghai time for every timestamp on screen; the database keeps UTC. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return ''
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(value))
}
