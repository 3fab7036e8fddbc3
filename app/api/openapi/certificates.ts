import { CertificateResponse } from "../certificate-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

/** Certificates of recovery (issue 12 items 5 and 8): public, as the verify page is. */
export const certificatesApi: OpenApiFragment = {
  paths: {
    "/api/v1/certificates/{number}": {
      get: {
        operationId: "getCertificate",
        summary: "A certificate of recovery and whether the lot's chain of custody verifies now (public)",
        description:
          "What the receiving facility certified (mass received, process, recovered mass per metal, transport CO2e per leg, avoided emissions, recycled content), the custody chain head when it was issued, and the chain's verification now. `chain.headMatches` is false when the event the certificate names no longer carries its hash.",
        security: [],
        parameters: [
          {
            name: "number",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^PL-COR-[0-9]{6,}$" },
            example: "PL-COR-000001",
          },
        ],
        responses: {
          200: jsonResponse("The certificate", schemaFromZod(CertificateResponse)),
          404: problemResponse("No such certificate"),
        },
      },
    },
  },
  schemas: {},
};
