/**
 * Responses API Gateway generates itself (errors), after the API's gateway-response
 * customisations (apigateway-rest.md §1.12, §2.2, §2.3).
 *
 * Resolution per field (§2.3 [doc]): the type's own customisation, else the DEFAULT_4XX or
 * DEFAULT_5XX customisation of its class (every type except UNAUTHORIZED falls back), else the
 * built-in default. REQUEST_TOO_LARGE cannot be customised (§2.3 [doc], KNOWN).
 */
import type { DeploymentSnapshot } from '../../state/records/apigateway.js';
import { DEFAULT_TEMPLATES, GATEWAY_RESPONSE_DEFAULTS } from '../../state/records/gateway-response-defaults.js';
import { overrideHeaders, type HeaderPair } from './headers.js';
import { renderTemplate, resolveMappingExpression, TemplateError, type TemplateVariables } from './templates.js';

/** BOTO GatewayResponseType (§1.12 [doc]). */
export type GatewayResponseType =
  | 'DEFAULT_4XX' | 'DEFAULT_5XX' | 'RESOURCE_NOT_FOUND' | 'UNAUTHORIZED' | 'INVALID_API_KEY' | 'ACCESS_DENIED'
  | 'AUTHORIZER_FAILURE' | 'AUTHORIZER_CONFIGURATION_ERROR' | 'INVALID_SIGNATURE' | 'EXPIRED_TOKEN'
  | 'MISSING_AUTHENTICATION_TOKEN' | 'INTEGRATION_FAILURE' | 'INTEGRATION_TIMEOUT' | 'API_CONFIGURATION_ERROR'
  | 'UNSUPPORTED_MEDIA_TYPE' | 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY' | 'REQUEST_TOO_LARGE' | 'THROTTLED'
  | 'QUOTA_EXCEEDED' | 'WAF_FILTERED';

/**
 * `x-amzn-ErrorType` per type. Tags follow §2.2's table; where it has no value the choice is ours.
 */
export const GATEWAY_ERROR_TYPES: Readonly<Record<GatewayResponseType, string>> = {
  MISSING_AUTHENTICATION_TOKEN: 'MissingAuthenticationTokenException', // [obs]
  ACCESS_DENIED: 'AccessDeniedException', // [doc] KC403
  INVALID_SIGNATURE: 'InvalidSignatureException', // [doc] KC403
  EXPIRED_TOKEN: 'ExpiredTokenException', // [inf]
  INVALID_API_KEY: 'ForbiddenException', // [inf]
  THROTTLED: 'TooManyRequestsException', // [inf]
  QUOTA_EXCEEDED: 'LimitExceededException', // [inf]
  INTEGRATION_FAILURE: 'InternalServerErrorException', // [doc][obs] connect failures; [inf] for 502s
  API_CONFIGURATION_ERROR: 'InternalServerErrorException', // [obs] §1.6 Content-Length mapping
  // [inf] §2.2 and §6 leave the 504's error type open; InternalServerErrorException is our pick.
  INTEGRATION_TIMEOUT: 'InternalServerErrorException',
  REQUEST_TOO_LARGE: 'RequestTooLargeException', // [inf] §2.2 has none recorded
  UNSUPPORTED_MEDIA_TYPE: 'UnsupportedMediaTypeException', // [inf]
  BAD_REQUEST_PARAMETERS: 'BadRequestException', // [inf] §2.2
  BAD_REQUEST_BODY: 'BadRequestException', // [inf] §2.2
  RESOURCE_NOT_FOUND: 'ResourceNotFoundException', // [inf]
  UNAUTHORIZED: 'UnauthorizedException', // [inf]
  AUTHORIZER_FAILURE: 'AuthorizerFailureException', // [inf]
  AUTHORIZER_CONFIGURATION_ERROR: 'AuthorizerConfigurationException', // [inf]
  WAF_FILTERED: 'WafFilteredException', // [inf]
  DEFAULT_4XX: 'BadRequestException', // [inf]
  DEFAULT_5XX: 'InternalServerErrorException', // [inf]
};

/**
 * Built-in messages (§2.2). ACCESS_DENIED has none: its text names the principal and the ARN, so
 * the caller writes it.
 */
export const GATEWAY_RESPONSE_MESSAGES: Readonly<Partial<Record<GatewayResponseType, string>>> = {
  MISSING_AUTHENTICATION_TOKEN: 'Missing Authentication Token', // [obs]
  INTEGRATION_TIMEOUT: 'Endpoint request timed out', // [doc]
  INTEGRATION_FAILURE: 'Internal server error', // [doc][obs]
  API_CONFIGURATION_ERROR: 'Internal server error', // [doc][obs]
  DEFAULT_5XX: 'Internal server error', // [inf]
  // [inf] sources quote both "Request Too Long" and "Request Too Large" (§2.2, §6).
  REQUEST_TOO_LARGE: 'Request Too Long',
  INVALID_API_KEY: 'Forbidden', // [inf]
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported Media Type', // [inf]
  THROTTLED: 'Too Many Requests', // [inf]
  QUOTA_EXCEEDED: 'Limit Exceeded', // [inf]
  BAD_REQUEST_BODY: 'Invalid request body', // [inf]
};

