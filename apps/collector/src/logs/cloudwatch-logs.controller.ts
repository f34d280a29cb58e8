import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonTooDeepError, parseJson } from '@app/common';
import { Controller, Header, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { CollectorLimits } from '../collector.config';
import { COLLECTOR_LIMITS } from '../collector.constants';
import { readBody } from '../common/body.reader';
import { ProtocolError } from '../common/protocol.error';
import { CloudWatchErrorFilter } from './cloudwatch-error.filter';
import { CloudWatchLogsErrors } from './cloudwatch-logs.errors';
import { CloudWatchLogsOperations } from './cloudwatch-logs.operations';
import { AMZ_JSON_1_1, CLOUDWATCH_LOGS, CLOUDWATCH_LOGS_TARGET_PREFIX } from './logs.constants';
import { RecordIntake } from '../intake';

/** The region of a SigV4 `Authorization` header's credential scope. Signatures are not checked. */
const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/logs\/aws4_request/;

/**
 * CloudWatch Logs' JSON 1.1 protocol: `POST /`, the operation in
 * `X-Amz-Target: Logs_20140328.<Operation>`, members as a JSON object.
 * Credentials are not checked (there is no account).
 */
@Controller()
@UseFilters(CloudWatchErrorFilter)
@RecordIntake('cloudwatch-logs')
export class CloudWatchLogsController {
  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: CollectorLimits,
    private readonly operations: CloudWatchLogsOperations,
  ) {}

  @Post()
  @HttpCode(200)
  @Header('Content-Type', AMZ_JSON_1_1)
  async handle(@Req() request: IncomingMessage, @Res({ passthrough: true }) response: ServerResponse): Promise<object> {
    response.setHeader('x-amzn-RequestId', randomUUID());
    const operation = this.operationOf(request);
    const body = await readBody(request, this.limits.bodyLimitBytes);
    const text = body.toString('utf8').trim();
    let parsed: unknown;
    try {
      // SDKs send `{}` for operations without members; accept an empty body as the same.
      parsed = text === '' ? {} : parseJson(text);
    } catch (error) {
      if (error instanceof JsonTooDeepError)
        throw CloudWatchLogsErrors.serialization(`The request body is refused: ${error.message}`);
      throw CloudWatchLogsErrors.serialization(`The request body is not valid JSON: ${(error as Error).message}`);
    }
    const authorization = request.headers.authorization ?? '';
    const region = CREDENTIAL_SCOPE.exec(authorization)?.[1] ?? CLOUDWATCH_LOGS.defaultRegion;
    return this.operations.run(operation, parsed, { region, now: Date.now() });
  }

  /** The operation named by `X-Amz-Target`, once the request is known to be a JSON 1.1 call. */
  private operationOf(request: IncomingMessage): string {
    const target = request.headers['x-amz-target'];
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (typeof target !== 'string' || !target.startsWith(CLOUDWATCH_LOGS_TARGET_PREFIX)) {
      request.resume();
      throw CloudWatchLogsErrors.unknownOperation(
        target === undefined
          ? `Missing X-Amz-Target header: CloudWatch Logs calls are POST / with X-Amz-Target: ${CLOUDWATCH_LOGS_TARGET_PREFIX}<Operation>`
          : `Unknown X-Amz-Target "${String(target)}": expected ${CLOUDWATCH_LOGS_TARGET_PREFIX}<Operation>`,
      );
    }
    if (contentType !== AMZ_JSON_1_1 && contentType !== 'application/json') {
      request.resume();
      throw new ProtocolError(
        415,
        'UnsupportedMediaTypeException',
        `Content-Type must be ${AMZ_JSON_1_1}, got ${contentType === '' ? 'none' : `"${contentType}"`}`,
      );
    }
    return target.slice(CLOUDWATCH_LOGS_TARGET_PREFIX.length);
  }
}
