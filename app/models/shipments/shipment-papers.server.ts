import type { BatteryCondition, Chemistry, LotForm } from "~/domain/codes.ts";
import { paperEconomyName } from "~/domain/economy-names.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import {
  buildDangerousGoodsDocument,
  consignmentFromLot,
  type DangerousGoodsDocument,
} from "~/domain/papers/dangerous-goods.ts";
import { buildMovementDocument, type MovementDocumentResult } from "~/domain/papers/movement-document.ts";
import {
  BATTERY_WASTE_CODES,
  METALS_RECOVERY_OPERATION,
  papersOffered,
  type ShipmentPaper,
} from "~/domain/papers/shipment-papers.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { db } from "~/utils/db.server.ts";
import { partiesOf } from "./milestone-record.server.ts";

/**
 * A shipment's papers for its parties (issue 12 item 3): the dangerous-goods transport document
 * (ADR for road-only routes, IMDG when a leg goes by sea) and, for a shipment that crosses a border,
 * the movement document with its recorded consent. Null when the organisation is not a party or the
 * paper is not offered for this shipment (both are answered 404).
 */

async function loadShipment(shipmentId: string) {
  return db().shipment.findUnique({
    where: { id: shipmentId },
    include: {
      deal: true,
      lot: { include: { economy: { select: { code: true, name: true } } } },
      legs: { orderBy: { sequence: "asc" } },
      destinationFacility: { include: { economy: { select: { code: true, name: true } } } },
      shipper: { include: { economy: { select: { code: true, name: true } } } },
      receiver: { include: { economy: { select: { code: true, name: true } } } },
      carrier: { select: { name: true } },
      consents: { orderBy: { createdAt: "desc" } },
    },
  });
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadShipment>>>;

function isParty(shipment: Loaded, organizationId: string): boolean {
  const parties = partiesOf(shipment);
  return [
    parties.sellerOrganizationId,
    parties.buyerOrganizationId,
    parties.receiverOrganizationId,
    parties.carrierOrganizationId,
  ].includes(organizationId);
}

/** The papers this organisation may download for the shipment ([] when not a party). */
export async function shipmentPapersFor(
  organizationId: string,
  shipmentId: string,
): Promise<ShipmentPaper[]> {
  const shipment = await loadShipment(shipmentId).catch(() => null);
  if (!shipment || !isParty(shipment, organizationId)) return [];
  const consent = await consentFor(shipment);
  return papersOffered({ ...shipment, hasConsent: consent !== null });
}

async function consentFor(shipment: Loaded) {
  return (
    shipment.consents[0] ??
    (await db().transboundaryConsent.findFirst({
      where: { lotId: shipment.lotId, shipmentId: null },
      orderBy: { createdAt: "desc" },
    }))
  );
}

export type PaperResult = DangerousGoodsDocument | MovementDocumentResult | Failure;

/** The paper built for a party, or null (not a party, no such shipment, or not offered). */
export async function shipmentPaper(
  organizationId: string,
  shipmentId: string,
  paper: ShipmentPaper,
  now: Date = new Date(),
  /** The paper's language: its economy names are APEC's in that language (English: as stored). */
  language: LanguageCode = "en",
): Promise<PaperResult | null> {
  const shipment = await loadShipment(shipmentId).catch(() => null);
  if (!shipment || !isParty(shipment, organizationId)) return null;
  const consent = await consentFor(shipment);
  if (!papersOffered({ ...shipment, hasConsent: consent !== null }).includes(paper)) return null;
  const reference = `PL-${shipment.id.slice(-8).toUpperCase()}`;
  const economyName = (economy: { code: string; name: string } | undefined | null) =>
    economy ? paperEconomyName(language, economy) : "";
  const lot = shipment.lot;
  const origin = {
    name: shipment.shipper?.name ?? "Consignor",
    address: lot.locationLabel ?? economyName(lot.economy),
  };
  const facility = shipment.destinationFacility;
  const destination = {
    name: facility?.name ?? shipment.receiver?.name ?? "Consignee",
    address: facility
      ? (facility.address ?? economyName(facility.economy))
      : economyName(shipment.receiver?.economy),
  };
  const fields = consignmentFromLot(
    {
      chemistry: lot.chemistry as Chemistry,
      form: lot.form as LotForm,
      condition: lot.condition as BatteryCondition,
    },
    "recycling",
  );
  const dangerous = fields
    ? buildDangerousGoodsDocument({
        ...fields,
        documentNumber: `${reference}-DG`,
        issuedAt: now,
        regime: shipment.legs.some((leg) => leg.mode === "sea") ? "IMDG" : "ADR",
        unNumber: shipment.unNumber ?? fields.unNumber,
        packageCount: Math.max(1, lot.count),
        packageDescription: shipment.packingInstruction
          ? `packages to packing instruction ${shipment.packingInstruction}`
          : "UN-approved packages",
        grossMassKg: shipment.declaredKg ?? lot.massKg,
        ...(shipment.packingInstruction ? { packingInstruction: shipment.packingInstruction } : {}),
        consignor: origin,
        consignee: destination,
      })
    : null;
  if (paper === "dangerous-goods") {
    return dangerous ?? fail("VALIDATION", "The lot has no dangerous-goods entry.");
  }
  if (!consent) return null;
  return buildMovementDocument({
    documentNumber: `${reference}-MD`,
    issuedAt: now,
    consent: {
      notificationNumber: consent.notificationNumber,
      authority: `Competent authority of ${destination.address || "the importing economy"}`,
      grantedAt: consent.validFrom,
      validUntil: consent.validTo,
      shipmentsConsented: consent.shipmentsConsented,
    },
    serialNumber: consent.serialNumber,
    shipmentDate: shipment.plannedDepartureAt ?? now,
    wasteCodes: BATTERY_WASTE_CODES,
    wasteDescription: `Waste lithium batteries: ${lot.title}`,
    massKg: shipment.declaredKg ?? lot.massKg,
    packageCount: Math.max(1, lot.count),
    exporter: { ...origin, economy: economyName(lot.economy) },
    importer: {
      name: shipment.receiver?.name ?? destination.name,
      address: destination.address,
      economy: economyName(shipment.receiver?.economy),
    },
    facility: { ...destination, economy: economyName(facility?.economy ?? shipment.receiver?.economy) },
    carriers: shipment.carrier
      ? [...new Set(shipment.legs.map((leg) => leg.mode))].map((mode) => ({
          name: shipment.carrier?.name ?? "",
          mode,
        }))
      : [],
    recoveryOperation: METALS_RECOVERY_OPERATION,
    ...(dangerous?.ok ? { dangerousGoods: dangerous.description } : {}),
  });
}
