import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of this response, handed from entry.server to <Scripts> in the root.
const NonceContext = createContext<string | undefined>(undefined)
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
