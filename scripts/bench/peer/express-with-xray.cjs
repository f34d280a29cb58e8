// What Nest's express adapter gets instead of `express` under the peer preload: express itself,
// whose apps each get aws-xray-sdk-express's openSegment(<service>) as their first middleware,
// as a user following the X-Ray guide writes `app.use(AWSXRayExpress.openSegment('gateway'))` first.
'use strict';
const path = require('node:path');
const xrayExpress = require('aws-xray-sdk-express');
const { serviceOfEntry } = require('./service-name.cjs');

const adapter = path.dirname(require.resolve('@nestjs/platform-express'));
const express = require(require.resolve('express', { paths: [adapter] }));
const service = serviceOfEntry(process.argv[1]);

function expressWithXray(...args) {
  const app = express(...args);
  app.use(xrayExpress.openSegment(service));
  return app;
}
// express.Router, express.json, express.static...: what the adapter reads off the default export.
Object.assign(expressWithXray, express);
module.exports = expressWithXray;
