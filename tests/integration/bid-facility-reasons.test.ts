// The bid form's facility choice (ADR 066): a recycler's facility that cannot take the lot says why
// by the first blocker's code and the economies its sentence names, which the page words with the
// matching's catalogue sentences (quote.blockers.*) in its language — not the engine's English.
import { beforeAll, describe, expect, test } from "vitest";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { blockerSentence } from "~/domain/matching/blocker-sentences.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { bidFacilityChoices } from "~/models/bidding/bid-facilities.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields } from "../fixtures/facilities.ts";

let seller: Bidder;
let recycler: Bidder;
let narrow: { id: string; name: string };

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  recycler = await accountWith(["recycler"]);
  // Takes LFP only: the NMC622 test lot is not for it.
  const profile = validateFacilityProfile(facilityFields({ acceptedChemistries: ["LFP"] }));
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  const facility = await createFacility(recycler.organizationId, profile.profile);
  narrow = { id: facility.id, name: facility.name };
});

describe("why a facility cannot take the lot, as a code", () => {
  test("the first blocker's code and the economies, worded in Japanese and Thai by the catalogue", async () => {
    const lot = await openLot(seller.organizationId);
    expect(lot.chemistry).not.toBe("LFP");
    const [choice] = await bidFacilityChoices(lot, [narrow]);
    expect(choice).toMatchObject({ id: narrow.id, canTake: false });
    expect(choice!.reason).toEqual({
      code: "CHEMISTRY_NOT_ACCEPTED",
      lotEconomy: lot.economyCode,
      facilityEconomy: expect.any(String),
    });
    const facts = {
      facilityName: narrow.name,
      lotEconomy: choice!.reason!.lotEconomy,
      facilityEconomy: choice!.reason!.facilityEconomy,
    };
    const { key, values } = blockerSentence(choice!.reason!.code, facts);
    expect(translatorFor("en")(key, values)).toBe(`${narrow.name} does not accept this chemistry.`);
    for (const language of ["ja", "th"] as const) {
      const worded = translatorFor(language)(key, values);
      expect(worded).toContain(narrow.name);
      expect(worded).not.toContain("does not accept");
    }
  });
});
