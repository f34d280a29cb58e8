// The service a built entry belongs to: dist/apps/<service>/apps/<service>/src/main.js.
'use strict';

exports.serviceOfEntry = (entry) => /[/\\]dist[/\\]apps[/\\]([^/\\]+)[/\\]/.exec(entry ?? '')?.[1] ?? 'app';
