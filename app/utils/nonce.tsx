import { createContext, type ReactNode, useContext } from "react";

// The per-request CSP nonce, set by the server for inline scripts Remix writes into the page.
const NonceContext = createContext<string>("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
