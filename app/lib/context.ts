// What the Express server hands every loader and action (see scripts/start.ts).
declare module '@remix-run/node' {
  interface AppLoadContext {
    clientAddress: string | null
    cspNonce: string | undefined
  }
}

export type RequestContext = { clientAddress: string | null; cspNonce: string | undefined }

/** Under the Vite dev server there is no Express context; fall back to no address. */
export function clientAddressOf(context: unknown): string | null {
  const c = context as Partial<RequestContext> | undefined
  return c?.clientAddress ?? null
}
