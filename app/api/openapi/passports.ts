import { BatteryPassResponse } from "../passport-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

export const passportsApi: OpenApiFragment = {
  paths: {
    "/api/v1/lots/{lotId}/passport": {
      get: {
        operationId: "getLotPassport",
        summary:
          "The lot as a battery passport in the field names of the Catena-X model io.catenax.battery.battery_pass 6.1.0",
        description:
          "A partial passport: the fields a lot fills (identification, chemistry, mass, energy, state of health as capacity fade = 100 − SoH, status waste or repurposed, materials by CAS number) and the custody chain head as a source. Black mass and production scrap have none (409 NOT_A_BATTERY).",
        parameters: [
          { name: "lotId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ],
        responses: {
          200: jsonResponse("The passport", schemaFromZod(BatteryPassResponse)),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such lot, or not visible to you"),
          409: problemResponse("The lot is not a battery (NOT_A_BATTERY)"),
        },
      },
    },
  },
  schemas: {},
};
