/**
 * Map keys come from the request (Tags, query-string maps). `setEntry` stores them as own data
 * properties even when the key is `__proto__`, which a plain assignment would treat as the
 * object's prototype.
 */
export function setEntry(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
