import { Module } from '@nestjs/common';
import { GroupsStore } from './groups.store';
import { SamplingProxyServer } from './sampling-proxy.server';
import { SamplingRulesLoader } from './sampling-rules.loader';
import { SamplingRulesStore } from './sampling-rules.store';
import { SamplingTargetsService } from './sampling-targets.service';
import { SamplingOperations } from './sampling.operations';
import { SegmentIngestService } from './segment.ingest.service';
import { TraceSummaryPager } from './trace-summary.pager';
import { TraceQueryService } from './trace.query';
import { XrayDaemonServer } from './xray-daemon.server';
import { XrayErrorFilter } from './xray-error.filter';
import { XrayOtlpIngestService } from './xray-otlp.ingest.service';
import { XrayGroupsController } from './xray-groups.controller';
import { XraySamplingController } from './xray-sampling.controller';
import { XrayTracesController } from './xray-traces.controller';

/**
 * The local stand-in for AWS X-Ray: the daemon (segments over UDP, the
 * sampling proxy over TCP, on one port number) and the X-Ray API on the
 * collector's HTTP port. Exports TraceQueryService (traces by id or window,
 * filter expressions, service graphs) and GroupsStore for the read API, and
 * XrayOtlpIngestService for the OTLP receiver (X-Ray's OTLP endpoint shares its path).
 */
@Module({
  controllers: [XrayTracesController, XrayGroupsController, XraySamplingController],
  providers: [
    SegmentIngestService,
    XrayDaemonServer,
    SamplingProxyServer,
    TraceQueryService,
    TraceSummaryPager,
    GroupsStore,
    SamplingRulesStore,
    SamplingRulesLoader,
    SamplingTargetsService,
    SamplingOperations,
    XrayErrorFilter,
    XrayOtlpIngestService,
  ],
  exports: [TraceQueryService, GroupsStore, XrayOtlpIngestService],
})
export class XrayModule {}
