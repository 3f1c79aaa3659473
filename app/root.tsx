import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import appCss from './styles/app.css?url'
import favicon from './assets/favicon.svg?url'
import { CsrfInput } from './components/forms'
import { GeneralErrorBoundary } from './components/error-boundary'
import { SearchBox } from './components/search-box'
import { useT, type RootData } from './components/i18n'
import { useNonce } from './components/nonce'
import { RoleBadge } from './components/ui'
import { hasPermission, type Actor } from './domain/permissions'
import { csrfToken } from './lib/csrf.server'
import { getEnv } from './lib/env.server'
import type { MessageKey } from './lib/i18n'
import { getLocale } from './lib/locale.server'
import { getActor } from './lib/session.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appCss },
  { rel: 'icon', href: favicon, type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: '采购 Caigou · 公共资源交易中心' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const [actor, locale, csrf] = await Promise.all([getActor(request), getLocale(request), csrfToken(request)])
  const body: RootData = { actor, locale, csrf: csrf.token, demoMode: getEnv().demoMode }
  return data(body, csrf.setCookie ? { headers: { 'Set-Cookie': csrf.setCookie } } : undefined)
}

function navFor(actor: Actor | null): { to: string; label: MessageKey }[] {
  const items: { to: string; label: MessageKey }[] = [{ to: '/', label: 'nav.home' }, { to: '/search', label: 'search.nav' }]
  items.push({ to: '/projects', label: 'mkt.nav.projects' }, { to: '/results', label: 'mkt.nav.results' })
  items.push({ to: '/catalogue', label: 'cat.nav.catalogue' })
  if (!actor) return items
  if (hasPermission(actor, 'read:catalogue')) items.push({ to: '/admin/catalogue', label: 'cat.nav.admin' })
  if (actor.role === 'supplier') items.push({ to: '/supplier/catalogue', label: 'cat.nav.myCatalogue' })
  if (actor.role === 'agency' || actor.role === 'supplier') items.push({ to: '/catalogue/orders', label: 'cat.nav.orders' })
  if (actor.role === 'expert') items.push({ to: '/expert', label: 'mkt.nav.expert' })
  items.push({ to: '/notifications', label: 'mkt.nav.notifications' })
  if (hasPermission(actor, 'read:market')) items.push({ to: '/admin/market', label: 'mkt.nav.admin' })
  if (hasPermission(actor, 'manage:organizations')) items.push({ to: '/admin/organizations', label: 'nav.organizations' })
  if (hasPermission(actor, 'manage:users')) items.push({ to: '/admin/users', label: 'nav.users' })
  if (actor.role === 'supervisor') items.push({ to: '/supervise/organizations', label: 'nav.organizations' })
  if (hasPermission(actor, 'read:audit')) items.push({ to: '/supervise/audit', label: 'nav.audit' })
  if (actor.organizationId && !hasPermission(actor, 'read:organizations')) {
    items.push({ to: `/organizations/${actor.organizationId}`, label: 'nav.myOrganization' })
  }
  return items
}

function Header({ root }: { root: RootData | undefined }) {
  const t = useT()
  const location = useLocation()
  const actor = root?.actor ?? null
  const back = `${location.pathname}${location.search}`
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <NavLink to="/" className="brand" aria-label={t('app.fullName')}>
          <span className="brand__seal" aria-hidden="true">采</span>
          <span className="brand__text">
            <strong>{t('app.name')}</strong>
            <small>{t('app.fullName')}</small>
          </span>
        </NavLink>
        <nav className="mainnav" aria-label="main">
          {navFor(actor).map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/'}>
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
        <div className="topbar__tools">
          {location.pathname === '/search' ? null : <SearchBox compact />}
          <Form method="post" action="/locale" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="locale" value={root?.locale === 'en' ? 'zh' : 'en'} />
            <input type="hidden" name="redirectTo" value={back} />
            <button type="submit" className="link-button" aria-label={t('nav.languageLabel')} lang={root?.locale === 'en' ? 'zh' : 'en'}>
              {t('nav.language')}
            </button>
          </Form>
          {actor ? (
            <>
              <NavLink to="/account" className="userchip">
                <span className="userchip__name">{actor.displayName}</span>
                <RoleBadge role={actor.role} />
              </NavLink>
              <Form method="post" action="/logout" className="inline-form">
                <CsrfInput />
                <button type="submit" className="button button--ghost">
                  {t('nav.signOut')}
                </button>
              </Form>
            </>
          ) : (
            <NavLink to={`/login?redirectTo=${encodeURIComponent(back)}`} className="button button--ghost">
              {t('nav.signIn')}
            </NavLink>
          )}
        </div>
      </div>
    </header>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<RootData>('root')
  const nonce = useNonce()
  const t = useT()
  return (
    <html lang={root?.locale === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t('nav.skip')}
        </a>
        <Header root={root} />
        <main id="main" className="container">
          {children}
        </main>
        <footer className="footer">
          <div className="container">
            <span>{t('app.fullName')}</span>
            <span>{root?.locale === 'en' ? 'All times are Beijing time (UTC+8).' : '页面时间均为北京时间（UTC+8）。'}</span>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export const ErrorBoundary = GeneralErrorBoundary
