// The shop's products. Prices in cents.
export const CATALOG = [
  { sku: 'SZ-TEE', name: 'Storezero T-shirt', priceCents: 1900, emoji: '👕' },
  { sku: 'SZ-MUG', name: 'Zero-bug mug', priceCents: 1200, emoji: '☕' },
  { sku: 'SZ-CAP', name: 'Silent-auth cap', priceCents: 1500, emoji: '🧢' },
  { sku: 'SZ-STICKERS', name: 'Sticker pack', priceCents: 500, emoji: '🏷️' },
];

const bySku = new Map(CATALOG.map((p) => [p.sku, p]));

export function product(sku) {
  return bySku.get(sku);
}
