/**
 * The compact service models (src/models/<id>.json, written by scripts/gen-models.mjs from
 * botocore's service-2.json with the prose removed) and the lazily built indexes the codecs use.
 *
 * Field names are botocore's (aws-protocols.md §7): `locationName` is Smithy's xmlName/jsonName or
 * the HTTP binding name, `queryName` is ec2QueryName, `error.code` is awsQueryError's code.
 *
 * Loading is lazy and cached per service: nothing is read until a codec first needs it, so the
 * server starts without parsing EC2's 1.1 MiB model.
 */
import { readFileSync } from 'node:fs';
import type { ServiceId } from './types.js';

export type ShapeType = 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob';

export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

export interface XmlNamespace {
  readonly uri: string;
  readonly prefix?: string;
}

export interface ShapeRef {
  readonly shape: string;
}

/** A reference from a structure member, list member or map key/value to a shape, with its traits. */
export interface MemberRef extends ShapeRef {
  readonly location?: MemberLocation;
  readonly locationName?: string;
  readonly queryName?: string;
  readonly flattened?: boolean;
  readonly xmlAttribute?: boolean;
  readonly xmlNamespace?: XmlNamespace;
  readonly timestampFormat?: TimestampFormat;
  readonly idempotencyToken?: boolean;
  readonly jsonvalue?: boolean;
  readonly hostLabel?: boolean;
  /** A few members carry their own enum (apigatewayv2 ExportApiRequest). */
  readonly enum?: readonly string[];
  readonly deprecated?: boolean;
}

export interface ErrorTrait {
  readonly code?: string;
  readonly httpStatusCode?: number;
  readonly senderFault?: boolean;
}

export interface Shape {
  readonly type: ShapeType;
  // structure
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
  readonly payload?: string;
  readonly union?: boolean;
  readonly exception?: boolean;
  readonly fault?: boolean;
  readonly error?: ErrorTrait;
  // list / map
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly flattened?: boolean;
  // scalars
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly timestampFormat?: TimestampFormat;
  readonly sensitive?: boolean;
  readonly locationName?: string;
}

export interface OperationInputRef extends ShapeRef {
  /** restXml: the request body's root element name. */
  readonly locationName?: string;
  readonly xmlNamespace?: XmlNamespace;
}

export interface OperationOutputRef extends ShapeRef {
  /** awsQuery: the `<OpResult>` element name. */
  readonly resultWrapper?: string;
  readonly locationName?: string;
}

export interface OperationModel {
  readonly name: string;
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input?: OperationInputRef;
  readonly output?: OperationOutputRef;
  readonly errors?: readonly ShapeRef[];
  readonly idempotent?: boolean;
}

export interface ModelMetadata {
  readonly apiVersion: string;
  readonly protocol: string;
  readonly endpointPrefix: string;
  readonly signingName?: string;
  readonly targetPrefix?: string;
  readonly jsonVersion?: string;
  readonly xmlNamespace?: string;
  readonly serviceId: string;
}

export interface ModelDocument {
  readonly _generatedFrom: string;
  readonly metadata: ModelMetadata;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/** A structure member with its shape resolved. */
export interface Member {
  readonly name: string;
  readonly ref: MemberRef;
  readonly shapeName: string;
  readonly shape: Shape;
  readonly required: boolean;
}

/** A modelled error shape, indexed by its wire code. */
export interface ErrorShape {
  readonly name: string;
  readonly shape: Shape;
  /** awsQueryError code when set, else the shape name (aws-protocols.md §2). */
  readonly code: string;
  readonly status?: number;
  readonly senderFault: boolean;
}

/**
 * `Model` wraps one service's document with lazily built, cached lookups. Every index is built at
 * most once per process; nothing scans the model per request.
 */
export class Model {
  readonly id: ServiceId;
  readonly doc: ModelDocument;
  readonly metadata: ModelMetadata;
  private readonly memberCache = new WeakMap<Shape, readonly Member[]>();
  private errorIndex: Map<string, ErrorShape> | undefined;

  constructor(id: ServiceId, doc: ModelDocument) {
    this.id = id;
    this.doc = doc;
    this.metadata = doc.metadata;
  }

  operation(name: string): OperationModel | undefined {
    return Object.hasOwn(this.doc.operations, name) ? this.doc.operations[name] : undefined;
  }

  shape(name: string): Shape {
    const s = this.doc.shapes[name];
    if (!s) throw new Error(`${this.id} model has no shape ${name}`);
    return s;
  }

  /** The members of a structure shape, in model order, with shapes resolved. */
  members(shape: Shape): readonly Member[] {
    let list = this.memberCache.get(shape);
    if (!list) {
      const required = new Set(shape.required ?? []);
      list = Object.entries(shape.members ?? {}).map(([name, ref]) => ({ name, ref, shapeName: ref.shape, shape: this.shape(ref.shape), required: required.has(name) }));
      this.memberCache.set(shape, list);
    }
    return list;
  }

  /**
   * The modelled error for a code: by wire code first, then by shape name (a service that throws
   * `TargetGroupNotFoundException` still goes on the wire as `TargetGroupNotFound`).
   */
  errorShape(code: string): ErrorShape | undefined {
    if (!this.errorIndex) {
      const byCode = new Map<string, ErrorShape>();
      const byName: ErrorShape[] = [];
      for (const [name, shape] of Object.entries(this.doc.shapes)) {
        if (!shape.exception) continue;
        const e: ErrorShape = { name, shape, code: shape.error?.code ?? name, status: shape.error?.httpStatusCode, senderFault: shape.fault ? false : shape.error?.senderFault ?? true };
        byCode.set(e.code, e);
        byName.push(e);
      }
      for (const e of byName) if (!byCode.has(e.name)) byCode.set(e.name, e);
      this.errorIndex = byCode;
    }
    return this.errorIndex.get(code);
  }
}

const cache = new Map<ServiceId, Model>();

/** Reads and caches src/models/<id>.json (dist/models/<id>.json once built). */
export function loadModel(service: ServiceId): Model {
  let m = cache.get(service);
  if (!m) {
    const text = readFileSync(new URL(`../models/${service}.json`, import.meta.url), 'utf8');
    m = new Model(service, JSON.parse(text) as ModelDocument);
    cache.set(service, m);
  }
  return m;
}

/** True once `loadModel(service)` has run (for start-up time tests). */
export function isModelLoaded(service: ServiceId): boolean {
  return cache.has(service);
}
