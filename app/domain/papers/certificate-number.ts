/**
 * Certificates of recovery are numbered from one database sequence and shown as `PL-COR-000123`
 * (as deals are DL-000123): the number is what the QR code and `/verify/:certificateNumber` carry.
 */

const PREFIX = "PL-COR-";

export function formatCertificateNumber(serial: number): string {
  return `${PREFIX}${String(serial).padStart(6, "0")}`;
}

/** The serial of "PL-COR-000123" (case-insensitive), or null for anything else. */
export function parseCertificateNumber(text: string): number | null {
  const match = /^PL-COR-(\d{1,12})$/i.exec(text.trim());
  if (!match) return null;
  const serial = Number(match[1]);
  return Number.isSafeInteger(serial) && serial > 0 && serial <= 2_147_483_647 ? serial : null;
}
