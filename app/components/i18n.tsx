import { useRouteLoaderData } from '@remix-run/react'
import { translate, type Locale, type MessageKey } from '~/lib/i18n'
import type { Actor } from '~/domain/permissions'

export interface RootData {
  actor: Actor | null
  locale: Locale
  csrf: string
  demoMode: boolean
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>('root')
}

export function useLocale(): Locale {
  return useRootData()?.locale ?? 'zh'
}

/** t('key', { n: 3 }) in the user's language. */
export function useT() {
  const locale = useLocale()
  return (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
}
