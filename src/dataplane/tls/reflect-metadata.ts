/**
 * The smallest Reflect metadata API that @peculiar/x509 needs.
 *
 * @peculiar/x509 registers its algorithms with tsyringe, which refuses to load unless
 * `Reflect.getMetadata` exists ("tsyringe requires a reflect polyfill"). The usual polyfill
 * (`reflect-metadata`) is not among our dependencies, so this module defines the four functions
 * tsyringe and TypeScript's decorator helpers call, and only if nothing defined them already.
 * Import it before @peculiar/x509 (ESM evaluates imports in order).
 */
type Key = string | symbol;
type Bag = Map<Key | undefined, Map<unknown, unknown>>;

const store = new WeakMap<object, Bag>();

function bag(target: object, property: Key | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let byProperty = store.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    store.set(target, (byProperty = new Map()));
  }
  let values = byProperty.get(property);
  if (!values && create) byProperty.set(property, (values = new Map()));
  return values;
}

const reflect = Reflect as unknown as Record<string, unknown>;

if (typeof reflect.getMetadata !== 'function') {
  const defineMetadata = (key: unknown, value: unknown, target: object, property?: Key) => {
    bag(target, property, true)!.set(key, value);
  };
  const getOwnMetadata = (key: unknown, target: object, property?: Key) => bag(target, property, false)?.get(key);
  const getMetadata = (key: unknown, target: object, property?: Key) => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const values = bag(t, property, false);
      if (values?.has(key)) return values.get(key);
    }
    return undefined;
  };
  reflect.defineMetadata = defineMetadata;
  reflect.getOwnMetadata = getOwnMetadata;
  reflect.getMetadata = getMetadata;
  reflect.metadata = (key: unknown, value: unknown) => (target: object, property?: Key) => defineMetadata(key, value, target, property);
}

export {};
