/**
 * Deal settings platform admins edit (PlatformSetting rows). A key without a row uses its default.
 * A deal copies them when it is made, so a later change never alters a running deal (ADR 017).
 */

export interface DealSettingSpec {
  readonly key: string;
  readonly label: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  readonly unit: "bp" | "days";
}

export const DEAL_SETTINGS = {
  /** No commission until an admin sets one: a default fee would be a business claim nobody made. */
  commissionBp: {
    key: "deals.commission_bp",
    label: "Platform commission",
    defaultValue: 0,
    min: 0,
    max: 5_000,
    unit: "bp",
  },
  provisionalShareBp: {
    key: "deals.provisional_share_bp",
    label: "Provisional release on receipt",
    defaultValue: 9_000,
    min: 0,
    max: 10_000,
    unit: "bp",
  },
  inspectionDays: {
    key: "deals.inspection_days",
    label: "Inspection window",
    defaultValue: 7,
    min: 1,
    max: 90,
    unit: "days",
  },
  /** Days from the award to the payment deadline; unpaid by then, the deal lapses (ADR 019). */
  paymentDays: {
    key: "deals.payment_days",
    label: "Payment deadline",
    defaultValue: 7,
    min: 1,
    max: 60,
    unit: "days",
  },
  /** Days a dispute may stay unagreed before it goes to the platform's admins (ADR 026). */
  disputeEscalationDays: {
    key: "deals.dispute_escalation_days",
    label: "Dispute escalation",
    defaultValue: 5,
    min: 1,
    max: 60,
    unit: "days",
  },
} as const satisfies Record<string, DealSettingSpec>;

export type DealSettingName = keyof typeof DEAL_SETTINGS;
export type DealSettings = Record<DealSettingName, number>;

export type SettingCheck = { ok: true; value: number } | { ok: false; field: string; message: string };

/** Validates an admin's new value for a setting; the error names the setting. */
export function checkDealSetting(name: DealSettingName, value: unknown): SettingCheck {
  const spec: DealSettingSpec = DEAL_SETTINGS[name];
  if (typeof value !== "number" || !Number.isInteger(value) || value < spec.min || value > spec.max) {
    return {
      ok: false,
      field: name,
      message: `${spec.label} must be a whole number of ${spec.unit === "bp" ? "basis points" : "days"} from ${spec.min} to ${spec.max}.`,
    };
  }
  return { ok: true, value };
}

/** The settings in force: stored values by key over the defaults (an out-of-range row is ignored). */
export function resolveDealSettings(rows: readonly { key: string; value: number }[]): DealSettings {
  const settings = {} as DealSettings;
  for (const name of Object.keys(DEAL_SETTINGS) as DealSettingName[]) {
    const row = rows.find((r) => r.key === DEAL_SETTINGS[name].key);
    const checked = row ? checkDealSetting(name, row.value) : null;
    settings[name] = checked?.ok ? checked.value : DEAL_SETTINGS[name].defaultValue;
  }
  return settings;
}
