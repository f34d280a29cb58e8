import { InternalServerErrorException } from '@nestjs/common';

/** The 500 of the error-rate fault switch; its message says it was injected, so no one hunts a real bug. */
export class InjectedFaultError extends InternalServerErrorException {
  constructor(rate: number) {
    super(`Injected fault: error (rate ${rate})`);
  }
}
