/**
 * A deal's human reference and the payment reference a payer quotes on a bank transfer
 * (PL-DL-000123): unique per deal because the deal number is, and easy to read back from a bank
 * statement line.
 */

export function dealLabel(number: number): string {
  return `DL-${String(number).padStart(6, "0")}`;
}

export function paymentReference(number: number): string {
  return `PL-${dealLabel(number)}`;
}

/** The deal number a payment reference names, or null when the text names none. */
export function parsePaymentReference(text: string): number | null {
  const match = /PL[\s-]?DL[\s-]?0*(\d{1,9})(?!\d)/i.exec(text);
  return match ? Number(match[1]) : null;
}
