import type { ReactNode } from 'react'
import { useId } from 'react'
import { Form, Link } from '@remix-run/react'
import { useT } from './i18n'

// The GET filter form above list pages: labelled inputs and selects, then a search button and a reset link.

export interface FilterOption {
  value: string
  label: string
}

interface FilterBarProps {
  children: ReactNode
  /** Where the reset link goes; `null` shows no reset link. */
  reset?: string | null
  /** Marks the form as a search landmark (role="search"). */
  landmark?: boolean
}

export function FilterBar({ children, reset = '?', landmark = true }: FilterBarProps) {
  const t = useT()
  return (
    <Form method="get" className="filters" role={landmark ? 'search' : undefined}>
      {children}
      <div className="filters__actions">
        <button type="submit" className="button">{t('common.search')}</button>
        {reset === null ? null : <Link to={reset} className="button button--secondary">{t('common.reset')}</Link>}
      </div>
    </Form>
  )
}

interface FilterTextProps {
  label: string
  name: string
  defaultValue?: string | null
  type?: 'text' | 'date'
  placeholder?: string
  inputMode?: 'decimal' | 'numeric'
  size?: number
}

export function FilterText({ label, name, defaultValue, ...rest }: FilterTextProps) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} defaultValue={defaultValue ?? ''} {...rest} />
    </div>
  )
}

export function FilterDate(props: Omit<FilterTextProps, 'type'>) {
  return <FilterText {...props} type="date" />
}

interface FilterSelectProps {
  label: string
  name: string
  options: readonly FilterOption[]
  defaultValue?: string | null
  /** The label of the leading empty-value option; `common.all` unless told. */
  emptyLabel?: string
}

export function FilterSelect({ label, name, options, defaultValue, emptyLabel }: FilterSelectProps) {
  const t = useT()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ''}>
        <option value="">{emptyLabel ?? t('common.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  )
}
