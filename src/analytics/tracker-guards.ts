import { custom, number, object, oneOf, optional, record, string, union } from '../core/guards';

// The tracker's input checks, by hand: the schemas of ./schemas.ts, which the full system uses,
// without zod on every page. tests/unit/analytics/tracker-guards.test.ts holds the two together.

/** `EventNameSchema`: an event name, 1–200 characters. */
export const EventName = string({ min: 1, max: 200 });
/** `PropertiesSchema`. */
export const Properties = optional(record());
/** `ValueSchema`. */
export const Value = number({ min: 0 });
/** `ProductActionSchema`. */
export const ProductAction = oneOf(['view', 'click', 'add_to_wishlist', 'remove_from_wishlist', 'share'] as const);
/** `ProductSchema`. */
export const Product = object(
  {
    id: union(string({ min: 1 }), number()),
    name: optional(string()),
    price: optional(number({ min: 0 })),
    category: optional(string()),
  },
  true,
);
/** `CartActionSchema`. */
export const CartAction = oneOf(['add', 'remove', 'update', 'view', 'clear'] as const);
/** `CartItemSchema`. */
export const CartItem = optional(
  object(
    {
      id: optional(union(string(), number())),
      quantity: optional(number({ min: 0 })),
      price: optional(number({ min: 0 })),
    },
    true,
  ),
);
/** `CheckoutStepSchema`. */
export const CheckoutStep = number({ int: true, min: 1, max: 20 });
/** `SearchQuerySchema`. */
export const SearchQuery = string({ max: 500 });
/** `ResultsCountSchema`. */
export const ResultsCount = optional(number({ int: true, min: 0 }));
/** `UserIdSchema`. */
export const UserId = string({ min: 1, max: 128, pattern: /\S/, message: 'must not be blank' });
/** `PageNameSchema`. */
export const PageName = optional(string({ max: 200 }));
/** `ErrorInputSchema`. */
export const ErrorInput = custom<unknown>((v) => v !== null && v !== undefined, 'expected an Error, a message or an object');
/** `BufferSizeSchema`. */
export const BufferSize = number({ int: true, min: 100, max: 1_000_000 });

/**
 * The hot path's shortcut past the checks: values these accept are ones the schemas accept (a
 * plain object is a valid `record(string, unknown)`, symbol keys aside, which sanitizing drops; a
 * 1–200 character string a valid name); anything else still goes through them, which name the problem.
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(value);
  } catch {
    // A revoked proxy or a throwing trap: not plain; the full check refuses it by name.
    return false;
  }
  return proto === Object.prototype || proto === null;
}

export const isEventName = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 200;
