import { allocationPlansApi } from "./allocation-plans.ts";
import { awardsApi } from "./awards.ts";
import { bidsApi } from "./bids.ts";
import { bookingsApi } from "./bookings.ts";
import { certificatesApi } from "./certificates.ts";
import { commonSchemas, type OpenApiFragment } from "./common.ts";
import { custodyApi } from "./custody.ts";
import { dealsApi } from "./deals.ts";
import { disputesApi } from "./disputes.ts";
import { economiesApi } from "./economies.ts";
import { facilitiesApi } from "./facilities.ts";
import { lotsApi } from "./lots.ts";
import { passportsApi } from "./passports.ts";
import { priceIndexApi } from "./price-index.ts";
import { quotesApi } from "./quotes.ts";
import { scenariosApi } from "./scenarios.ts";
import { shipmentsApi } from "./shipments.ts";
import { verificationApi } from "./verification.ts";

// Each resource describes its own endpoints in a fragment beside this file; add it here.
const fragments: OpenApiFragment[] = [
  economiesApi,
  facilitiesApi,
  lotsApi,
  quotesApi,
  allocationPlansApi,
  bookingsApi,
  bidsApi,
  awardsApi,
  passportsApi,
  dealsApi,
  disputesApi,
  custodyApi,
  shipmentsApi,
  certificatesApi,
  priceIndexApi,
  scenariosApi,
  verificationApi,
];

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Packloop API",
      version: "1.0.0",
      description:
        "Lots of end-of-life EV batteries, recycling facilities and their capacity across the APEC region. " +
        "Money is `{ amountMinor, currency }` in minor units; masses are kilograms; coordinates are `{ lat, lng }`. " +
        "Errors are `application/problem+json` with a stable `code` and, for invalid input, one entry per field in `errors`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths: Object.assign({}, ...fragments.map((f) => f.paths)),
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "An organisation API token created under Settings → API tokens (shown once).",
        },
        sessionCookie: { type: "apiKey", in: "cookie", name: "__session" },
      },
      schemas: Object.assign({}, commonSchemas, ...fragments.map((f) => f.schemas)),
    },
  };
}
