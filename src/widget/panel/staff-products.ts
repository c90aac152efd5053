import type { Bot, ProductCard } from '../../bot';
import type { Message } from '../../messaging';

/** The product cards of staff messages, as the panel draws them. */
export interface StaffProducts {
  /**
   * The cards of a message that names catalog skus (a staff member's product cards), once the
   * store's catalog has them; empty until then (the text fallback shows meanwhile), and for skus
   * the catalog does not know.
   */
  of(message: Pick<Message, 'id' | 'products'>): readonly ProductCard[];
}

/**
 * Looks the skus of staff messages up in the store's own catalog (never trusting what came over
 * the wire), once per message, and says which message to draw again when its cards are known.
 * @example const products = createStaffProducts(bot, (id) => renderEntry(id)); products.of(message)
 */
export function createStaffProducts(bot: Pick<Bot, 'getProductCards'>, onResolved: (messageId: string) => void): StaffProducts {
  const known = new Map<string, readonly ProductCard[]>();
  const asked = new Set<string>();
  return {
    of(message) {
      const skus = message.products;
      if (!skus?.length) return [];
      const cards = known.get(message.id);
      if (cards) return cards;
      if (!asked.has(message.id)) {
        asked.add(message.id);
        bot.getProductCards(skus).then(
          (found) => {
            known.set(message.id, found);
            if (found.length) onResolved(message.id);
          },
          // No catalog (offline before it was ever cached): the text fallback stays; the next draw asks again.
          () => asked.delete(message.id),
        );
      }
      return [];
    },
  };
}
