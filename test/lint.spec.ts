import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..');

/** The messages the project's own eslint.config.mjs gives for `code` as if it were the file at `filePath`. */
async function lint(code: string, filePath: string): Promise<Array<{ ruleId: string | null; message: string }>> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

describe('the lint rules on imports', () => {
  it('refuse the package root of aws-xray-sdk-core in an app, saying why', async () => {
    const messages = await lint(
      "import * as AWSXRay from 'aws-xray-sdk-core';\nexport const root = AWSXRay;\n",
      'apps/gateway/src/some-file.ts',
    );
    expect(messages).toEqual([
      {
        ruleId: '@typescript-eslint/no-restricted-imports',
        message: expect.stringContaining(
          "turns on cls-hooked's promise hook for the whole process (measured 35% slower)",
        ),
      },
    ]);
  });

  it('allow a deep module of aws-xray-sdk-core', async () => {
    const messages = await lint(
      "import Segment = require('aws-xray-sdk-core/dist/lib/segments/segment');\nexport const segment = Segment;\n",
      'apps/gateway/src/some-file.ts',
    );
    expect(messages).toEqual([]);
  });

  it('refuse @opentelemetry/api in an app, and allow it in libs/observability', async () => {
    const code = "import { trace } from '@opentelemetry/api';\nexport const tracer = trace.getTracer('x');\n";
    expect(await lint(code, 'apps/gateway/src/some-file.ts')).toEqual([
      {
        ruleId: '@typescript-eslint/no-restricted-imports',
        message: expect.stringContaining('use OpenTelemetry only through @app/observability'),
      },
    ]);
    expect(await lint(code, 'libs/observability/src/some-file.ts')).toEqual([]);
  });

  it("allow an app's telemetry.ts to start telemetry through @app/observability/telemetry", async () => {
    const code =
      "import { startTelemetry } from '@app/observability/telemetry';\nexport const start = startTelemetry;\n";
    expect(await lint(code, 'apps/gateway/src/telemetry.ts')).toEqual([]);
  });
});
