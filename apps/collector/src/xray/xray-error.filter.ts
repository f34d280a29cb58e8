import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StatsService } from '../common/stats.service';
import { writeXrayError, xrayErrorOf } from './xray-error.response';

/**
 * Renders the X-Ray API's errors as AWS does (status, `x-amzn-ErrorType`,
 * `{"message": …}`), so that the SDKs raise the typed exception with its
 * message; and counts the refused request.
 */
@Catch()
@Injectable()
export class XrayErrorFilter implements ExceptionFilter {
  constructor(private readonly stats: StatsService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const answer = xrayErrorOf(exception);
    const sampling = request.path === '/GetSamplingRules' || request.path === '/SamplingTargets';
    if (answer.status < 500) this.stats.count(sampling ? 'xray_sampling' : 'xray_api', 'rejected');
    writeXrayError(http.getResponse<Response>(), answer);
  }
}
