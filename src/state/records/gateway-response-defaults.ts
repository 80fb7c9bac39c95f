/**
 * The built-in gateway responses (apigateway-rest.md §1.12, §2.3; GWR): every type's default
 * status (none for DEFAULT_4XX/DEFAULT_5XX) and the default template
 * `{"message":$context.error.messageString}` (§2.2).
 */
export const GATEWAY_RESPONSE_DEFAULTS: Readonly<Record<string, string | undefined>> = {
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  RESOURCE_NOT_FOUND: '404',
  UNAUTHORIZED: '401',
  INVALID_API_KEY: '403',
  ACCESS_DENIED: '403',
  AUTHORIZER_FAILURE: '500',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  INVALID_SIGNATURE: '403',
  EXPIRED_TOKEN: '403',
  MISSING_AUTHENTICATION_TOKEN: '403',
  INTEGRATION_FAILURE: '504',
  INTEGRATION_TIMEOUT: '504',
  API_CONFIGURATION_ERROR: '500',
  UNSUPPORTED_MEDIA_TYPE: '415',
  BAD_REQUEST_PARAMETERS: '400',
  BAD_REQUEST_BODY: '400',
  REQUEST_TOO_LARGE: '413',
  THROTTLED: '429',
  QUOTA_EXCEEDED: '429',
  WAF_FILTERED: '403',
};

export const DEFAULT_TEMPLATES: Readonly<Record<string, string>> = { 'application/json': '{"message":$context.error.messageString}' };
