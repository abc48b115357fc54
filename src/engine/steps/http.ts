// http: send a request and judge the response with expressions: Succeeded
// (with outputs) when successExpression holds, Failed when failureExpression
// holds, Running (poll again) while neither does; without expressions, any
// 2xx succeeds.

import { parseGoDuration } from '../../rules/duration.js';
import { array, boolean, defineConfig, goDuration, nonEmptyString, object, string } from '../config-schema.js';
import { nameValueSchema } from '../files/config-parts.js';
import type { ExpressionOutput } from '../files/config-parts.js';
import { errorMessage } from '../files/fs-errors.js';
import { evaluateCriterion, evaluateErrorMessage, evaluateOutputs } from '../files/http-expressions.js';
import { openRequest, readBody } from '../files/http-request.js';
import type { NameValue } from '../files/http-request.js';
import { responseEnv } from '../files/http-response-env.js';
import { TerminalStepError } from '../step.js';
import type { StepResult, StepRunner } from '../step.js';

export interface HttpConfig {
  url: string;
  method?: string;
  headers?: NameValue[];
  queryParams?: NameValue[];
  body?: string;
  insecureSkipTLSVerify?: boolean;
  proxy?: string;
  timeout?: string;
  pollInterval?: string;
  responseContentType?: string;
  outputs?: ExpressionOutput[];
  successExpression?: string;
  failureExpression?: string;
  errorExpression?: string;
}

const MAX_RESPONSE_BYTES = 2 << 20;
const DEFAULT_TIMEOUT = '10s';
const DEFAULT_POLL_INTERVAL = '30s';

export const httpStep: StepRunner<HttpConfig> = {
  kind: 'http',
  validate: defineConfig(
    'http',
    object(
      {
        method: string({ pattern: '^(DELETE|GET|HEAD|PATCH|POST|PUT)$' }),
        url: nonEmptyString(),
        headers: array(nameValueSchema),
        queryParams: array(nameValueSchema),
        body: string(),
        insecureSkipTLSVerify: boolean(),
        proxy: string({ pattern: '^https?://.*$' }),
        timeout: goDuration(),
        pollInterval: goDuration(),
        responseContentType: string({ pattern: '^(application/json|application/yaml|text/plain)$' }),
        outputs: array(object({ name: nonEmptyString(), fromExpression: nonEmptyString() }, { required: ['name', 'fromExpression'] })),
        successExpression: string(),
        failureExpression: string(),
        errorExpression: string(),
      },
      { required: ['url'] },
    ),
  ),
  async run(context, config) {
    const timeoutMs = duration('timeout', config.timeout ?? DEFAULT_TIMEOUT);
    let env: Record<string, unknown>;
    try {
      const open = await openRequest({
        method: config.method || 'GET',
        url: config.url,
        headers: config.headers,
        queryParams: config.queryParams,
        body: config.body,
        insecureSkipTLSVerify: config.insecureSkipTLSVerify,
        proxy: config.proxy,
        timeoutMs,
        signal: context.signal,
      });
      const declared = Number(open.response.headers['content-length'] ?? -1);
      if (declared > MAX_RESPONSE_BYTES) {
        open.response.destroy();
        throw new Error(`error building expression context from HTTP response: response body size ${declared} exceeds limit of ${MAX_RESPONSE_BYTES} bytes`);
      }
      env = responseEnv(open.response, await readBody(open, MAX_RESPONSE_BYTES), config.responseContentType);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('error building')) throw error;
      throw new Error(`error sending HTTP request: ${errorMessage(error)}`);
    }
    return judge(config, env);
  },
};

function judge(config: HttpConfig, env: Record<string, unknown>): StepResult {
  const status = (env.response as { status: number }).status;
  const succeeded = evaluateCriterion('success', config.successExpression, env);
  const failed = evaluateCriterion('failure', config.failureExpression, env);
  if (failed) {
    const detail = evaluateErrorMessage(config.errorExpression, env);
    const message = `HTTP (${status}) response met failure criteria${detail ? `: ${JSON.stringify(detail)}` : ''}`;
    throw new TerminalStepError(message, { status: 'Failed' });
  }
  if (succeeded || (succeeded === undefined && failed === undefined && status >= 200 && status < 300)) {
    return { status: 'Succeeded', output: evaluateOutputs(config.outputs ?? [], env) };
  }
  if (succeeded === undefined && failed === undefined) {
    return { status: 'Failed', message: `HTTP (${status}) response is not a 2xx status and no success or failure expression was given` };
  }
  return { status: 'Running', retryAfterMs: duration('pollInterval', config.pollInterval ?? DEFAULT_POLL_INTERVAL) };
}

function duration(field: string, text: string): number {
  try {
    return parseGoDuration(text);
  } catch (error) {
    throw new TerminalStepError(`error parsing ${field}: ${errorMessage(error)}`);
  }
}
