import * as z from 'zod/mini';

// What the tracker's calls and the analyses accept. The tracker runs on every page, so it checks
// its calls with ./tracker-guards.ts, the same rules by hand (a unit test holds the two together).

/** An event name: 1–200 characters. */
export const EventNameSchema = z.string().check(z.minLength(1), z.maxLength(200));
const props = z.record(z.string(), z.unknown());

export const PropertiesSchema = z.optional(props);
export const ValueSchema = z.number().check(z.minimum(0));
export const ProductActionSchema = z.enum(['view', 'click', 'add_to_wishlist', 'remove_from_wishlist', 'share']);
export const ProductSchema = z.looseObject({
  id: z.union([z.string().check(z.minLength(1)), z.number()]),
  name: z.optional(z.string()),
  price: z.optional(z.number().check(z.minimum(0))),
  category: z.optional(z.string()),
});
export const CartActionSchema = z.enum(['add', 'remove', 'update', 'view', 'clear']);
export const CartItemSchema = z.optional(z.looseObject({
  id: z.optional(z.union([z.string(), z.number()])),
  quantity: z.optional(z.number().check(z.minimum(0))),
  price: z.optional(z.number().check(z.minimum(0))),
}));
export const CheckoutStepSchema = z.int().check(z.minimum(1), z.maximum(20));
export const SearchQuerySchema = z.string().check(z.maxLength(500));
export const ResultsCountSchema = z.optional(z.int().check(z.minimum(0)));
export const UserIdSchema = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/\S/, 'must not be blank'));
export const PageNameSchema = z.optional(z.string().check(z.maxLength(200)));
export const ErrorInputSchema = z.custom<unknown>((v) => v !== null && v !== undefined, 'expected an Error, a message or an object');
export const BufferSizeSchema = z.int().check(z.minimum(100), z.maximum(1_000_000));
