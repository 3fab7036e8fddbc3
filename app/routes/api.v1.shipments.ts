import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, validationProblem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { SHIPMENT_STATUSES } from "~/domain/shipments/progress.ts";
import { listShipmentsFor } from "~/models/shipments/shipment-read.server.ts";

/** GET /api/v1/shipments: the shipments the caller's organisation is on. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const params = new URL(request.url).searchParams;
    const status = params
      .getAll("status")
      .flatMap((s) => s.split(","))
      .filter(Boolean);
    const unknown = status.find((s) => !(SHIPMENT_STATUSES as readonly string[]).includes(s));
    if (unknown)
      return validationProblem({
        status: `Unknown status “${unknown}”: use ${SHIPMENT_STATUSES.join(", ")}.`,
      });
    const late = params.get("late");
    if (late !== null && late !== "true" && late !== "false")
      return validationProblem({ late: "Use true or false." });
    const shipments = await listShipmentsFor(caller.organization.id, {
      status,
      late: late === null ? undefined : late === "true",
    });
    return json({ shipments });
  });
}
