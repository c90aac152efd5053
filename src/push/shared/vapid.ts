/**
 * `BEl6…` (base64url, as `npm run push:keys` prints it) → the bytes `pushManager.subscribe` wants.
 * @example pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: decodeVapidKey(key) })
 */
export function decodeVapidKey(key: string): Uint8Array<ArrayBuffer> {
  const base64 = (key + '='.repeat((4 - (key.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