/** The template of the built-in responses (§2.2): `{"message":$context.error.messageString}`. */
const BUILT_IN_TEMPLATE = DEFAULT_TEMPLATES['application/json']!;
const BUILT_IN_5XX_TEMPLATE = '{"message": $context.error.messageString}';
/**
 * Resource-policy denials were recorded with a capital `Message`
 * (`{"Message":"User: anonymous is not authorized …"}`, §2.2 [obs], §6).
 */
const BUILT_IN_ACCESS_DENIED_TEMPLATE = '{"Message":$context.error.messageString}';

export interface GatewayResponseVariables extends TemplateVariables {
  /** The plain message; `$context.error.messageString` is derived (JSON-quoted) from it. */
  readonly message: string;
}

export interface GatewayResponseOptions {
  /**
   * The status when no customisation sets one, for situations whose status differs from the
   * type's documented default: e.g. INTEGRATION_FAILURE is documented 504 but connect failures
   * answer 500 and Lambda errors 502, even with an INTEGRATION_FAILURE customisation that sets no
   * status (§2.2, §2.3 [obs]).
   */
  readonly defaultStatus?: number;
  /**
   * `x-amzn-ErrorType` when it differs from the type's: the `{"message":"Forbidden"}` answered
   * for a request naming no API it may reach is `ForbiddenException` (§2.2 [doc][inf]) though it
   * goes out as a DEFAULT_4XX response.
   */
  readonly errorType?: string;
}

export interface RenderedGatewayResponse {
  readonly status: number;
  readonly headers: HeaderPair[];
  readonly body: string;
}

type Customisation = DeploymentSnapshot['gatewayResponses'][number];

/** DEFAULT_4XX/DEFAULT_5XX have no status of their own; 400/500 when sent as such [inf]. */
function builtInStatus(type: GatewayResponseType): number {
  const status = GATEWAY_RESPONSE_DEFAULTS[type];
  if (status !== undefined) return Number(status);
  return type === 'DEFAULT_5XX' ? 500 : 400;
}

function customStatus(customisation: Customisation | undefined): number | undefined {
  const code = customisation?.statusCode;
  return code !== undefined && /^[1-5]\d\d$/.test(code) ? Number(code) : undefined;
}

/** `gatewayresponse.header.X` mappings rendered as headers; unresolvable sources are skipped. */
function mappedHeaders(parameters: Readonly<Record<string, string>>, vars: TemplateVariables): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (const [target, source] of Object.entries(parameters)) {
    if (!target.startsWith('gatewayresponse.header.')) continue;
    const value = resolveMappingExpression(source, vars);
    if (value !== undefined) out.push([target.slice('gatewayresponse.header.'.length), value]);
  }
  return out;
}

/**
 * The response for a gateway error of `type`, given the deployment's customisations.
 * `vars.context.error` is filled in here (`message`, `messageString`, `responseType`).
 */
export function gatewayResponse(
  type: GatewayResponseType,
  customised: DeploymentSnapshot['gatewayResponses'],
  vars: GatewayResponseVariables,
  options: GatewayResponseOptions = {},
): RenderedGatewayResponse {
  const fallbackStatus = options.defaultStatus ?? builtInStatus(type);
  const customisable = type !== 'REQUEST_TOO_LARGE';
  const own = customisable ? customised.find((c) => c.responseType === type) : undefined;
  const classType = fallbackStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const inherited =
    customisable && type !== 'UNAUTHORIZED' && type !== classType ? customised.find((c) => c.responseType === classType) : undefined;

  const status = customStatus(own) ?? customStatus(inherited) ?? fallbackStatus;
  const customTemplate = own?.responseTemplates?.['application/json'] ?? inherited?.responseTemplates?.['application/json'];
  // AWS's own 5xx bodies carry a space after the colon (`{"message": "Internal server error"}`,
  // `{"message": "Endpoint request timed out"}`), unlike its 4xx ones (apigateway-rest.md §2.2
  // table, checklist 28–30 [obs]).
  const template = customTemplate ?? (status >= 500 ? BUILT_IN_5XX_TEMPLATE : type === 'ACCESS_DENIED' ? BUILT_IN_ACCESS_DENIED_TEMPLATE : BUILT_IN_TEMPLATE);

  const templateVars: TemplateVariables = {
    context: { ...vars.context, error: { message: vars.message, messageString: JSON.stringify(vars.message), responseType: type } },
    stageVariables: vars.stageVariables,
    input: vars.input,
  };
  let body: string;
  try {
    body = renderTemplate(template, templateVars);
  } catch (err) {
    // A customised template localvpc cannot render must not hide the error itself: fall back to
    // the built-in body (localvpc's choice).
    if (!(err instanceof TemplateError)) throw err;
    body = renderTemplate(BUILT_IN_TEMPLATE, templateVars);
  }

  // The class default's header mappings apply too; the type's own win on the same name [inf].
  const mapped = overrideHeaders(
    mappedHeaders(inherited?.responseParameters ?? {}, templateVars),
    mappedHeaders(own?.responseParameters ?? {}, templateVars),
  );
  const headers = overrideHeaders(
    [
      ['Content-Type', 'application/json'],
      ['x-amzn-ErrorType', options.errorType ?? GATEWAY_ERROR_TYPES[type]],
    ],
    mapped,
  );
  return { status, headers, body };
}
