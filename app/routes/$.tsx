import { GeneralErrorBoundary } from '~/components/error-boundary'
import { notFound } from '~/lib/http.server'

// Any address no other route claims: a 404 page inside the layout.
export async function loader() {
  throw notFound()
}

export default function NotFound() {
  return null
}

export const ErrorBoundary = GeneralErrorBoundary
