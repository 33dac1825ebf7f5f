/**
 * Result schemas as values: each schema checks a parsed JSON value and gives its TypeScript type (`Infer<S>`), so
 * a result file's writer and its readers share one declaration, and a file that does not match is a clear error
 * naming the field. Objects are closed: a key the schema does not list is an error (the schema is the whole file).
 * `json` marks a subtree that is recorded for people, not read by code, and is not checked further.
 */

export class SchemaError extends Error {}

export interface Schema<T> {
  /** Returns the value typed, or throws a SchemaError naming the field path. */
  check(value: unknown, at: string): T;
  /** What the schema expects, for error messages. */
  readonly expects: string;
  /** Marks an object field that may be absent. */
  readonly optional?: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function fail(at: string, expects: string, value: unknown): never {
  const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value === "object" ? "an object" : String(value);
  throw new SchemaError(`${at || "the file"}: expected ${expects}, got ${got}`);
}

function leaf<T>(expects: string, ok: (v: unknown) => boolean): Schema<T> {
  return { expects, check: (v, at) => (ok(v) ? (v as T) : fail(at, expects, v)) };
}

export const num = leaf<number>("a number", (v) => typeof v === "number" && Number.isFinite(v));
export const int = leaf<number>("an integer", (v) => Number.isInteger(v));
export const str = leaf<string>("a string", (v) => typeof v === "string");
export const bool = leaf<boolean>("a boolean", (v) => typeof v === "boolean");
/** Any JSON value: a subtree kept for people to read, which no code reads. */
export const json = leaf<unknown>("any JSON value", () => true);

export function oneOf<const T extends readonly (string | number)[]>(...values: T): Schema<T[number]> {
  return leaf(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, (v) => values.includes(v as T[number]));
}

export function nullable<T>(s: Schema<T>): Schema<T | null> {
  return { expects: `${s.expects} or null`, check: (v, at) => (v === null ? null : s.check(v, at)) };
}

/** An object field that may be absent. */
export function opt<T>(s: Schema<T>): Schema<T | undefined> & { readonly optional: true } {
  return { ...s, optional: true, check: (v, at) => (v === undefined ? undefined : s.check(v, at)) };
}

export function arr<T>(s: Schema<T>): Schema<T[]> {
  return {
    expects: `an array of ${s.expects}`,
    check: (v, at) => (Array.isArray(v) ? v.map((x, i) => s.check(x, `${at}[${i}]`)) : fail(at, `an array of ${s.expects}`, v)),
  };
}

/** A fixed-length array, one schema per position (an interval's two ends). */
export function tuple<const S extends readonly Schema<unknown>[]>(...items: S): Schema<{ -readonly [K in keyof S]: Infer<S[K]> }> {
  const expects = `an array of ${items.length}`;
  return {
    expects,
    check: (v, at) => {
      if (!Array.isArray(v) || v.length !== items.length) return fail(at, expects, v);
      return items.map((s, i) => s.check(v[i], `${at}[${i}]`)) as { -readonly [K in keyof S]: Infer<S[K]> };
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A map with free keys (model names, case ids) and values of one schema. */
export function rec<T>(s: Schema<T>): Schema<Record<string, T>> {
  const expects = `an object of ${s.expects}`;
  return {
    expects,
    check: (v, at) => {
      if (!isObject(v)) return fail(at, expects, v);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, s.check(x, `${at}.${k}`)]));
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<P extends Shape> = { [K in keyof P]: P[K] extends { optional: true } ? K : never }[keyof P];
type Flatten<T> = { [K in keyof T]: T[K] };
export type ObjectOf<P extends Shape> = Flatten<
  { [K in Exclude<keyof P, OptionalKeys<P>>]: Infer<P[K]> } & { [K in OptionalKeys<P>]?: Infer<P[K]> }
>;

export interface ObjectSchema<P extends Shape> extends Schema<ObjectOf<P>> {
  readonly shape: P;
}

/** A closed object: every listed key checked (optional ones may be absent), an unlisted key is an error. */
export function obj<P extends Shape>(shape: P): ObjectSchema<P> {
  const expects = `an object with ${Object.keys(shape).join(", ")}`;
  return {
    shape,
    expects,
    check: (v, at) => {
      if (!isObject(v)) return fail(at, "an object", v);
      const field = (k: string) => (at ? `${at}.${k}` : k);
      for (const k of Object.keys(v)) {
        if (!(k in shape)) throw new SchemaError(`${field(k)}: not a field of this result (expected only ${Object.keys(shape).join(", ")})`);
      }
      for (const [k, s] of Object.entries(shape)) {
        if (!(k in v) && !s.optional) throw new SchemaError(`${field(k)}: missing (expected ${s.expects})`);
        s.check(v[k], field(k));
      }
      return v as ObjectOf<P>;
    },
  };
}

/** The object schema `base` with more fields (or fields replaced). */
export function extend<P extends Shape, Q extends Shape>(base: ObjectSchema<P>, more: Q): ObjectSchema<Omit<P, keyof Q> & Q> {
  return obj({ ...base.shape, ...more } as Omit<P, keyof Q> & Q);
}

/** A value of one of two formats (the first that accepts it). */
export function either<A, B>(a: Schema<A>, b: Schema<B>): Schema<A | B> {
  const expects = `${a.expects}, or ${b.expects}`;
  return {
    expects,
    check: (v, at) => {
      try {
        return a.check(v, at);
      } catch (e) {
        if (!(e instanceof SchemaError)) throw e;
        try {
          return b.check(v, at);
        } catch {
          throw e;
        }
      }
    },
  };
}
