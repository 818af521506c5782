/**
 * The one place the frontend calls the Featurelab REST API.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/**
 * The server answered with an HTTP error status.
 */
export class ResponseError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The API's `error.code` (snake_case), or `http_<status>`. */
    readonly code: string,
    /** How to fix it, when the server says. */
    readonly hint?: string,
    /** The API's `error.data` (for service errors: `{ kind, ... }`), when present. */
    readonly data?: unknown
  ) {
    super(message);
    this.name = 'ResponseError';
  }
}

/**
 * The request never got an HTTP answer (server down, network, CORS...).
 */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/**
 * Options of `requestAPI`.
 */
export interface IRequestOptions extends RequestInit {
  /** Query parameters, encoded for you. */
  query?: Record<string, string>;
}

/**
 * Call `featurelab/api/<endPoint>` on the Jupyter server.
 *
 * `serverSettings` is passed explicitly (rather than made here) so that the
 * application's settings, with their token and base URL, are always used.
 *
 * @throws NetworkError when no answer arrives, ResponseError on HTTP errors.
 */
export async function requestAPI<T>(
  endPoint: string,
  serverSettings: ServerConnection.ISettings,
  options: IRequestOptions = {}
): Promise<T> {
  const { query, ...init } = options;
  let url = URLExt.join(serverSettings.baseUrl, 'featurelab', 'api', endPoint);
  if (query) {
    url += URLExt.objectToQueryString(query);
  }
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, serverSettings);
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error), {
      cause: error
    });
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Proxies and Tornado's default pages answer HTML; keep the status.
      body = null;
    }
  }
  if (!response.ok) {
    throw errorFromBody(response, body);
  }
  return body as T;
}

/**
 * Read the API's `{ "error": { code, message, hint } }` or Tornado's
 * `{ "message", "reason" }` error bodies.
 */
function errorFromBody(response: Response, body: unknown): ResponseError {
  const fallback = response.statusText || `HTTP ${response.status}`;
  const code = `http_${response.status}`;
  if (!isRecord(body)) {
    return new ResponseError(response.status, fallback, code);
  }
  const error = isRecord(body.error) ? body.error : body;
  return new ResponseError(
    response.status,
    typeof error.message === 'string' && error.message ? error.message : fallback,
    typeof error.code === 'string' ? error.code : code,
    typeof error.hint === 'string' ? error.hint : undefined,
    error.data
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
