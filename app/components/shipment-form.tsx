import { type FormFeedback, TextField } from "~/components/form.tsx";
import type { MilestoneKind } from "~/domain/shipments/milestones.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/** The fields a milestone kind needs beyond time and place (milestones.ts checkMilestoneFields). */
export function MilestoneFacts({ kind, feedback }: { kind: MilestoneKind; feedback?: FormFeedback }) {
  const { t } = useTranslation();
  if (kind === "picked_up") {
    return (
      <>
        <TextField
          name="packaging"
          label={t("shipments.form.packaging")}
          hint={t("shipments.form.packagingHint")}
          feedback={feedback}
        />
        <TextField
          name="stateOfChargePct"
          label={t("shipments.form.stateOfCharge")}
          inputMode="numeric"
          hint={t("shipments.form.stateOfChargeHint")}
          feedback={feedback}
        />
      </>
    );
  }
  if (kind === "received") {
    return (
      <TextField
        name="netWeightKg"
        label={t("shipments.form.netWeight")}
        inputMode="numeric"
        required
        feedback={feedback}
      />
    );
  }
  if (kind === "assayed") {
    return (
      <>
        <TextField
          name="assay.nickelBp"
          label={t("shipments.form.nickel")}
          inputMode="numeric"
          feedback={feedback}
        />
        <TextField
          name="assay.cobaltBp"
          label={t("shipments.form.cobalt")}
          inputMode="numeric"
          feedback={feedback}
        />
        <TextField
          name="assay.lithiumBp"
          label={t("shipments.form.lithium")}
          inputMode="numeric"
          feedback={feedback}
        />
        <TextField
          name="assay.manganeseBp"
          label={t("shipments.form.manganese")}
          inputMode="numeric"
          feedback={feedback}
        />
      </>
    );
  }
  return null;
}
