import type { LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { getSearchEngine } from '~/lib/search.server'
import { searchSuggestions } from '~/services/search.server'

// GET /api/search/suggest?q=… → { q, suggestions: [{ text, kind }] }: titles of the best matches, for the search box.
export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  const suggestions = await searchSuggestions(await getSearchEngine(), q)
  return data({ q, suggestions }, { headers: { 'Cache-Control': 'public, max-age=30' } })
}
