import { Form, useFetcher, useNavigate } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import '~/styles/search.css'
import { useT } from './i18n'

export interface Suggestion {
  text: string
  kind: string
}

/**
 * A GET form to /search with suggestions as you type (a combobox over /api/search/suggest). Without JavaScript it is
 * a plain search form; `keep` carries the current filters and sort as hidden fields. Give it `key={q}` where a new
 * URL (a facet link, the back button) should bring its own query text.
 */
export function SearchBox({ defaultValue = '', keep = [], compact = false }: { defaultValue?: string; keep?: [string, string][]; compact?: boolean }) {
  const t = useT()
  const fetcher = useFetcher<{ q: string; suggestions: Suggestion[] }>()
  const navigate = useNavigate()
  const listId = useId()
  const inputId = useId()
  const [value, setValue] = useState(defaultValue)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const timer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => () => clearTimeout(timer.current), [])

  const suggestions = open && value.trim() && fetcher.data?.q === value.trim() ? fetcher.data.suggestions : []
  const expanded = suggestions.length > 0

  const onChange = (next: string) => {
    setValue(next)
    setActive(-1)
    setOpen(true)
    clearTimeout(timer.current)
    if (next.trim()) timer.current = setTimeout(() => fetcher.load(`/api/search/suggest?q=${encodeURIComponent(next.trim())}`), 150)
  }

  const choose = (text: string) => {
    setValue(text)
    setOpen(false)
    const params = new URLSearchParams(keep)
    params.set('q', text)
    navigate(`/search?${params.toString()}`)
  }

  return (
    <Form method="get" action="/search" role="search" className={compact ? 'searchbox searchbox--compact' : 'searchbox'} onSubmit={() => setOpen(false)}>
      <label htmlFor={inputId} className={compact ? 'visually-hidden' : 'searchbox__label'}>
        {compact ? t('search.headerLabel') : t('search.label')}
      </label>
      <div className="searchbox__row">
        <div className="searchbox__combo">
          <input
            id={inputId}
            type="search"
            name="q"
            value={value}
            autoComplete="off"
            maxLength={200}
            placeholder={compact ? t('search.nav') : t('search.placeholder')}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            onChange={(e) => onChange(e.currentTarget.value)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={(e) => {
              if (!expanded) return
              if (e.key === 'ArrowDown') {
                e.preventDefault()
                setActive((i) => (i + 1) % suggestions.length)
              } else if (e.key === 'ArrowUp') {
                e.preventDefault()
                setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1))
              } else if (e.key === 'Enter' && active >= 0) {
                e.preventDefault()
                choose(suggestions[active]!.text)
              } else if (e.key === 'Escape') {
                setOpen(false)
              }
            }}
          />
          <ul id={listId} role="listbox" aria-label={t('search.suggestions')} className="searchbox__list" hidden={!expanded}>
            {suggestions.map((s, i) => (
              <li
                key={`${s.kind}:${s.text}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'is-active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault()
                  choose(s.text)
                }}
              >
                <span>{s.text}</span>
                <small>{t(`search.kind.${s.kind}` as Parameters<typeof t>[0])}</small>
              </li>
            ))}
          </ul>
        </div>
        {keep.map(([k, v], i) => (
          <input key={`${k}:${v}:${i}`} type="hidden" name={k} value={v} />
        ))}
        <button type="submit" className={compact ? 'button button--ghost' : 'button'}>
          {t('search.submit')}
        </button>
      </div>
    </Form>
  )
}
