import { type FormFeedback, TextField } from "~/components/form.tsx";
import type { MilestoneKind } from "~/domain/shipments/milestones.ts";

/** The fields a milestone kind needs beyond time and place (milestones.ts checkMilestoneFields). */
export function MilestoneFacts({ kind, feedback }: { kind: MilestoneKind; feedback?: FormFeedback }) {
  if (kind === "picked_up") {
    return (
      <>
        <TextField
          name="packaging"
          label="Packaging"
          hint="e.g. the packing instruction used"
          feedback={feedback}
        />
        <TextField
          name="stateOfChargePct"
          label="Declared state of charge (%)"
          inputMode="numeric"
          hint="Leave empty for black mass."
          feedback={feedback}
        />
      </>
    );
  }
  if (kind === "received") {
    return (
      <TextField
        name="netWeightKg"
        label="Weighbridge net weight (kg)"
        inputMode="numeric"
        required
        feedback={feedback}
      />
    );
  }
  if (kind === "assayed") {
    return (
      <>
        <TextField name="assay.nickelBp" label="Nickel (bp)" inputMode="numeric" feedback={feedback} />
        <TextField name="assay.cobaltBp" label="Cobalt (bp)" inputMode="numeric" feedback={feedback} />
        <TextField name="assay.lithiumBp" label="Lithium (bp)" inputMode="numeric" feedback={feedback} />
        <TextField name="assay.manganeseBp" label="Manganese (bp)" inputMode="numeric" feedback={feedback} />
      </>
    );
  }
  return null;
}
