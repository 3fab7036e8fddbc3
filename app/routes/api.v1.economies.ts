import { apiHandler, json } from "~/api/http.server.ts";
import { listEconomies } from "~/models/economy.server.ts";

// Public reference data: no credentials needed.
export async function loader() {
  return apiHandler(async () => {
    const economies = await listEconomies();
    return json(
      {
        economies: economies.map((e) => ({
          code: e.code,
          name: e.name,
          port: { name: e.portName, locode: e.portLocode, location: { lat: e.portLat, lng: e.portLng } },
          baselParty: e.baselParty,
          oecdMember: e.oecdMember,
          currency: e.currency,
        })),
        total: economies.length,
      },
      { headers: { "Cache-Control": "public, max-age=300" } },
    );
  });
}
