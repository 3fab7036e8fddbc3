// Deal settings (commission, provisional share, inspection days) as stored by platform admins,
// over the domain's defaults.
import {
  checkDealSetting,
  DEAL_SETTINGS,
  type DealSettingName,
  type DealSettings,
  resolveDealSettings,
  type SettingCheck,
} from "~/domain/deals/deal-settings.ts";
import { type DbClient, db } from "~/utils/db.server.ts";

export async function readDealSettings(client: DbClient): Promise<DealSettings> {
  const keys = Object.values(DEAL_SETTINGS).map((s) => s.key);
  const rows = await client.platformSetting.findMany({ where: { key: { in: keys } } });
  return resolveDealSettings(rows);
}

/** Stores an admin's value; a bad value is refused naming the setting, nothing written. */
export async function setDealSetting(
  client: DbClient,
  name: DealSettingName,
  value: unknown,
  updatedById: string | null,
): Promise<SettingCheck> {
  const checked = checkDealSetting(name, value);
  if (!checked.ok) return checked;
  const { key } = DEAL_SETTINGS[name];
  await client.platformSetting.upsert({
    where: { key },
    create: { key, value: checked.value, updatedById },
    update: { value: checked.value, updatedById },
  });
  return checked;
}

/** The settings in force now, read outside any transaction (pages: the commission bidders see). */
export function currentDealSettings(): Promise<DealSettings> {
  return readDealSettings(db());
}
