const money = new Intl.NumberFormat('es-CO', {
  style: 'currency',
  currency: 'COP',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/** Colombian pesos without decimals. @example formatCop(129900) // '$ 129.900' */
export function formatCop(value: number): string {
  return money.format(value);
}
