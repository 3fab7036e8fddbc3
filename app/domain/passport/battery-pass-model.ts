/**
 * The parts of the Catena-X battery passport aspect model Packloop reads and writes, with its
 * version and licence (docs/domain/battery-passport.md §10.4; ADR 023). Field names are the model's
 * payload names; only the fields a lot can fill are typed here, and every one is optional so a
 * passport from elsewhere can be read field by field.
 *
 * Model: urn:samm:io.catenax.battery.battery_pass:6.1.0#BatteryPass (Eclipse Tractus-X
 * sldt-semantic-models, status "release", CC-BY-4.0).
 */

export const BATTERY_PASS_MODEL = {
  urn: "urn:samm:io.catenax.battery.battery_pass:6.1.0#BatteryPass",
  specVersion: "urn:io.catenax.battery.battery_pass:6.1.0",
  version: "6.1.0",
  licence: "CC-BY-4.0",
} as const;

/** sustainability.status values of the model (ext-passport StateEnumeration). */
export const PASSPORT_STATES = ["original", "repurposed", "re-used", "remanufactured", "waste"] as const;
export type PassportState = (typeof PASSPORT_STATES)[number];

/** identification.category values of the model (CategoryEnumeration). */
export const PASSPORT_CATEGORIES = ["SLI", "LMT", "EV", "industrial", "portable", "incorporated"] as const;
export type PassportCategory = (typeof PASSPORT_CATEGORIES)[number];

export interface PassportDocumentRef {
  header: string;
  category: string;
  type: string;
  content: string;
}

export interface TimedValue {
  value: number;
  /** ISO 8601 instant. */
  time: string;
}

export interface CompositionEntry {
  id: { type: "CAS" | "EC" | "IUPAC"; name: string; id: string }[];
  concentration: number;
  unit: "unit:percent" | "unit:partPerMillion";
  location: string;
  critical: boolean;
}

export interface BatteryPass {
  specVersion?: string;
  metadata?: {
    version?: string;
    status?: "draft" | "approved" | "invalid" | "expired";
    issueDate?: string;
    lastModification?: string;
    passportIdentifier?: string;
    economicOperatorId?: string;
  };
  identification?: {
    category?: string;
    chemistry?: string;
    identification?: {
      type?: { manufacturerPartId?: string; nameAtManufacturer?: string };
      batch?: { key: string; value: string }[];
    };
  };
  operation?: { manufacturer?: { manufacturer?: string; manufacturingDate?: string } };
  characteristics?: { physicalDimension?: { weight?: { value: number; unit: string } } };
  performance?: {
    rated?: { energy?: { value: number } };
    dynamic?: { capacity?: { fade?: TimedValue } };
  };
  materials?: {
    active?: Partial<Record<"lithium" | "nickel" | "cobalt", { location: string; critical: boolean }>>;
    composition?: CompositionEntry[];
  };
  sustainability?: {
    status?: string;
    carbonFootprint?: { lifecycle: string; type: string; value: number; unit: string }[];
  };
  sources?: PassportDocumentRef[];
}
