import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ServicePort } from '@app/contracts';
import { loadCollectorConfig } from '../apps/collector/src/collector.config';
import { documentedValue, interpolateAll, parseCompose, wordsOf } from './support/compose';
import { type OtelConfig, mergeOtelConfigs, readOtelConfig, undefinedComponents } from './support/compose-otelcol';
import { inBuildStage } from './support/docker-context';
import { type ServicesScript, importScript } from './support/scripts';
import { copiesOf, onlyStep, projectDockerfile, repositoryPathOf, stepsOf, workdirOf } from './support/dockerfile';

const ROOT = path.resolve(__dirname, '..');
const ENV_EXAMPLE = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const IMAGE = 'cruddur-tracing:local';

const documented = (name: string, containing = '') => documentedValue(ENV_EXAMPLE, name, containing);

describe('every command, path and port of the Dockerfile and docker-compose.yml, after npm run build', () => {
  const [buildStage, runStage] = projectDockerfile();
  const copies = copiesOf(runStage, buildStage);
  const compose = interpolateAll(parseCompose(), {});
  const ofImage = Object.values(compose.services).filter((service) => service.image === IMAGE);

  /** Whether the image holds `file` (relative to its WORKDIR): a COPY puts it there from a file that exists. */
  function imageHolds(file: string): boolean {
    const source = repositoryPathOf(copies, path.posix.resolve(workdirOf(runStage), file));
    return source !== undefined && inBuildStage(source);
  }

  /** The script a `node [--flags] <script> ...` command runs. */
  const scriptOf = (words: string[]) =>
    words[0] === 'node'
      ? words
          .slice(1)
          .filter((word) => !word.startsWith('-'))
          .slice(0, 1)
      : [];

  it('runs only scripts and apps that the image holds', async () => {
    const { SERVICES, entryOf } = await importScript<ServicesScript>('services.mjs');
    const used = [
      ...scriptOf(onlyStep(runStage, 'ENTRYPOINT').args),
      ...scriptOf(onlyStep(runStage, 'HEALTHCHECK').args.slice(1)),
      ...SERVICES.map((app) => path.relative(ROOT, entryOf(app))),
      ...ofImage.flatMap((service) => scriptOf(wordsOf(service.entrypoint))),
      ...ofImage.flatMap((service) => scriptOf(wordsOf(service.healthcheck?.test).slice(1))),
      // The sampling rules' default path (OTEL_TRACES_SAMPLER_ARG), relative to the WORKDIR.
      ...new Set(ofImage.map((service) => service.environment?.OTEL_TRACES_SAMPLER_ARG).filter(Boolean)),
    ].map(String);
    expect(used).toEqual(expect.arrayContaining(['scripts/container/run.mjs', 'scripts/container/health.mjs']));
    expect(used).toContain('scripts/load.mjs');
    expect(used.filter((file) => !imageHolds(file))).toEqual([]);
  });

  it('copies from files that exist: the context for the build stage, the build stage for the last one', () => {
    const fromContext = stepsOf(buildStage, 'COPY').flatMap((copy) => copy.args.slice(0, -1));
    expect(fromContext.filter((source) => source !== '.' && !inBuildStage(source))).toEqual([]);
    const fromBuild = copies.flatMap((copy) => copy.sources);
    expect(fromBuild.filter((source) => !inBuildStage(source))).toEqual([]);
  });

  it('mounts folders that exist, holding every config file the otel-collector command names', () => {
    const otelCollector = compose.services['otel-collector'];
    const mounts = (otelCollector.volumes ?? []).map((volume) => String(volume).split(':'));
    expect(mounts.length).toBeGreaterThan(0);
    for (const [host] of mounts) expect([host, statSync(path.join(ROOT, host)).isDirectory()]).toEqual([host, true]);
    const configs = [...wordsOf(otelCollector.command), ...documented('OTELCOL_EXTRA_CONFIGS').split(/\s+/)]
      .filter((word) => word.startsWith('--config='))
      .map((word) => word.slice('--config='.length));
    expect(configs.length).toBeGreaterThan(2);
    const onHost = (file: string) => {
      const mount = mounts.find(([, inside]) => file.startsWith(`${inside}/`));
      return mount ? path.join(mount[0], file.slice(mount[1].length)) : `(no mount holds ${file})`;
    };
    expect(configs.map(onHost).filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });

  it("publishes and reaches each app on the app's own default ports", () => {
    const collector = loadCollectorConfig({});
    const containerPorts = (name: string) =>
      (compose.services[name].ports ?? []).map((port) => String(port).split(':').at(-1));
    expect(containerPorts('gateway')).toEqual([String(ServicePort.gateway)]);
    expect(containerPorts('collector')).toEqual([
      String(collector.httpPort),
      `${collector.xrayDaemonPort}/udp`,
      `${collector.xrayDaemonPort}/tcp`,
    ]);
    const { gateway, activities, notifications } = compose.services;
    expect([gateway, notifications].map((service) => service.environment?.ACTIVITIES_URL)).toEqual([
      `http://activities:${ServicePort.activitiesHttp}`,
      `http://activities:${ServicePort.activitiesHttp}`,
    ]);
    expect(notifications.environment?.ACTIVITIES_TCP_ADDRESS).toBe(`activities:${ServicePort.activitiesTcp}`);
    expect([gateway, activities].map((service) => service.environment?.NOTIFICATIONS_TCP_ADDRESS)).toEqual([
      `notifications:${ServicePort.notificationsTcp}`,
      `notifications:${ServicePort.notificationsTcp}`,
    ]);
    for (const service of [gateway, activities, notifications]) {
      expect(service.environment).toEqual(
        expect.objectContaining({
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://collector:${collector.httpPort}`,
          AWS_XRAY_DAEMON_ADDRESS: `collector:${collector.xrayDaemonPort}`,
          AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://collector:${collector.httpPort}`,
          COLLECTOR_URL: `http://collector:${collector.httpPort}`,
        }),
      );
    }
    const load = wordsOf(compose.services.load.command);
    expect(load[load.indexOf('--target') + 1]).toBe(`http://gateway:${ServicePort.gateway}`);
    // The otel-collector profile: the services' endpoint is its OTLP/HTTP receiver, which forwards to the collector.
    const otel = readOtelConfig('config.yaml');
    const receiverPort = (otel.receivers.otlp as { protocols: { http: { endpoint: string } } }).protocols.http.endpoint;
    expect(documented('OTEL_EXPORTER_OTLP_ENDPOINT', '//otel-collector:').replace('http://otel-collector', '')).toBe(
      receiverPort.replace('0.0.0.0', ''),
    );
    expect((otel.exporters['otlp_http/suite'] as { endpoint: string }).endpoint).toBe(
      `http://collector:${collector.httpPort}`,
    );
  });
});

describe('the OpenTelemetry Collector configs of the otel-collector profile', () => {
  const read = readOtelConfig;
  const base = read('config.yaml');
  const overlays = ['awsxray.yaml', 'vendor.yaml'];

  it('parse, and name in their pipelines only components they define, alone or merged in any choice', () => {
    expect(undefinedComponents(base)).toEqual([]);
    for (const overlay of overlays)
      expect([overlay, undefinedComponents(mergeOtelConfigs(base, read(overlay)) as OtelConfig)]).toEqual([
        overlay,
        [],
      ]);
    const all = overlays.reduce<unknown>(
      (merged, overlay) => mergeOtelConfigs(merged, read(overlay)),
      base,
    ) as OtelConfig;
    expect(undefinedComponents(all)).toEqual([]);
    expect(Object.keys(all.service.pipelines).sort()).toEqual(['traces', 'traces/awsxray', 'traces/vendor']);
  });

  it('add destinations as pipelines of their own, since a merge replaces lists', () => {
    for (const overlay of overlays.map(read)) {
      const names = Object.keys(overlay.service.pipelines);
      expect(names.filter((name) => name in base.service.pipelines)).toEqual([]);
      expect(Object.keys(overlay.exporters).length).toBeGreaterThan(0);
    }
  });

  it('finds a pipeline naming a component that is not defined', () => {
    const broken = mergeOtelConfigs(base, {
      service: { pipelines: { traces: { exporters: ['otlp_http/suite', 'awsxray'] } } },
    });
    expect(undefinedComponents(broken as OtelConfig)).toEqual(['pipeline traces: no exporters "awsxray"']);
  });
});
