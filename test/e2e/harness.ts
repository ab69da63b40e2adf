/**
 * A tiny sequential test runner for the browser flow: each test is named, runs in order (the flow
 * builds on the previous step), and a failure is reported without stopping the following tests.
 */

export interface TestResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

type TestFn = () => Promise<void>;

export class Suite {
  private readonly tests: { name: string; fn: TestFn; timeoutMs: number }[] = [];

  test(name: string, fn: TestFn, timeoutMs = 60_000): void {
    this.tests.push({ name, fn, timeoutMs });
  }

  async run(log: (line: string) => void = console.log): Promise<TestResult[]> {
    const results: TestResult[] = [];
    for (const { name, fn, timeoutMs } of this.tests) {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          fn(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`délai dépassé (${timeoutMs / 1000} s)`)), timeoutMs);
          }),
        ]);
        results.push({ name, ok: true, ms: Date.now() - started });
        log(`  ✓ ${name}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({ name, ok: false, error: message, ms: Date.now() - started });
        log(`  ✗ ${name}\n      ${message.split('\n').join('\n      ')}`);
      } finally {
        clearTimeout(timer);
      }
    }
    return results;
  }

  /** Run the tests, then print the closing line CI reads (`label: N passed, M failed`); the exit code. */
  async runAndReport(label: string): Promise<number> {
    const results = await this.run();
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${label}: ${results.length - failed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  }
}

/** Run a browser suite as a script: its exit code, and a failure to even start counted as one failed test. */
export function runScript(label: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      console.log(`${label}: 0 passed, 1 failed`);
      process.exit(1);
    },
  );
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
