import { useState } from 'react'
import { verifyDraw } from '~/domain/draw'
import { useT } from './i18n'

/** Fetches /draws/<id>.json and recomputes the draw with Web Crypto in this browser (docs/draw-algorithm.md §10). */
export function DrawVerifier({ drawId }: { drawId: string }) {
  const t = useT()
  const [state, setState] = useState<{ status: 'idle' | 'running' | 'ok' | 'bad'; problems?: string }>({ status: 'idle' })
  async function run() {
    setState({ status: 'running' })
    try {
      const res = await fetch(`/draws/${encodeURIComponent(drawId)}.json`, { headers: { Accept: 'application/json' } })
      const record: unknown = await res.json()
      const result = await verifyDraw(record)
      setState(result.ok ? { status: 'ok' } : { status: 'bad', problems: result.problems.map((p) => p.code).join(', ') })
    } catch (err) {
      setState({ status: 'bad', problems: err instanceof Error ? err.message : String(err) })
    }
  }
  return (
    <div className="mkt-verify">
      <button type="button" className="button" onClick={run} disabled={state.status === 'running'}>
        {t('mkt.draw.verify')}
      </button>{' '}
      <span role="status" aria-live="polite">
        {state.status === 'running' ? t('mkt.draw.verifying') : null}
        {state.status === 'ok' ? <span className="mkt-verify__ok">✔ {t('mkt.draw.verified')}</span> : null}
        {state.status === 'bad' ? <span className="mkt-verify__bad">✘ {t('mkt.draw.notVerified', { problems: state.problems ?? '' })}</span> : null}
      </span>
    </div>
  )
}
