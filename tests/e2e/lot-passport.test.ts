// "List from a battery passport" in real Chromium: the demo fleet uploads a passport JSON on
// /lots/new and the listing form comes back filled in with its chemistry, form, mass, energy and
// state of health, with no page or console error.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();

describe("list from a battery passport", () => {
  test("a passport file pre-fills the listing form", async () => {
    const { page } = browser;
    const title = unique("Kona passport pack");
    const dir = await mkdtemp(path.join(tmpdir(), "passport-"));
    const file = path.join(dir, "kona.json");
    await writeFile(
      file,
      JSON.stringify({
        specVersion: "urn:io.catenax.battery.battery_pass:6.1.0",
        identification: {
          category: "EV",
          chemistry: "Nickel Manganese Cobalt (NMC811)",
          identification: { type: { manufacturerPartId: "P-1", nameAtManufacturer: title } },
        },
        characteristics: { physicalDimension: { weight: { value: 450, unit: "unit:kilogram" } } },
        performance: {
          rated: { energy: { value: 64 } },
          dynamic: { capacity: { fade: { value: 22, time: "2026-11-01T00:00:00Z" } } },
        },
        sustainability: { status: "waste" },
      }),
    );

    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/new");
    await page.locator("#field-passport").setInputFiles(file);
    await page.getByRole("button", { name: "Read passport" }).click();
    await expect.poll(() => page.locator("#field-chemistry").inputValue()).toBe("NMC811");
    await page.getByText("Filled in from kona.json").waitFor({ state: "visible" });
    expect(await page.locator("#field-title").inputValue()).toBe(title);
    expect(await page.locator("#field-form").inputValue()).toBe("pack");
    expect(await page.locator("#field-massKg").inputValue()).toBe("450");
    expect(await page.locator("#field-energyKwh").inputValue()).toBe("64");
    expect(await page.locator("#field-stateOfHealthPct").inputValue()).toBe("78");
  });
});
