/**
 * Resource routing of a deployment (apigateway-rest.md §2.6, checklist 18–24).
 *
 * `compileRoutes` builds a segment trie once per deployment; `match` walks it depth-first trying,
 * at each segment, the static child, then the `{param}` child, then the `{greedy+}` child. That
 * visits the resources that match the path in specificity order (static beats `{param}` beats
 * `{greedy+}`, segment by segment from the left), and the first one with a method for the verb
 * wins: an explicit verb before ANY on the same resource, and otherwise on to the next, less
 * specific candidate, even across static siblings (§2.6 [obs]). No regex is built per request.
 */
import type { Method, ResourceTree } from '../../state/records/apigateway.js';

export interface RouteMatch {
  readonly resource: ResourceTree;
  readonly method: Method;
  /** URL-decoded per segment; a greedy value keeps `/` between its segments (`a/b`). */
  readonly pathParameters: Readonly<Record<string, string>>;
}

export interface RouteTable {
  /**
   * `path` is the request path after the stage segment (`/a/b`, `/`, or `` for the root), raw
   * (percent-encoded) and possibly ending in `/`. `undefined` → 403 Missing Authentication Token
   * (§2.2).
   */
  match(httpMethod: string, path: string): RouteMatch | undefined;
}

/** What `ANY` stands for (§1.5 [doc]). HEAD is not implied by GET (§2.6 [inf]). */
export const ANY_VERBS: ReadonlySet<string> = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);

interface Endpoint {
  readonly resource: ResourceTree;
  readonly methods: Readonly<Record<string, Method>>;
}

interface TrieNode {
  endpoint?: Endpoint;
  readonly statics: Map<string, TrieNode>;
  param?: { readonly name: string; readonly node: TrieNode };
  greedy?: { readonly name: string; readonly endpoint: Endpoint };
}

const newNode = (): TrieNode => ({ statics: new Map() });

const GREEDY_PART = /^\{([^{}]+)\+\}$/;
const PARAM_PART = /^\{([^{}]+)\}$/;

/** The method serving `verb` on a resource: the explicit verb, else ANY if it covers the verb. */
function methodFor(endpoint: Endpoint, verb: string): Method | undefined {
  const own = Object.prototype.hasOwnProperty.call(endpoint.methods, verb) ? endpoint.methods[verb] : undefined;
  if (own) return own;
  return ANY_VERBS.has(verb) && Object.prototype.hasOwnProperty.call(endpoint.methods, 'ANY') ? endpoint.methods.ANY : undefined;
}

/**
 * Path segments after the stage: one leading `/` and every trailing `/` dropped (`/pets/` reaches
 * `/pets`, §2.6 [doc][inf]); the root is no segment at all.
 */
function segmentsOf(path: string): string[] {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  const start = path.startsWith('/') ? 1 : 0;
  if (end <= start) return [];
  return path.slice(start, end).split('/');
}

/** Percent-decoding of one segment; a malformed escape leaves the segment raw. */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

class CompiledRoutes implements RouteTable {
  constructor(private readonly root: TrieNode) {}

  match(httpMethod: string, path: string): RouteMatch | undefined {
    // Split on the raw `/` first, then decode: `%2F` stays inside its segment (§6 leaves it open [inf]).
    const segments = segmentsOf(path).map(decodeSegment);
    const params: [string, string][] = [];

    const found = (endpoint: Endpoint | undefined): RouteMatch | undefined => {
      const method = endpoint && methodFor(endpoint, httpMethod);
      return method && { resource: endpoint.resource, method, pathParameters: Object.fromEntries(params) };
    };

    const search = (node: TrieNode, index: number): RouteMatch | undefined => {
      if (index === segments.length) return found(node.endpoint);
      const segment = segments[index]!;
      const staticChild = node.statics.get(segment);
      if (staticChild) {
        const hit = search(staticChild, index + 1);
        if (hit) return hit;
      }
      // `{param}` takes exactly one non-empty segment.
      if (node.param && segment !== '') {
        params.push([node.param.name, segment]);
        const hit = search(node.param.node, index + 1);
        params.pop();
        if (hit) return hit;
      }
      // `{greedy+}` takes one or more segments, so never its parent's own path (§2.6 [doc]).
      if (node.greedy) {
        params.push([node.greedy.name, segments.slice(index).join('/')]);
        const hit = found(node.greedy.endpoint);
        params.pop();
        if (hit) return hit;
      }
      return undefined;
    };

    return search(this.root, 0);
  }
}

/**
 * Puts one resource into the trie by its `path`. A greedy part that is not the last segment (the
 * control plane forbids it, §1.4) leaves the resource unreachable. The control plane also allows
 * one variable part per parent (§1.4), so a node has at most one `{param}` and one `{greedy+}`
 * child; should a snapshot carry more, the first wins.
 */
function place(root: TrieNode, resource: ResourceTree): void {
  const parts = segmentsOf(resource.path);
  const endpoint: Endpoint = { resource, methods: resource.methods };
  let node = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const greedy = GREEDY_PART.exec(part);
    if (greedy) {
      if (i === parts.length - 1) node.greedy ??= { name: greedy[1]!, endpoint };
      return;
    }
    const param = PARAM_PART.exec(part);
    if (param) {
      node.param ??= { name: param[1]!, node: newNode() };
      node = node.param.node;
    } else {
      let child = node.statics.get(part);
      if (!child) node.statics.set(part, (child = newNode()));
      node = child;
    }
  }
  node.endpoint ??= endpoint;
}

/** Compiles a deployment's resources into a route table (once per deployment). */
export function compileRoutes(resources: readonly ResourceTree[]): RouteTable {
  const root = newNode();
  for (const resource of resources) place(root, resource);
  return new CompiledRoutes(root);
}
