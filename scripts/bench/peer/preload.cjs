// The benchmark's "peer": what a user would set up without this library, loaded before a built
// app (`node --require scripts/bench/peer/preload.cjs <entry>`) whose own tracing is off
// (OTEL_SDK_DISABLED=true). As the original app did, and as the guides say:
// - OpenTelemetry: NodeSDK with getNodeAutoInstrumentations() defaults and its default exporter
//   (OTLP http/protobuf, to OTEL_EXPORTER_OTLP_ENDPOINT), everything sampled (the SDK's default);
// - X-Ray: aws-xray-sdk-core in automatic mode (cls-hooked), captureHTTPsGlobal(http), and
//   aws-xray-sdk-express's openSegment(<service>) as the first middleware of every express app.
// The two SDKs know nothing of each other: each request gives two unrelated traces.
'use strict';
const { registerHooks } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { serviceOfEntry } = require('./service-name.cjs');

const service = serviceOfEntry(process.argv[1]);

startOpenTelemetry();
startXray();

function startOpenTelemetry() {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
  const { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } = require('@opentelemetry/core');
  const { ProxyTracerProvider, trace } = require('@opentelemetry/api');
  // The library's code still runs with its tracing off, and its tracer (`@app/observability`,
  // libs/observability/src/tracer.ts) would get its spans from the global provider, now the
  // peer's SDK: the peer would then record the library's handler and client spans on top of its
  // own. That tracer name gets a no-op tracer (a proxy provider with no delegate hands out no-op
  // tracers), whose spans are noted; every other name goes to the SDK.
  const librarySpans = new WeakSet();
  // The library also writes trace headers itself (HTTP calls, TCP metadata) through the global
  // propagator, under those no-op spans: an HTTP call would then carry its traceparent twice (the
  // library's and the undici instrumentation's), which the callee refuses. A user without the
  // library has no such writes: the propagator skips them. It is the SDK's default set
  // (OTEL_PROPAGATORS' default, tracecontext and baggage), written out so that it can be wrapped.
  const defaults = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  const propagator = {
    inject(context, carrier, setter) {
      if (!librarySpans.has(trace.getSpan(context))) defaults.inject(context, carrier, setter);
    },
    extract: (context, carrier, getter) => defaults.extract(context, carrier, getter),
    fields: () => defaults.fields(),
  };
  // NodeSDK honours OTEL_SDK_DISABLED too: unset while it starts, then back for the app, whose
  // library then stays off.
  const disabled = process.env.OTEL_SDK_DISABLED;
  delete process.env.OTEL_SDK_DISABLED;
  process.env.OTEL_SERVICE_NAME ??= service;
  try {
    new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()], textMapPropagator: propagator }).start();
  } finally {
    if (disabled !== undefined) process.env.OTEL_SDK_DISABLED = disabled;
  }
  const proxy = trace.getTracerProvider();
  const sdkProvider = proxy.getDelegate();
  const noop = new ProxyTracerProvider().getTracer('@app/observability');
  const noted = (span) => (librarySpans.add(span), span);
  const libraryTracer = {
    startSpan: (...args) => noted(noop.startSpan(...args)),
    startActiveSpan: (name, ...rest) => {
      const fn = rest.pop();
      return noop.startActiveSpan(name, ...rest, (span) => fn(noted(span)));
    },
  };
  proxy.setDelegate({
    getTracer: (name, version, options) =>
      name === '@app/observability' ? libraryTracer : sdkProvider.getTracer(name, version, options),
  });
}

function startXray() {
  // The package root on purpose, cls-hooked's promise hook and all: that is what a user of the
  // X-Ray SDK pays, and what the peer is there to measure.
  // eslint-disable-next-line no-restricted-syntax
  const AWSXRay = require('aws-xray-sdk-core');
  AWSXRay.enableAutomaticMode();
  // Everything sampled, as the OpenTelemetry side (the SDK's default is 1 a second + 5 %).
  AWSXRay.middleware.disableCentralizedSampling();
  AWSXRay.middleware.setSamplingRules({ version: 2, default: { fixed_target: 1, rate: 1 }, rules: [] });
  AWSXRay.captureHTTPsGlobal(require('node:http'));
  AWSXRay.captureHTTPsGlobal(require('node:https'));
  hookExpress();
}

/**
 * Every express app made from now on gets openSegment first. Nest's adapter imports express as
 * ESM (`import express from 'express'`), which a require hook does not see and which does not
 * take a replaced require-cache entry: a resolve hook (node:module's registerHooks, in-thread,
 * for import and require alike) sends that one import to express-with-xray.cjs instead.
 */
function hookExpress() {
  const wrapper = path.join(__dirname, 'express-with-xray.cjs');
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === 'express' && context.parentURL?.includes('/@nestjs/platform-express/')) {
        return { url: pathToFileURL(wrapper).href, format: 'commonjs', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
}
