import { setTimeout as sleep } from 'node:timers/promises';
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { dropTcpReply, isTcpEvent, recordInjectedFault } from '@app/observability';
import { type Observable, defer, mergeMap } from 'rxjs';
import { type DrawnFault, FaultSwitches, type HandlerCall } from './fault-switches';
import { InjectedFaultError } from './injected-fault.error';
import { NO_FAULTS_METADATA } from './no-faults.decorator';

/**
 * Applies the fault switches to every handler call, inside the handler's span
 * (it runs after the TracingInterceptor), each fault marked on that span with
 * a `fault.injected` event before it takes effect. Nothing is drawn for
 * handlers marked @NoFaults, and nothing at all costs more than one draw when
 * every switch is off.
 */
@Injectable()
export class FaultInterceptor implements NestInterceptor {
  constructor(
    @Inject(FaultSwitches) private readonly switches: FaultSwitches,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(executionContext: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    if (
      this.reflector.getAllAndOverride<boolean>(NO_FAULTS_METADATA, [
        executionContext.getHandler(),
        executionContext.getClass(),
      ])
    ) {
      return next.handle();
    }
    const rpcContext =
      executionContext.getType() === 'rpc' ? executionContext.switchToRpc().getContext<object>() : undefined;
    const call: HandlerCall = !rpcContext ? 'http' : isTcpEvent(rpcContext) ? 'tcp-event' : 'tcp-request';
    const faults = this.switches.draw(call);
    if (faults.length === 0) return next.handle();
    return defer(() => inject(faults, rpcContext)).pipe(mergeMap(() => next.handle()));
  }
}

async function inject(faults: readonly DrawnFault[], rpcContext: object | undefined): Promise<void> {
  for (const fault of faults) {
    recordInjectedFault(fault.kind, fault.value);
    switch (fault.kind) {
      case 'cpu':
        busyFor(fault.value);
        break;
      case 'latency':
        await sleep(fault.value);
        break;
      case 'drop_reply':
        if (rpcContext) dropTcpReply(rpcContext);
        break;
      case 'error':
        throw new InjectedFaultError(fault.value);
    }
  }
}

/** Blocks the event loop, as CPU-bound work in a handler would: every other request of the process waits too. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spinning on purpose
  }
}
