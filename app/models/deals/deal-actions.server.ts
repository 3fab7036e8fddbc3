// A person's step on a deal from its page (issue 11 item 7): the role is worked out here from the
// deal and the person's organisation — never taken from the form — and the move goes through the
// state machine (transitionDeal) or the money steps (releaseProvisional, recordFinalFigures).
import type { DealActorRole } from "~/domain/deals/deal-state.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Deal } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { DEAL_TRANSACTION_OPTIONS } from "./deal-money.server.ts";
import { recordFinalFigures, releaseProvisional } from "./deal-settlement.server.ts";
import { transitionDeal } from "./deal-transitions.server.ts";

export interface DealPerson {
  organizationId: string | null;
  userId: string;
  isPlatformAdmin: boolean;
}

export type DealStepInput =
  | { step: "shipment_departed" }
  | { step: "receipt_recorded"; kg: number }
  | { step: "final_figures_recorded"; kg: number };

const ROLE_FOR: Record<DealStepInput["step"], readonly DealActorRole[]> = {
  shipment_departed: ["payer", "payee", "admin"],
  receipt_recorded: ["receiving_facility", "admin"],
  final_figures_recorded: ["receiving_facility", "admin"],
};

async function rolesOf(deal: Deal, person: DealPerson): Promise<DealActorRole[]> {
  const roles: DealActorRole[] = [];
  if (person.organizationId === deal.payerOrganizationId) roles.push("payer");
  if (person.organizationId === deal.payeeOrganizationId) roles.push("payee");
  if (deal.facilityId && person.organizationId) {
    const facility = await db().facility.findUnique({
      where: { id: deal.facilityId },
      select: { organizationId: true },
    });
    if (facility?.organizationId === person.organizationId) roles.push("receiving_facility");
  }
  if (person.isPlatformAdmin) roles.push("admin");
  return roles;
}

/** Takes one step on a deal for `person`; refused when no role of theirs may take it. */
export async function takeDealStep(
  dealId: string,
  person: DealPerson,
  input: DealStepInput,
  at = new Date(),
): Promise<{ ok: true; deal: Deal } | Failure> {
  if (!isUuid(dealId)) return fail("NOT_FOUND", "There is no such deal.");
  const deal = await db().deal.findUnique({ where: { id: dealId } });
  if (!deal) return fail("NOT_FOUND", "There is no such deal.");
  const roles = await rolesOf(deal, person);
  if (roles.length === 0) return fail("NOT_FOUND", "There is no such deal.");
  const role = ROLE_FOR[input.step].find((r) => roles.includes(r));
  if (!role) return fail("FORBIDDEN", "This step is for another party to the deal.");
  const actor = { role, userId: person.userId, organizationId: person.organizationId };
  if (input.step === "receipt_recorded") return releaseProvisional(dealId, input.kg, at, actor);
  if (input.step === "final_figures_recorded")
    return recordFinalFigures(dealId, { basis: "weight", finalKg: input.kg }, at, actor);
  return db().$transaction(
    (tx) => transitionDeal(tx, { dealId, event: "shipment_departed", actor, at }),
    DEAL_TRANSACTION_OPTIONS,
  );
}
