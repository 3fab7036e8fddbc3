import { isIP } from "node:net";

/**
 * TRUST_PROXY → Express's `trust proxy` setting (issue 17 defect 3, ADR 024). Express takes a
 * string as a list of addresses, so "1" used to reach it as the address 0.0.0.1: behind a proxy
 * nobody was trusted, no cookie was Secure and every user shared the proxy's log-in and write
 * limits. Here:
 *
 * - unset, "", "false", "0": trust no proxy (req.ip is the socket's address);
 * - a whole number n ("1"): trust n hops — the client is the address the n-th proxy appended to
 *   X-Forwarded-For, and X-Forwarded-Proto/Host come from the proxy. The usual setting;
 * - a comma list of addresses, subnets (CIDR or address/netmask) and Express's names `loopback`,
 *   `linklocal`, `uniquelocal`: trust hops from those addresses only;
 * - "true" is refused: it trusts every entry of X-Forwarded-For, so any client chooses its own
 *   address by sending the header and walks past every per-address limit.
 *
 * Anything else is refused with the entry named, so a typo stops the server instead of silently
 * trusting nobody (or everybody).
 */

export type TrustProxySetting = false | number | string[];

export type TrustProxyParse = { ok: true; setting: TrustProxySetting } | { ok: false; message: string };

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMES.has(entry)) return true;
  const slash = entry.indexOf("/");
  if (slash < 0) return isIP(entry) !== 0;
  const address = entry.slice(0, slash);
  const range = entry.slice(slash + 1);
  const family = isIP(address);
  if (family === 0) return false;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  // address/netmask (IPv4 only, as proxy-addr accepts it)
  return family === 4 && isIP(range) === 4;
}

export function parseTrustProxy(value: string | undefined): TrustProxyParse {
  const text = (value ?? "").trim();
  if (text === "" || text.toLowerCase() === "false" || text === "0") return { ok: true, setting: false };
  if (text.toLowerCase() === "true") {
    return {
      ok: false,
      message:
        '"true" trusts every X-Forwarded-For entry, so any client could choose its own address and pass ' +
        "every per-address limit. Set the number of proxies in front of Packloop (usually 1) or their " +
        "addresses (e.g. loopback or 10.0.0.0/8).",
    };
  }
  if (/^\d+$/.test(text)) return { ok: true, setting: Number(text) };
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => entry === ""))
    return { ok: false, message: `"${text}" has an empty entry; separate addresses with single commas.` };
  const bad = entries.find((entry) => !isAddressOrSubnet(entry.toLowerCase()));
  if (bad !== undefined) {
    return {
      ok: false,
      message: `"${bad}" is not a number of proxies, an IP address, a subnet or one of loopback, linklocal, uniquelocal.`,
    };
  }
  return {
    ok: true,
    setting: entries.map((entry) => (NAMES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry)),
  };
}
